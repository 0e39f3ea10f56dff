import type { BrowserWindow, Dialog, MessageBoxSyncOptions } from 'electron';
import type { DesktopSettingsStore } from './desktop-settings';
import { LEAVE_BUTTON, LEAVE_UNSAVED_BOX } from './desktop-words';
import { restorableWindowState, trackWindowState, type DisplayLike } from './window-state';
import { createMainWindow, type RendererTarget } from './window';

export interface MainWindowController {
  /** The window, while there is one. */
  get(): BrowserWindow | null;
  /** Shows the window: restores and focuses it, or makes a new one when there is none. */
  open(): void;
  /** Saves the window's size and position now (the quit path). */
  saveState(): void;
  /**
   * Closes the window for the quit path, as its close button does: a page with unsaved edits
   * asks the person first. True once it has closed (or when there is none); false when they
   * chose to stay, and the window is as it was. A page that does not answer within
   * `unloadTimeoutMs` (a hung renderer) is closed by force: it cannot keep the app from quitting.
   */
  closeForQuit(): Promise<boolean>;
  /**
   * Asks the person in a native box over the window, shown first (a quit from the tray may find
   * it hidden or minimized); a free-standing box when there is no window. The button's index.
   */
  ask(box: MessageBoxSyncOptions): number;
}

/** How long a page may take to answer `beforeunload` before the quit path closes it by force. */
export const UNLOAD_TIMEOUT_MS = 10_000;

/**
 * The one main window: created on demand at its remembered place (when that is still on a
 * display), its state saved to desktop-settings.json as it moves, and re-created by `open()`
 * after it was closed (macOS dock click, tray, second launch).
 */
export function createMainWindowController(input: {
  preloadPath: string;
  target: RendererTarget;
  settings: DesktopSettingsStore;
  displays(): readonly DisplayLike[];
  /** Called when the window's page starts (re)loading: its renderer is not ready for events. */
  onPageLoading(): void;
  /** Asks whether to leave unsaved edits (a native message box). */
  dialog: Pick<Dialog, 'showMessageBoxSync'>;
  unloadTimeoutMs?: number;
}): MainWindowController {
  let win: BrowserWindow | null = null;
  let saveNow: (() => void) | null = null;
  /** While closeForQuit waits: settles it (true: closed, false: the person stayed). */
  let closing: { promise: Promise<boolean>; settle(closed: boolean): void } | null = null;

  function create(): BrowserWindow {
    const state = restorableWindowState(input.settings.get().window, input.displays());
    const created = createMainWindow({ preloadPath: input.preloadPath, target: input.target, state });
    saveNow = trackWindowState(created, (window) => input.settings.update({ window }));
    created.on('closed', () => {
      win = null;
      saveNow = null;
      closing?.settle(true);
    });
    created.webContents.on('did-start-loading', () => input.onPageLoading());
    // The page cancelled an unload (reload, close, quit) over unsaved edits. Unhandled, Electron
    // calls the unload off without a word: the window will not close and the app will not quit.
    created.webContents.on('will-prevent-unload', (event) => {
      // A quit from the tray may find the window hidden or minimized: show what the question is about.
      if (created.isMinimized()) created.restore();
      created.show();
      if (input.dialog.showMessageBoxSync(created, LEAVE_UNSAVED_BOX) === LEAVE_BUTTON) event.preventDefault();
      else closing?.settle(false);
    });
    return created;
  }

  function closeForQuit(current: BrowserWindow): Promise<boolean> {
    let settle!: (closed: boolean) => void;
    const promise = new Promise<boolean>((resolve) => (settle = resolve));
    const timer = setTimeout(() => {
      if (!current.isDestroyed()) current.destroy();
      closing?.settle(true);
    }, input.unloadTimeoutMs ?? UNLOAD_TIMEOUT_MS);
    closing = {
      promise,
      settle(closed) {
        clearTimeout(timer);
        closing = null;
        settle(closed);
      },
    };
    current.close();
    return promise;
  }

  return {
    get: () => win,
    open() {
      if (!win) {
        win = create();
        return;
      }
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    },
    saveState: () => saveNow?.(),
    closeForQuit: () => closing?.promise ?? (win ? closeForQuit(win) : Promise.resolve(true)),
    ask(box) {
      if (!win) return input.dialog.showMessageBoxSync(box);
      if (win.isMinimized()) win.restore();
      win.show();
      return input.dialog.showMessageBoxSync(win, box);
    },
  };
}
