// The desktop app's composition root: Electron wiring only. The core does the work; the
// modules in ./desktop hold the shell's logic and are tested with an Electron stand-in.
import { app, clipboard, dialog, ipcMain, Menu, Notification, safeStorage, screen, session } from 'electron';
import { join } from 'node:path';
import iconPath from './desktop/assets/icon.png?asset';
import { hereFactsOf, TUNNEL_NOT_OPENED, type CoreStatus } from './contract/api';
import { NGROK_AUTHTOKEN_ENV } from './contract/secret-variables';
import { createCore, HistoryWriteFault, newLoopToken, publishServeState, type Core } from './core';
import { buildAppMenuTemplate } from './desktop/app-menu';
import { installCspHeader } from './desktop/csp';
import { createDesktopSettingsStore, type DesktopSettingsStore } from './desktop/desktop-settings';
import { createFailureLog, type FailureLog } from './desktop/failure-log';
import { openWebLink } from './desktop/external-links';
import { createFailureNotifier } from './desktop/failure-notifier';
import { installHardening, restrictPermissions } from './desktop/hardening';
import { registerIpc, type IpcRegistration } from './transports/ipc/ipc';
import { withHarDialogs } from './desktop/har-dialogs';
import { createMainWindowController, type MainWindowController } from './desktop/main-window';
import { electronSqliteBinding } from './desktop/native-binding';
import { inDesktopWords } from './desktop/desktop-words';
import {
  createSecretStore,
  keychainHmacKeySource,
  keychainProfileSecrets,
  keychainSecretSource,
  secretValues,
  type SecretStore,
} from './desktop/secret-store';
import { openProjectFolder } from './desktop/project-dialog';
import { countHarImports, mayQuitDuringWork } from './desktop/quit-guard';
import { createShutdown } from './desktop/shutdown';
import { settleDataFolder } from './desktop/start-folder';
import { coreTrayStatus, createTray, KEEPS_RUNNING_NOTICE, urlToGive, type CompanionTray } from './desktop/tray';
import { isRendererUrl, rendererTarget } from './desktop/window';

const START_FAILED = 'Flowent Companion could not start';
const target = rendererTarget(process.env, join(__dirname, '../renderer/index.html'), app.isPackaged);
const isAppUrl = (url: string): boolean => isRendererUrl(url, target);
let core: Core | null = null;
let ipc: IpcRegistration | null = null;
let windows: MainWindowController | null = null;
let tray: CompanionTray | null = null;
let status: CoreStatus | null = null;
/**
 * The failure notifications shown last, held so they are not collected while on screen: a
 * collected one no longer answers clicks. A few: the notifier shows one per quiet period.
 */
const notificationsShown: Notification[] = [];
/** The core's HAR imports running, for the quit path to ask about. */
let harImports: { running(): number } | null = null;
/** Takes back the state file the commands find the app by (see publishServeState). */
let unpublish: (() => void) | null = null;

let settings: DesktopSettingsStore | null = null;
let secrets: SecretStore | null = null;
/** The failures a packaged app would otherwise lose to a console nobody sees; set with the data folder. */
let failureLog: FailureLog | null = null;

function logFailure(what: string, why?: unknown): void {
  if (failureLog) failureLog.failed(what, why);
  else console.warn(what, why ?? '');
}

/**
 * What the core reports as an error: a write the history refused in the background (a full or
 * read-only disk) is said in its own words, which say what to do; anything else is a bug.
 */
function logCoreError(error: unknown): void {
  if (error instanceof HistoryWriteFault) logFailure(error.message);
  else logFailure('Internal error', error);
}

/** How long quitting waits for the tunnel before it stops the server and the database anyway. */
const TUNNEL_CLOSE_TIMEOUT_MS = 3_000;

