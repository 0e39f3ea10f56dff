// main/index.ts's native side, composed: hardening, CSP, the exact IPC surface, menu, tray,
// notifications and the remembered window, with the Electron stand-in and a fake core.
import { describe, expect, it, vi } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  API_METHODS,
  IPC_CHANNEL_PREFIX,
  IPC_READY_CHANNEL,
  IPC_SHOW_FAILED_CALLS_CHANNEL,
  ipcChannelFor,
  type CallSummary,
} from '../../main/contract/api';
import { EDGE_SPACE, edgeSpaceWords } from '../../main/contract/words';
import { CONTENT_SECURITY_POLICY } from '../../main/desktop/csp';
import { DATA_FILES } from '../../main/core/data-folder';
import { backgroundWriteFailure } from '../../main/core/store/store-faults';
import { KEEPS_RUNNING_NOTICE } from '../../main/desktop/tray';
import { clickMenuItem, findMenuItem, tryNavigate, type FakeBrowserWindow } from './electron-stand-in';
import { FAKE_STATUS } from './fake-core';

const { desktop, desktopInNewDataFolderEachTest, electronOfThisTest, fakeCreateCore, freshDesktop, launch } = await vi.hoisted(
  () => import('./desktop-per-test'),
);
vi.mock('electron', electronOfThisTest);
vi.mock('../../main/core/create-core', fakeCreateCore);

const dataDir = desktopInNewDataFolderEachTest('main-shell-');
const settingsFile = () => join(dataDir(), DATA_FILES.desktopSettings);

/** The window's page saying its preload listens, as the preload does on its first subscription. */
function pageReady(win: FakeBrowserWindow): void {
  const event = { sender: win.webContents, senderFrame: { url: pathToFileURL(win.loaded.file ?? '').href, parent: null } };
  desktop.electron.module.ipcMain.emit(IPC_READY_CHANNEL, event);
}
const logLines = () => readFileSync(join(dataDir(), DATA_FILES.desktopLog), 'utf8').split('\n').filter(Boolean);

const failedCall = {
  id: 9,
  action: 'send_email',
  path: '/actions/send_email',
  verdict: 'invalid',
  status: 401,
  source: 'flowent',
  failed: true,
} as CallSummary;

