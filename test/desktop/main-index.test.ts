import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  API_METHODS,
  IPC_EVENT_CHANNEL,
  IPC_READY_CHANNEL,
  ipcChannelFor,
  type CoreStatus,
  type Result,
  type StartFailure,
} from '../../main/contract/api';
import { DATA_FILES } from '../../main/core/data-folder';
import { readServeState } from '../../main/core/account/serve-state';
import { KEEPS_RUNNING_NOTICE } from '../../main/desktop/tray';
import { clickMenuItem, fakeEvent, findMenuItem, type FakeBrowserWindow } from './electron-stand-in';
import { FAKE_STATUS as STATUS } from './fake-core';

const { desktop, electronOfThisTest, fakeCreateCore, freshDesktop, launch } = await vi.hoisted(() => import('./desktop-per-test'));
vi.mock('electron', electronOfThisTest);
vi.mock('../../main/core/create-core', fakeCreateCore);

let root: string;
let startResult: Result<{ host: string; port: number; baseUrl: string }, StartFailure>;
let releaseStop: () => void;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'main-index-'));
  const { electron, coreHooks } = freshDesktop();
  electron.state.paths.appData = join(root, 'app-data');
  electron.state.appPath = join(root, 'app');
  startResult = { ok: true, value: { host: '127.0.0.1', port: 8787, baseUrl: 'http://127.0.0.1:8787' } };
  coreHooks.startResult = () => startResult;
  coreHooks.stopped = new Promise<void>((resolve) => (releaseStop = resolve));
  vi.unstubAllEnvs();
  vi.stubEnv('FLOWENT_COMPANION_DATA_DIR', undefined);
  vi.stubEnv('FLOWENT_HMAC_KEY', undefined);
  vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

function rendererEvent(win: FakeBrowserWindow) {
  const file = win.loaded.file ?? '';
  return { sender: win.webContents, senderFrame: { url: pathToFileURL(file).href, parent: null } };
}