/** In order: what must outlive what. A tunnel, once there is one, closes before the server. */
const shutdown = createShutdown({
  // The window goes first, as its close button would: a page with unsaved edits asks, and Stay
  // calls the quit off before anything has stopped.
  // Before that, an import or a bulk replay that quitting would cut short asks the same way.
  mayQuit: async () =>
    (await mayQuitDuringWork({
      work: async () => ({ harImports: harImports?.running() ?? 0, bulkReplays: (await core?.api.listBulkReplays())?.running.length ?? 0 }),
      ask: (box) => windows?.ask(box) ?? dialog.showMessageBoxSync(box),
      log: logFailure,
    })) &&
    (windows?.closeForQuit() ?? true),
  steps: () => [
    // First: no command started from now on names a server that is closing.
    { name: 'the state file', run: () => unpublish?.() },
    { name: 'the window state', run: () => windows?.saveState() },
    { name: 'the tray', run: () => tray?.destroy() },
    // Its own step, bounded: on a dead network ngrok's close takes its full 2 x 3 s, and that
    // must not come out of the time the server and the database have to stop.
    { name: 'the tunnel', run: async () => void (await core?.api.closeTunnel()), timeoutMs: TUNNEL_CLOSE_TIMEOUT_MS },
    { name: 'the server and the database', run: () => core?.stop() },
  ],
  exit: (code) => app.exit(code),
  log: logFailure,
});

/** Set once the application menu is: builds it again from the current status and settings. */
let refreshAppMenu: (() => void) | null = null;

function refreshStatusViews(): void {
  tray?.refresh();
  refreshAppMenu?.();
}

/** The File menu copies what the tray copies first and the page's `c` key copies: the URL to give Flowent. */
function copyWebhookUrl(): void {
  const copy = urlToGive(coreTrayStatus(status));
  if (copy) clipboard.writeText(copy.url);
}

async function main(dataDir: string): Promise<void> {
  await app.whenReady();
  installCspHeader(session.defaultSession);
  restrictPermissions(session.defaultSession, isAppUrl);
  const settingsStore = createDesktopSettingsStore(dataDir, logFailure);
  settings = settingsStore;
  const secretStore = createSecretStore(dataDir, safeStorage);
  secrets = secretStore;
  // Published with the app's URLs: `send` and `replay` mark their calls to it with it.
  const loopToken = newLoopToken();
  const started = createCore({
    dataDir,
    mode: 'desktop',
    loopToken,
    hmacKey: keychainHmacKeySource(secretStore, process.env),
    ngrokAuthtoken: keychainSecretSource(secretStore, 'ngrok-authtoken', process.env, {
      secret: 'ngrok-authtoken',
      variable: NGROK_AUTHTOKEN_ENV,
    }),
    sqliteNativeBinding: electronSqliteBinding(app.getAppPath()),
    flowentSecrets: keychainProfileSecrets(secretStore, process.env),
    env: process.env,
    onInternalError: logCoreError,
  });
  core = started;
  const notifier = createFailureNotifier({
    enabled: () => settingsStore.get().notifyOnFailures,
    watching: () => windows?.get()?.isFocused() ?? false,
    show: (title, body) => {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      // A click brings the window back (made anew when it was closed) listing the failed calls.
      notification.on('click', () => {
        windows?.open();
        ipc?.showFailedCalls();
      });
      notification.show();
      notificationsShown.push(notification);
      if (notificationsShown.length > 3) notificationsShown.shift();
    },
  });
  started.subscribe((event) => {
    notifier.onEvent(event);
    if (event.type === 'status-changed') {
      status = event.status;
      refreshStatusViews();
    }
    if (event.type === 'tunnel-status' && status) {
      status = { ...status, tunnel: event.status };
      refreshStatusViews();
    }
  });
  windows = createMainWindowController({
    preloadPath: join(__dirname, '../preload/index.js'),
    target,
    settings: settingsStore,
    displays: () => screen.getAllDisplays(),
    // A (re)loading page has no listener yet: hold what goes to it until its preload signals ready.
    onPageLoading: () => ipc?.pageLoading(),
    dialog,
  });
  // Before listen(), so the events listen() emits are queued for the renderer too.
  // HAR export/import go through save/open dialogs here in main: the page never names a path.
  const counted = countHarImports(started.api);
  harImports = counted;
  ipc = registerIpc(ipcMain, withHarDialogs(counted.api, dialog, { parent: () => windows?.get() ?? null }), () => windows?.get() ?? null, {
    subscribe: (listener) => started.subscribe(listener),
    isRendererUrl: isAppUrl,
    warn: logFailure,
  });
  const listening = await started.listen();
  if (!listening.ok) {
    dialog.showErrorBox(START_FAILED, inDesktopWords(listening));
    return shutdown(1);
  }
  status = await started.api.getStatus();
  // As serve does: `here`, `send`, `replay` and the notes of `mocks`/`targets` find the app by
  // this file. No project is open yet; opening one (File menu) updates it.
  unpublish = publishServeState(started, dataDir, {
    mode: 'desktop',
    webhookBaseUrl: listening.value.baseUrl,
    tunnel: TUNNEL_NOT_OPENED,
    lanAddresses: hereFactsOf(status).lanAddresses,
    projectDir: null,
    forwardTarget: null,
    forwardTimeoutMs: (await started.api.getAnswerSettings()).forwardTimeoutMs,
    inspectorPort: null,
    loopToken,
    startedAt: Date.now(),
  });
  // Rebuilt when the status changes (as the tray is): what can work depends on it.
  refreshAppMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildAppMenuTemplate({
          platform: process.platform,
          appName: app.name,
          isPackaged: app.isPackaged,
          notifyOnFailures: settingsStore.get().notifyOnFailures,
          notificationsSupported: Notification.isSupported(),
          webhookCopy: urlToGive(coreTrayStatus(status)),
          copyWebhookUrl,
          openProjectFolder: () =>
            void openProjectFolder(
              dialog,
              (dir) => started.openProject(dir),
              () => windows?.get() ?? null,
            ),
          setNotifyOnFailures: (on) => settingsStore.update({ notifyOnFailures: on }),
          openLink: (url) => openWebLink(url, logFailure),
        }),
      ),
    );
  refreshAppMenu();
  try {
    tray = createTray({
      iconPath,
      platform: process.platform,
      getStatus: () => coreTrayStatus(status),
      actions: { open: () => windows?.open(), quit: () => app.quit() },
    });
  } catch (error) {
    logFailure('No tray icon on this desktop', error);
  }
  windows.open();
  app.on('activate', () => windows?.open());
}

