import type { WindowBounds, WindowState } from './desktop-settings';

export interface DisplayLike {
  readonly workArea: WindowBounds;
}

/** How much of a restored window must lie on one display: enough to grab and move it. */
export const MIN_VISIBLE = { width: 100, height: 50 };

function overlap(a: WindowBounds, b: WindowBounds): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * The saved window state when it is still usable on the current displays (`screen.getAllDisplays()`),
 * else null so the window opens at its default size, centred: a monitor unplugged since the
 * last run must not leave the window off-screen. The display it mostly lay on keeps it; there
 * it is shrunk to the work area when larger, and moved wholly into it, so its title bar (its
 * only handle) is never above the screen or under a taskbar.
 */
export function restorableWindowState(saved: WindowState | null, displays: readonly DisplayLike[]): WindowState | null {
  if (!saved) return null;
  let best: { workArea: WindowBounds; area: number } | null = null;
  for (const { workArea } of displays) {
    const shared = overlap(saved.bounds, workArea);
    if (shared.width < MIN_VISIBLE.width || shared.height < MIN_VISIBLE.height) continue;
    const area = shared.width * shared.height;
    if (!best || area > best.area) best = { workArea, area };
  }
  if (!best) return null;
  const { workArea } = best;
  const width = Math.min(saved.bounds.width, workArea.width);
  const height = Math.min(saved.bounds.height, workArea.height);
  return {
    bounds: {
      x: within(saved.bounds.x, workArea.x, workArea.x + workArea.width - width),
      y: within(saved.bounds.y, workArea.y, workArea.y + workArea.height - height),
      width,
      height,
    },
    maximized: saved.maximized,
  };
}

function within(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}

/** The part of BrowserWindow this module uses. */
export interface TrackedWindow {
  on(event: 'move' | 'resize' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  getNormalBounds(): WindowBounds;
  isMaximized(): boolean;
  isDestroyed(): boolean;
}

/**
 * Saves the window's state while it is moved or resized (debounced: dragging fires dozens of
 * events a second) and once more, at once, when it closes. Returns that immediate save for
 * the quit path: `app.exit()` closes windows without a 'close' event.
 */
export function trackWindowState(win: TrackedWindow, save: (state: WindowState) => void, debounceMs = 500): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const saveNow = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (win.isDestroyed()) return;
    save({ bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  };
  const saveSoon = (): void => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(saveNow, debounceMs);
  };
  for (const event of ['move', 'resize', 'maximize', 'unmaximize'] as const) win.on(event, saveSoon);
  win.on('close', saveNow);
  return saveNow;
}