describe('main/index.ts', () => {
  it('a second launch quits at once and leaves the first to be focused', async () => {
    desktop.electron.state.lockGranted = false;
    await import('../../main/index');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(desktop.electron.calls).toContain('app.quit');
    expect(desktop.cores).toHaveLength(0);
    expect(desktop.electron.windows).toHaveLength(0);
  });

  it('the first instance focuses its window when a second launch happens', async () => {
    const { win } = await launch();
    win.minimized = true;
    desktop.electron.module.app.emit('second-instance', fakeEvent(), []);
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);
  });

  it('builds the core for the desktop in the folder the commands use, not one named after the product, and opens a sandboxed window', async () => {
    const { core, win } = await launch();
    expect(core.options).toMatchObject({
      mode: 'desktop',
      dataDir: join(root, 'app-data', 'flowent-companion'),
      sqliteNativeBinding: undefined,
    });
    expect(desktop.electron.calls.slice(0, 4)).toEqual(['core.listen', 'Menu.setApplicationMenu', 'Tray', 'BrowserWindow']);
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/preload[/\\]index\.js$/);
    expect(win.loaded.file).toMatch(/renderer[/\\]index\.html$/);
    expect([...desktop.electron.module.ipcMain.handlers.keys()].sort()).toEqual(API_METHODS.map(ipcChannelFor).sort());
  });

  it('honours FLOWENT_COMPANION_DATA_DIR and passes the Electron build of better-sqlite3 when there is one', async () => {
    vi.stubEnv('FLOWENT_COMPANION_DATA_DIR', join(root, 'custom'));
    const binding = join(root, 'app', '.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
    mkdirSync(join(binding, '..'), { recursive: true });
    writeFileSync(binding, '');
    const { core } = await launch();
    expect(core.options.dataDir).toBe(join(root, 'custom'));
    expect(core.options.sqliteNativeBinding).toBe(binding);
  });

  it('takes the HMAC key from the keychain, falling back to FLOWENT_HMAC_KEY', async () => {
    vi.stubEnv('FLOWENT_HMAC_KEY', 'env-key');
    const { core } = await launch();
    const hmacKey = core.options.hmacKey!;
    expect([hmacKey.get(), hmacKey.source]).toEqual(['env-key', 'environment']);
    expect(hmacKey.set?.('keychain-key')).toEqual({ ok: true, value: undefined });
    expect([hmacKey.get(), hmacKey.source]).toEqual(['keychain-key', 'keychain']);
  });

  it('serves the window’s IPC calls and delivers events from before the page was ready', async () => {
    const { core, win } = await launch();
    await expect(desktop.electron.module.ipcMain.call(ipcChannelFor('getStatus'), rendererEvent(win))).resolves.toBe(STATUS);
    expect(core.api.getStatus).toHaveBeenCalled();
    expect(win.webContents.sent).toEqual([]);
    desktop.electron.module.ipcMain.emit(IPC_READY_CHANNEL, rendererEvent(win));
    expect(win.webContents.sent).toEqual([[IPC_EVENT_CHANNEL, [{ type: 'history-cleared' }]]]);
  });

  it('holds events while the page reloads, until the new page is ready', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { core, win } = await launch();
      desktop.electron.module.ipcMain.emit(IPC_READY_CHANNEL, rendererEvent(win));
      win.webContents.sent.length = 0;
      win.webContents.emit('did-start-loading');
      core.emit({ type: 'history-cleared' });
      vi.advanceTimersByTime(100);
      expect(win.webContents.sent).toEqual([]);
      desktop.electron.module.ipcMain.emit(IPC_READY_CHANNEL, rendererEvent(win));
      expect(win.webContents.sent).toEqual([[IPC_EVENT_CHANNEL, [{ type: 'history-cleared' }]]]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('on quit, stops the core (server and database) before the process exits', async () => {
    const { core } = await launch();
    desktop.electron.module.app.quit();
    expect(desktop.electron.calls).not.toContain('quit-proceeded');
    await vi.waitFor(() => expect(core.stop).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(desktop.electron.state.exitCode).toBeNull();
    desktop.electron.module.app.quit(); // a second quit while stopping changes nothing
    releaseStop();
    await vi.waitFor(() => expect(desktop.electron.state.exitCode).toBe(0));
    expect(desktop.electron.calls.filter((c) => /core\.stop|app\.exit/.test(c))).toEqual(['core.stop', 'core.stopped', 'app.exit(0)']);
    expect(desktop.electron.native.trays[0]?.destroyed).toBe(true);
  });

  it('publishes its webhook, tunnel and project for the commands in serve-states/<pid>.json, as serve does, and takes it back on quit', async () => {
    const { core } = await launch();
    const userData = join(root, 'app-data', 'flowent-companion');
    const stateFile = join(userData, DATA_FILES.serveStates, `${process.pid}.json`);
    expect(readServeState(userData)).toMatchObject({
      pid: process.pid,
      mode: 'desktop',
      webhookBaseUrl: 'http://127.0.0.1:8787',
      publicUrl: null,
      projectDir: null,
      inspectorPort: null,
    });
    // The mark of the app's own calls: the one its core puts on what it sends to itself, so
    // `send` and `replay` mark theirs alike and the app does not store them as Flowent's.
    expect(core.options.loopToken).toEqual(expect.any(String));
    expect(readServeState(userData)?.loopToken).toBe(core.options.loopToken);

    expect(readServeState(userData)?.tunnel).toEqual({ state: 'not-opened' });
    core.emit({ type: 'tunnel-status', status: { state: 'online', url: 'https://abc.ngrok.app', reason: null } });
    expect(readServeState(userData)?.publicUrl).toBe('https://abc.ngrok.app');
    const project = {
      dir: join(root, 'shop', 'flowent'),
      problems: [],
      stale: [],
      answers: [],
      actions: [],
      versions: {},
      contractWarnings: [],
    };
    core.emit({ type: 'project-changed', project });
    expect(readServeState(userData)?.projectDir).toBe(join(root, 'shop', 'flowent'));
    const moved = { ...STATUS, webhookBaseUrl: 'http://127.0.0.1:9911', port: 9911 } as CoreStatus;
    core.emit({ type: 'status-changed', status: moved });
    expect(readServeState(userData)).toMatchObject({ webhookBaseUrl: 'http://127.0.0.1:9911', projectDir: project.dir });
    // Closed in the app: `here` then says it was closed, not that none was opened.
    core.emit({ type: 'tunnel-status', status: { state: 'offline', url: null, reason: null } });
    expect(readServeState(userData)).toMatchObject({ publicUrl: null, tunnel: { state: 'closed' } });
    core.emit({ type: 'project-changed', project: { ...project, dir: null } });
    expect(readServeState(userData)?.projectDir).toBeNull();

    // Gone before the server closes: no command names a server that is stopping.
    desktop.electron.module.app.quit();
    await vi.waitFor(() => expect(core.stop).toHaveBeenCalled());
    expect(existsSync(stateFile)).toBe(false);
    releaseStop();
    await vi.waitFor(() => expect(desktop.electron.state.exitCode).toBe(0));
    expect(readServeState(userData)).toBeNull();
  });

  it.skipIf(process.platform === 'darwin')(
    'with a tray icon, closing the window leaves the companion running and says so once; Quit in the tray quits',
    async () => {
      const { core, win } = await launch();
      const tray = desktop.electron.native.trays[0]!;
      win.close();
      desktop.electron.module.app.emit('window-all-closed');
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(core.stop).not.toHaveBeenCalled();
      expect(desktop.electron.native.notifications).toEqual([KEEPS_RUNNING_NOTICE]);

      clickMenuItem(findMenuItem(tray.menu!.template, 'Open Flowent Companion'));
      expect(desktop.electron.windows).toHaveLength(2);
      desktop.electron.windows[1]!.close();
      desktop.electron.module.app.emit('window-all-closed');
      expect(desktop.electron.native.notifications).toHaveLength(1);

      clickMenuItem(findMenuItem(tray.menu!.template, 'Quit'));
      // The quit closes no window here (none is open); one it closed would not count as the person's.
      desktop.electron.module.app.emit('window-all-closed');
      await vi.waitFor(() => expect(core.stop).toHaveBeenCalled());
      releaseStop();
      await vi.waitFor(() => expect(desktop.electron.state.exitCode).toBe(0));
      expect(desktop.electron.native.notifications).toHaveLength(1);
    },
  );

  it.skipIf(process.platform === 'darwin')('quits when the last window closes and there is no tray icon to come back by', async () => {
    const noTray = class {
      constructor() {
        throw new Error('no system tray on this desktop');
      }
    };
    Object.assign(desktop.electron.module, { Tray: noTray });
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await import('../../main/index');
    await vi.waitFor(() => expect(desktop.electron.windows).toHaveLength(1));
    const core = desktop.cores[0]!;
    desktop.electron.windows[0]!.close();
    desktop.electron.module.app.emit('window-all-closed');
    await vi.waitFor(() => expect(core.stop).toHaveBeenCalled());
    expect(desktop.electron.native.notifications).toEqual([]);
  });

  it('shows the reason in the app’s words and quits when the core cannot start', async () => {
    startResult = { ok: false, code: 'port-in-use', server: 'webhook', host: '127.0.0.1', port: 8787 };
    releaseStop();
    await import('../../main/index');
    await vi.waitFor(() => expect(desktop.electron.state.exitCode).toBe(1));
    // The app has no port flag: it names no place to change the port, only what to do.
    expect(desktop.electron.errorBoxes).toEqual([
      { title: 'Flowent Companion could not start', content: 'Port 8787 on 127.0.0.1 is already in use. Stop the program using it.' },
    ]);
    expect(desktop.cores[0]?.stop).toHaveBeenCalled();
    expect(desktop.electron.windows).toHaveLength(0);
    expect(existsSync(join(root, 'app-data', 'flowent-companion', DATA_FILES.serveStates))).toBe(false);
  });
});
