// main/index.ts's start-up, with the Electron stand-in and a fake core: the data folder it
// settles first, the profile and single-instance lock it puts in that folder, and the page it loads.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ipcChannelFor } from '../../main/contract/api';

const { desktop, electronOfThisTest, fakeCreateCore, freshDesktop, launch } = await vi.hoisted(() => import('./desktop-per-test'));
vi.mock('electron', electronOfThisTest);
vi.mock('../../main/core/create-core', fakeCreateCore);

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'main-start-'));
  freshDesktop().electron.state.paths.appData = join(root, 'app-data');
  vi.unstubAllEnvs();
  vi.stubEnv('FLOWENT_COMPANION_DATA_DIR', join(root, 'data'));
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

/** Imports main/index.ts for a start that ends before any window. */
async function launchRefused(): Promise<void> {
  await import('../../main/index');
  await new Promise((resolve) => setTimeout(resolve, 30));
}

describe('the data folder', () => {
  it('refuses an empty FLOWENT_COMPANION_DATA_DIR in the commands’ words, exits 1, and touches no folder', async () => {
    vi.stubEnv('FLOWENT_COMPANION_DATA_DIR', '');
    await launchRefused();
    expect(desktop.electron.errorBoxes).toEqual([
      {
        title: 'Flowent Companion could not start',
        content: 'FLOWENT_COMPANION_DATA_DIR is set but empty: set it to a folder, or unset it to use the default one.',
      },
    ]);
    expect(desktop.electron.state.exitCode).toBe(1);
    expect(desktop.electron.calls).not.toContain('app.quit');
    expect(desktop.cores).toEqual([]);
    expect(existsSync(join(root, 'app-data'))).toBe(false);
  });

  it('takes a relative FLOWENT_COMPANION_DATA_DIR from the folder it was started in, as the commands do, and uses the absolute path', async () => {
    vi.spyOn(process, 'cwd').mockReturnValue(root);
    vi.stubEnv('FLOWENT_COMPANION_DATA_DIR', 'companion-data');
    const { core } = await launch();
    expect(core.options.dataDir).toBe(join(root, 'companion-data'));
    expect(desktop.electron.state.paths.userData).toBe(join(root, 'companion-data', 'desktop-profile'));
  });

  it('says why it cannot use a data folder (a file on its path) instead of quitting without a word', async () => {
    writeFileSync(join(root, 'a-file'), '');
    vi.stubEnv('FLOWENT_COMPANION_DATA_DIR', join(root, 'a-file', 'data'));
    await launchRefused();
    expect(desktop.electron.errorBoxes).toHaveLength(1);
    expect(desktop.electron.errorBoxes[0]!.content).toBe(
      `Cannot use the data folder ${join(root, 'a-file', 'data')}: a part of its path is a file, not a folder. ` +
        'Start the app with FLOWENT_COMPANION_DATA_DIR set to another folder.',
    );
    expect(desktop.electron.state.exitCode).toBe(1);
    expect(desktop.cores).toEqual([]);
  });
});

describe('the profile and the single-instance lock', () => {
  it('keeps Chromium’s profile, and with it the lock, in a folder inside FLOWENT_COMPANION_DATA_DIR’s folder', async () => {
    const { core } = await launch();
    expect(core.options.dataDir).toBe(join(root, 'data'));
    expect(desktop.electron.state.paths.userData).toBe(join(root, 'data', 'desktop-profile'));
    expect(existsSync(join(root, 'data', 'desktop-profile'))).toBe(true);
  });

  it('keeps it inside the default data folder when no folder is named', async () => {
    vi.stubEnv('FLOWENT_COMPANION_DATA_DIR', undefined);
    const { core } = await launch();
    expect(core.options.dataDir).toBe(join(root, 'app-data', 'flowent-companion'));
    expect(desktop.electron.state.paths.userData).toBe(join(root, 'app-data', 'flowent-companion', 'desktop-profile'));
  });

  it('sets the profile before asking for the lock, which Electron takes in the profile', async () => {
    const asked: string[] = [];
    desktop.electron.module.app.requestSingleInstanceLock = () => {
      asked.push(desktop.electron.state.paths.userData!);
      return false;
    };
    await launchRefused();
    expect(asked).toEqual([join(root, 'data', 'desktop-profile')]);
    expect(desktop.electron.calls).toContain('app.quit');
    expect(desktop.electron.errorBoxes).toEqual([]);
  });
});

describe('the page it loads', () => {
  it('a packaged app loads its built page whatever ELECTRON_RENDERER_URL says, and IPC answers no other origin', async () => {
    (desktop.electron.module.app as { isPackaged: boolean }).isPackaged = true;
    vi.stubEnv('ELECTRON_RENDERER_URL', 'https://attacker.example/');
    const { win } = await launch();
    expect(win.loaded.file).toMatch(/renderer[/\\]index\.html$/);
    const fromRemote = { sender: win.webContents, senderFrame: { url: 'https://attacker.example/x', parent: null } };
    await expect(desktop.electron.module.ipcMain.call(ipcChannelFor('getStatus'), fromRemote)).rejects.toThrow(/refused/);
    const fromPage = { sender: win.webContents, senderFrame: { url: pathToFileURL(win.loaded.file!).href, parent: null } };
    await expect(desktop.electron.module.ipcMain.call(ipcChannelFor('getStatus'), fromPage)).resolves.toBeDefined();
  });

  it('an unpackaged app loads the dev server on loopback, and nothing off it', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'https://attacker.example/');
    expect((await launch()).win.loaded.file).toMatch(/renderer[/\\]index\.html$/);
    freshDesktop().electron.state.paths.appData = join(root, 'app-data');
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    expect((await launch()).win.loaded).toEqual({ url: 'http://localhost:5173' });
  });
});
