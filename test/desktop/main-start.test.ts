// main/index.ts's start-up, with the Electron stand-in and a fake core: the data folder it
// settles first, the profile and single-instance lock it puts in that folder, and the page it loads.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ipcChannelFor } from '../../main/contract/api';
import type { CoreOptions } from '../../main/core/create-core';
import { createElectronStandIn } from './electron-stand-in';
import { createFakeCore, type FakeCore } from './fake-core';

const h = vi.hoisted(() => ({ electron: null as unknown as ReturnType<typeof createElectronStandIn>, cores: [] as FakeCore[] }));
vi.mock('electron', async () => {
  const { createElectronStandIn: create } = await import('./electron-stand-in');
  const keys = Object.keys(create().module) as Array<keyof typeof h.electron.module>;
  return Object.defineProperties({}, Object.fromEntries(keys.map((key) => [key, { get: () => h.electron.module[key], enumerable: true }])));
});
vi.mock('../../main/core/create-core', () => ({
  createCore: (options: CoreOptions) => {
    const core = createFakeCore(options, {
      calls: h.electron.calls,
      startResult: () => ({ ok: true, value: { host: '127.0.0.1', port: 8787, baseUrl: 'http://127.0.0.1:8787' } }),
      stopped: Promise.resolve(),
    });
    h.cores.push(core);
    return core;
  },
}));

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'main-start-'));
  h.electron = createElectronStandIn();
  h.electron.state.paths.appData = join(root, 'app-data');
  h.cores = [];
  vi.unstubAllEnvs();
  vi.stubEnv('FLOWENT_COMPANION_DATA_DIR', join(root, 'data'));
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
  vi.resetModules();
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

async function launch() {
  await import('../../main/index');
  await vi.waitFor(() => expect(h.electron.windows).toHaveLength(1));
  return { core: h.cores[0]!, win: h.electron.windows[0]! };
}

/** Imports main/index.ts for a start that ends before any window. */
async function launchRefused(): Promise<void> {
  await import('../../main/index');
  await new Promise((resolve) => setTimeout(resolve, 30));
}

describe('the data folder', () => {
  it('refuses an empty FLOWENT_COMPANION_DATA_DIR in the commands’ words, exits 1, and touches no folder', async () => {
    vi.stubEnv('FLOWENT_COMPANION_DATA_DIR', '');
    await launchRefused();
    expect(h.electron.errorBoxes).toEqual([
      {
        title: 'Flowent Companion could not start',
        content: 'FLOWENT_COMPANION_DATA_DIR is set but empty: set it to a folder, or unset it to use the default one.',
      },
    ]);
    expect(h.electron.state.exitCode).toBe(1);
    expect(h.electron.calls).not.toContain('app.quit');
    expect(h.cores).toEqual([]);
    expect(existsSync(join(root, 'app-data'))).toBe(false);
  });

  it('takes a relative FLOWENT_COMPANION_DATA_DIR from the folder it was started in, as the commands do, and uses the absolute path', async () => {
    vi.spyOn(process, 'cwd').mockReturnValue(root);
    vi.stubEnv('FLOWENT_COMPANION_DATA_DIR', 'companion-data');
    const { core } = await launch();
    expect(core.options.dataDir).toBe(join(root, 'companion-data'));
    expect(h.electron.state.paths.userData).toBe(join(root, 'companion-data', 'desktop-profile'));
  });

  it('says why it cannot use a data folder (a file on its path) instead of quitting without a word', async () => {
    writeFileSync(join(root, 'a-file'), '');
    vi.stubEnv('FLOWENT_COMPANION_DATA_DIR', join(root, 'a-file', 'data'));
    await launchRefused();
    expect(h.electron.errorBoxes).toHaveLength(1);
    expect(h.electron.errorBoxes[0]!.content).toBe(
      `Cannot use the data folder ${join(root, 'a-file', 'data')}: a part of its path is a file, not a folder. ` +
        'Start the app with FLOWENT_COMPANION_DATA_DIR set to another folder.',
    );
    expect(h.electron.state.exitCode).toBe(1);
    expect(h.cores).toEqual([]);
  });
});

describe('the profile and the single-instance lock', () => {
  it('keeps Chromium’s profile, and with it the lock, in a folder inside FLOWENT_COMPANION_DATA_DIR’s folder', async () => {
    const { core } = await launch();
    expect(core.options.dataDir).toBe(join(root, 'data'));
    expect(h.electron.state.paths.userData).toBe(join(root, 'data', 'desktop-profile'));
    expect(existsSync(join(root, 'data', 'desktop-profile'))).toBe(true);
  });

  it('keeps it inside the default data folder when no folder is named', async () => {
    vi.stubEnv('FLOWENT_COMPANION_DATA_DIR', undefined);
    const { core } = await launch();
    expect(core.options.dataDir).toBe(join(root, 'app-data', 'flowent-companion'));
    expect(h.electron.state.paths.userData).toBe(join(root, 'app-data', 'flowent-companion', 'desktop-profile'));
  });

  it('sets the profile before asking for the lock, which Electron takes in the profile', async () => {
    const asked: string[] = [];
    h.electron.module.app.requestSingleInstanceLock = () => {
      asked.push(h.electron.state.paths.userData!);
      return false;
    };
    await launchRefused();
    expect(asked).toEqual([join(root, 'data', 'desktop-profile')]);
    expect(h.electron.calls).toContain('app.quit');
    expect(h.electron.errorBoxes).toEqual([]);
  });
});

describe('the page it loads', () => {
  it('a packaged app loads its built page whatever ELECTRON_RENDERER_URL says, and IPC answers no other origin', async () => {
    (h.electron.module.app as { isPackaged: boolean }).isPackaged = true;
    vi.stubEnv('ELECTRON_RENDERER_URL', 'https://attacker.example/');
    const { win } = await launch();
    expect(win.loaded.file).toMatch(/renderer[/\\]index\.html$/);
    const fromRemote = { sender: win.webContents, senderFrame: { url: 'https://attacker.example/x', parent: null } };
    await expect(h.electron.module.ipcMain.invoke(ipcChannelFor('getStatus'), fromRemote)).rejects.toThrow(/refused/);
    const fromPage = { sender: win.webContents, senderFrame: { url: pathToFileURL(win.loaded.file!).href, parent: null } };
    await expect(h.electron.module.ipcMain.invoke(ipcChannelFor('getStatus'), fromPage)).resolves.toBeDefined();
  });

  it('an unpackaged app loads the dev server on loopback, and nothing off it', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'https://attacker.example/');
    expect((await launch()).win.loaded.file).toMatch(/renderer[/\\]index\.html$/);
    h.electron = createElectronStandIn();
    h.electron.state.paths.appData = join(root, 'app-data');
    vi.resetModules();
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    expect((await launch()).win.loaded).toEqual({ url: 'http://localhost:5173' });
  });
});
