// The desktop app's composition root: Electron wiring only; everything else is the core.
import { app, BrowserWindow, dialog, ipcMain, safeStorage } from 'electron';
import { join } from 'node:path';
import { createCore, type Core } from './core/create-core';
import { DATA_DIR_ENV, resolveDataDir } from './core/paths';
import { registerIpc, type IpcRegistration } from './desktop/ipc';
import { electronSqliteBinding } from './desktop/native-binding';
import { createSecretStore, keychainHmacKeySource } from './desktop/secret-store';
import { createMainWindow, isRendererUrl, rendererTarget, type RendererTarget } from './desktop/window';

const STOP_TIMEOUT_MS = 5_000;
let win: BrowserWindow | null = null;
let core: Core | null = null;
let ipc: IpcRegistration | null = null;
let shuttingDown = false;

function openWindow(target: RendererTarget): void {
  win = createMainWindow({ preloadPath: join(__dirname, '../preload/index.js'), target });
  win.on('closed', () => (win = null));
  // A (re)loading page has no listener yet: hold events until its preload signals ready.
  win.webContents.on('did-start-loading', () => ipc?.relay.markNotReady());
}

/** Stops the core (server, then database) before the process goes, whatever the reason. */
async function shutdown(exitCode: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  const timeout = new Promise<void>((done) => setTimeout(done, STOP_TIMEOUT_MS).unref());
  await Promise.race([core?.stop(), timeout]).catch((error: unknown) => console.error('Stopping the core failed:', error));
  app.exit(exitCode);
}

async function main(): Promise<void> {
  await app.whenReady();
  const dataDir = process.env[DATA_DIR_ENV]
    ? resolveDataDir({ flag: undefined, env: process.env, platform: process.platform, home: app.getPath('home') })
    : app.getPath('userData');
  const secrets = createSecretStore(dataDir, safeStorage);
  const started = createCore({
    dataDir,
    mode: 'desktop',
    hmacKey: keychainHmacKeySource(secrets, process.env),
    sqliteNativeBinding: electronSqliteBinding(app.getAppPath()),
  });
  core = started;
  const target = rendererTarget(process.env, join(__dirname, '../renderer/index.html'));
  // Before start(), so the events start() emits are queued for the renderer too.
  ipc = registerIpc(ipcMain, started.api, () => win, {
    subscribe: (listener) => started.subscribe(listener),
    isRendererUrl: (url) => isRendererUrl(url, target),
  });
  const listening = await started.start();
  if (!listening.ok) {
    dialog.showErrorBox('Flowent Companion could not start', listening.message);
    return shutdown(1);
  }
  openWindow(target);
  app.on('activate', () => {
    if (!win && !shuttingDown) openWindow(target);
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', (event) => {
    event.preventDefault();
    void shutdown(0);
  });
  main().catch((error: unknown) => {
    dialog.showErrorBox('Flowent Companion could not start', error instanceof Error ? error.message : String(error));
    void shutdown(1);
  });
}