describe('the composed desktop shell', () => {
  it('registers exactly the contract’s IPC channels: one handler per API method, one ready signal', async () => {
    await launch();
    const { ipcMain } = desktop.electron.module;
    expect([...ipcMain.handlers.keys()].sort()).toEqual(API_METHODS.map(ipcChannelFor).sort());
    const listened = [...ipcMain.listeners.entries()].filter(([, listeners]) => listeners.length > 0).map(([channel]) => channel);
    expect(listened).toEqual([IPC_READY_CHANNEL]);
    for (const channel of [...ipcMain.handlers.keys(), ...listened]) expect(channel.startsWith(IPC_CHANNEL_PREFIX)).toBe(true);
  });

  it('hardens the window before it loads, and sends the CSP header on the default session', async () => {
    const { win } = await launch();
    expect(tryNavigate(win.webContents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(tryNavigate(win.webContents, 'will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(desktop.electron.defaultSession.respond('http://localhost:5173/', {})).toEqual({
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(desktop.electron.defaultSession.permissionCheckHandler?.(null, 'media', '', {})).toBe(false);
  });

  it('sets the application menu and a tray with the server status; both copy the webhook base URL, as the page does', async () => {
    await launch();
    const menu = desktop.electron.native.applicationMenu!.template;
    expect(findMenuItem(menu, 'paste')).toBeDefined();
    const tray = desktop.electron.native.trays[0]!;
    expect(tray.menu?.template.map((item) => item.label)).toContain('Webhook base URL: http://127.0.0.1:8787');
    // The page's header button and its `c` key copy the status's webhookBaseUrl: the same URL from every door.
    clickMenuItem(findMenuItem(tray.menu!.template, 'Copy Webhook URL'));
    expect(desktop.electron.native.clipboardText).toBe(FAKE_STATUS.webhookBaseUrl);
    desktop.electron.native.clipboardText = null;
    clickMenuItem(findMenuItem(menu, 'Copy Webhook URL'));
    expect(desktop.electron.native.clipboardText).toBe(FAKE_STATUS.webhookBaseUrl);
  });

  it('while the tunnel is online, the tray and the File menu copy its public URL, as the page’s `c` key does', async () => {
    const { core } = await launch();
    const publicUrl = 'https://abc.ngrok.app';
    core.emit({ type: 'tunnel-status', status: { state: 'online', url: publicUrl, reason: null } });
    const tray = desktop.electron.native.trays[0]!;
    clickMenuItem(findMenuItem(tray.menu!.template, 'Copy Public URL'));
    expect(desktop.electron.native.clipboardText).toBe(publicUrl);
    clickMenuItem(findMenuItem(tray.menu!.template, 'Copy Local URL'));
    expect(desktop.electron.native.clipboardText).toBe(FAKE_STATUS.webhookBaseUrl);
    clickMenuItem(findMenuItem(desktop.electron.native.applicationMenu!.template, 'Copy Public URL'));
    expect(desktop.electron.native.clipboardText).toBe(publicUrl);
    // Closed again: back to this computer's URL, the only one there is.
    core.emit({ type: 'tunnel-status', status: { state: 'offline', url: null, reason: null } });
    expect(findMenuItem(desktop.electron.native.applicationMenu!.template, 'Copy Public URL')).toBeUndefined();
    clickMenuItem(findMenuItem(desktop.electron.native.trays[0]!.menu!.template, 'Copy Webhook URL'));
    expect(desktop.electron.native.clipboardText).toBe(FAKE_STATUS.webhookBaseUrl);
  });

  it('refreshes the tray when the core reports a new status', async () => {
    const { core } = await launch();
    core.emit({ type: 'status-changed', status: { ...FAKE_STATUS, webhookBaseUrl: 'http://127.0.0.1:9999', port: 9999 } });
    expect(desktop.electron.native.trays[0]!.menu?.template[0]?.label).toBe('Server: listening on 127.0.0.1:9999');
  });

  it('says on the tray that the HMAC key starts or ends with a space or a line break, in the words serve and the page use', async () => {
    const { core } = await launch();
    const keyLine = () =>
      desktop.electron.native.trays[0]!.menu?.template.map((item) => item.label).find((label) => label?.startsWith('HMAC key'));
    core.emit({ type: 'status-changed', status: { ...FAKE_STATUS, hmacKey: { set: true, source: 'environment', edgeSpace: true } } });
    expect(keyLine()).toBe(`HMAC key: set (environment; ${EDGE_SPACE})`);
    expect(edgeSpaceWords('It', 'saved as typed')).toContain(EDGE_SPACE);
    core.emit({ type: 'status-changed', status: { ...FAKE_STATUS, hmacKey: { set: true, source: 'keychain' } } });
    expect(keyLine()).toBe('HMAC key: set (keychain)');
  });

  it('rebuilds the application menu when the status changes: Copy Webhook URL only while the server runs', async () => {
    const { core } = await launch();
    const copy = () => findMenuItem(desktop.electron.native.applicationMenu!.template, 'Copy Webhook URL');
    expect(copy()).toMatchObject({ enabled: true });
    core.emit({ type: 'status-changed', status: { ...FAKE_STATUS, webhookBaseUrl: null, port: null } });
    expect(copy()).toMatchObject({ enabled: false });
    core.emit({ type: 'status-changed', status: FAKE_STATUS });
    expect(copy()).toMatchObject({ enabled: true });
  });

  it('disables the notification setting where the desktop shows no notifications', async () => {
    desktop.electron.native.notificationsSupported = false;
    await launch();
    expect(findMenuItem(desktop.electron.native.applicationMenu!.template, 'Notify on Failed Calls')).toMatchObject({ enabled: false });
  });

  it('notifies about failed calls only once the user turns it on, and keeps that choice', async () => {
    const { core } = await launch();
    core.emit({ type: 'call-stored', call: failedCall });
    expect(desktop.electron.native.notifications).toEqual([]);
    clickMenuItem(findMenuItem(desktop.electron.native.applicationMenu!.template, 'Notify on Failed Calls'), true);
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8'))).toMatchObject({ notifyOnFailures: true });
    core.emit({ type: 'call-stored', call: failedCall });
    expect(desktop.electron.native.notifications).toEqual([
      { title: 'Signature check failed', body: 'send_email: invalid signature (answered 401).' },
    ]);
  });

  it('shows no notification while the window has the focus; a click on one brings the window back', async () => {
    const { core, win } = await launch();
    clickMenuItem(findMenuItem(desktop.electron.native.applicationMenu!.template, 'Notify on Failed Calls'), true);
    win.focused = true;
    core.emit({ type: 'call-stored', call: failedCall });
    expect(desktop.electron.native.notifications).toEqual([]);

    win.focused = false;
    win.close();
    core.emit({ type: 'call-stored', call: { ...failedCall, id: 10 } });
    expect(desktop.electron.native.notifications).toHaveLength(1);
    desktop.electron.native.clickNotification();
    expect(desktop.electron.windows).toHaveLength(2);
    expect(desktop.electron.windows[1]?.destroyed).toBe(false);
  });

  it('a click on a failure notification opens the window anew and, once its page listens, asks it to list the failed calls', async () => {
    const { core, win } = await launch();
    pageReady(win);
    clickMenuItem(findMenuItem(desktop.electron.native.applicationMenu!.template, 'Notify on Failed Calls'), true);
    win.close();
    core.emit({ type: 'call-stored', call: failedCall });
    desktop.electron.native.clickNotification();
    const reopened = desktop.electron.windows[1]!;
    // Its page is still loading: nothing is sent before its preload says it listens.
    reopened.webContents.emit('did-start-loading');
    const asked = (w: FakeBrowserWindow) => w.webContents.sent.filter(([channel]) => channel === IPC_SHOW_FAILED_CALLS_CHANNEL);
    expect(asked(reopened)).toEqual([]);
    pageReady(reopened);
    expect(asked(reopened)).toEqual([[IPC_SHOW_FAILED_CALLS_CHANNEL]]);
    expect(asked(win)).toEqual([]);

    // A window still open and listening is asked at once, and only once per click.
    core.emit({ type: 'call-stored', call: { ...failedCall, id: 11 } });
    desktop.electron.native.clickNotification();
    expect(asked(reopened)).toHaveLength(2);
    pageReady(reopened);
    expect(asked(reopened)).toHaveLength(2);
  });

  it('writes a failure nobody would see in a packaged app (settings not saved) to desktop.log in the data folder', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    // A folder where the file should be: every save of the settings fails.
    mkdirSync(join(settingsFile(), 'blocker'), { recursive: true });
    await launch();
    clickMenuItem(findMenuItem(desktop.electron.native.applicationMenu!.template, 'Notify on Failed Calls'), true);
    const [line] = logLines();
    expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z Could not save .*desktop-settings\.json: /);
    expect(logLines()).toHaveLength(1);
  });

  it('writes a write the history refused in the background (a full or read-only disk) in its own words, not as an internal error', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { core } = await launch();
    // The class of main/index.ts's import: each launch imports the modules anew.
    const { HistoryWriteFault } = await import('../../main/core');
    // As the core reports them: the text index on a full disk, retention on a read-only one.
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const readOnly = Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });
    core.options.onInternalError!(new HistoryWriteFault(backgroundWriteFailure('text-index', full), { cause: full }));
    core.options.onInternalError!(new HistoryWriteFault(backgroundWriteFailure('retention', readOnly), { cause: readOnly }));
    core.options.onInternalError!(new Error('a bug'));
    expect(logLines().map((line) => line.replace(/^\S+ /, ''))).toEqual([
      backgroundWriteFailure('text-index', full),
      backgroundWriteFailure('retention', readOnly),
      'Internal error: a bug',
    ]);
    expect(logLines()[0]).toContain('the disk is full');
    expect(logLines()[1]).toContain('the history is read-only');
  });

  it('writes no secret to desktop.log: an IPC refusal naming the HMAC key in its URL is written without it', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubEnv('FLOWENT_HMAC_KEY', 'hmac-key-from-the-environment');
    const { win } = await launch();
    const stranger = {
      sender: win.webContents,
      senderFrame: { url: 'https://evil.example/?k=hmac-key-from-the-environment', parent: null },
    };
    await expect(desktop.electron.module.ipcMain.invoke(ipcChannelFor('getStatus'), stranger)).resolves.toMatchObject({
      ok: false,
      failure: { code: 'foreign-sender' },
    });
    expect(logLines()).toEqual([
      expect.stringMatching(/Refused IPC call getStatus from an unknown sender \(https:\/\/evil\.example\/\?k=\[redacted\]\)/),
    ]);
  });

  it.skipIf(process.platform === 'darwin')('says that the companion keeps running in the tray once ever, not once per start', async () => {
    const first = await launch();
    first.win.close();
    desktop.electron.module.app.emit('window-all-closed');
    expect(desktop.electron.native.notifications).toEqual([KEEPS_RUNNING_NOTICE]);
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8'))).toMatchObject({ toldKeepsRunning: true });
    desktop.electron.module.app.quit();
    await vi.waitFor(() => expect(desktop.electron.state.exitCode).toBe(0));

    freshDesktop();
    const again = await launch();
    again.win.close();
    desktop.electron.module.app.emit('window-all-closed');
    expect(desktop.electron.native.notifications).toEqual([]);
  });

  it('remembers the window’s place on quit and restores it on the next launch', async () => {
    const { win } = await launch();
    win.moveTo({ x: 200, y: 150, width: 1000, height: 700 });
    desktop.electron.module.app.quit();
    await vi.waitFor(() => expect(desktop.electron.state.exitCode).toBe(0));
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8')).window).toEqual({
      bounds: { x: 200, y: 150, width: 1000, height: 700 },
      maximized: false,
    });

    freshDesktop();
    const again = await launch();
    expect(again.win.options).toMatchObject({ x: 200, y: 150, width: 1000, height: 700 });
  });

  it('opens at the default place when the remembered one is on a display that is gone', async () => {
    mkdirSync(dataDir(), { recursive: true });
    writeFileSync(settingsFile(), JSON.stringify({ window: { bounds: { x: 3000, y: 100, width: 1000, height: 700 }, maximized: false } }));
    const { win } = await launch();
    expect(win.options).not.toHaveProperty('x');
    expect(win.options).toMatchObject({ width: 1280, height: 820 });
  });

  it('a second launch re-opens the window when it was closed (macOS keeps running)', async () => {
    const { win } = await launch();
    win.close();
    desktop.electron.module.app.emit('second-instance');
    expect(desktop.electron.windows).toHaveLength(2);
    expect(desktop.electron.windows[1]?.destroyed).toBe(false);
  });
});
