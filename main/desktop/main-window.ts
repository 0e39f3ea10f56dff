import type { BrowserWindow } from 'electron';
import type { DesktopSettingsStore } from './desktop-settings';
import { restorableWindowState, trackWindowState, type DisplayLike } from './window-state';
import { createMainWindow, type RendererTarget } from './window';

export interface MainWindowController {
  /** The window, while there is one. */
  get(): BrowserWindow | null;
  /** Shows the window: restores and focuses it, or makes a new one when there is none. */
  open(): void;
  /** Saves the window's size and position now (the quit path). */
  saveState(): void;
}

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
}): MainWindowController {
  let win: BrowserWindow | null = null;
  let saveNow: (() => void) | null = null;

  function create(): BrowserWindow {
    const state = restorableWindowState(input.settings.get().window, input.displays());
    const created = createMainWindow({ preloadPath: input.preloadPath, target: input.target, state });
    saveNow = trackWindowState(created, (window) => input.settings.update({ window }));
    created.on('closed', () => {
      win = null;
      saveNow = null;
    });
    created.webContents.on('did-start-loading', () => input.onPageLoading());
    return created;
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
  };
}