// First the data folder, so that what follows it (the single-instance lock, Chromium's profile)
// is settled in it: a second launch on another folder is another app, and a folder the app
// cannot use is said so here, not by a silent quit at the lock.
const folders = settleDataFolder({
  env: process.env,
  platform: process.platform,
  home: app.getPath('home'),
  cwd: process.cwd(),
  appData: app.getPath('appData'),
});

/** Chromium's profile, and with it the single-instance lock, in the data folder. */
function requestLockIn(profileDir: string): boolean {
  app.setPath('userData', profileDir);
  return app.requestSingleInstanceLock();
}

if (!folders.ok) {
  // Before ready: nothing is open yet, and the box needs no window.
  dialog.showErrorBox(START_FAILED, folders.message);
  app.exit(1);
} else if (!requestLockIn(folders.profileDir)) {
  // Electron tells no reason: the folder was just made and found writable, so it is another
  // instance on this data folder, which the second-instance event brings forward.
  app.quit();
} else {
  failureLog = createFailureLog(folders.dataDir, { secrets: () => secretValues(secrets, process.env) });
  // Before any window exists, so every web contents, now or later, is covered.
  installHardening(app, { isAppUrl, warn: logFailure });
  app.on('second-instance', () => windows?.open());
  // With a tray icon, closing the window leaves the companion running there, receiving calls,
  // as macOS keeps it in the dock; Quit (tray, File menu) quits. Without one it quits, or the
  // person could not get it back. A quit closes the window too: that one is the quit's own.
  app.on('window-all-closed', () => {
    if (process.platform === 'darwin' || shutdown.underway()) return;
    if (!tray) {
      app.quit();
      return;
    }
    // Once ever: after that the tray icon says it, and a notice at every close would be noise.
    if (!settings || settings.get().toldKeepsRunning || !Notification.isSupported()) return;
    settings.update({ toldKeepsRunning: true });
    new Notification(KEEPS_RUNNING_NOTICE).show();
  });
  app.on('before-quit', (event) => {
    event.preventDefault();
    void shutdown(0);
  });
  main(folders.dataDir).catch((error: unknown) => {
    logFailure(START_FAILED, error);
    dialog.showErrorBox(START_FAILED, error instanceof Error ? error.message : String(error));
    void shutdown(1);
  });
}
