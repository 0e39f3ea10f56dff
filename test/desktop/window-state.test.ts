import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDesktopSettingsStore, parseDesktopSettings, type WindowState } from '../../main/desktop/desktop-settings';
import { restorableWindowState, trackWindowState } from '../../main/desktop/window-state';
import { DATA_FILES } from '../../main/core/data-folder';
import { createElectronStandIn } from './electron-stand-in';

const LAPTOP = { workArea: { x: 0, y: 0, width: 1440, height: 870 } };
const MONITOR_RIGHT = { workArea: { x: 1440, y: 0, width: 2560, height: 1400 } };
const saved = (x: number, y: number, width = 1200, height = 800, maximized = false): WindowState => ({
  bounds: { x, y, width, height },
  maximized,
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'desktop-settings-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

describe('restoring the window', () => {
  it('restores a place that is still on a display', () => {
    expect(restorableWindowState(saved(100, 50), [LAPTOP])).toEqual(saved(100, 50));
    expect(restorableWindowState(saved(1600, 100, 1200, 800, true), [LAPTOP, MONITOR_RIGHT])).toEqual(saved(1600, 100, 1200, 800, true));
  });

  it('falls back to the default (null) when the display it was on is gone', () => {
    expect(restorableWindowState(saved(1600, 100), [LAPTOP])).toBeNull();
    expect(restorableWindowState(saved(-3000, -3000), [LAPTOP, MONITOR_RIGHT])).toBeNull();
    // A sliver (under 100 x 50 px) cannot be grabbed: not restorable either.
    expect(restorableWindowState(saved(1400, 100), [LAPTOP])).toBeNull();
    expect(restorableWindowState(saved(100, 840), [LAPTOP])).toBeNull();
    expect(restorableWindowState(null, [LAPTOP])).toBeNull();
  });

  it('shrinks a window larger than its display', () => {
    expect(restorableWindowState(saved(0, 0, 2400, 1300), [LAPTOP])?.bounds).toEqual({ x: 0, y: 0, width: 1440, height: 870 });
  });

  it('moves a window partly off its display wholly into the work area, title bar on screen', () => {
    // Dragged up until only its bottom 50 px showed: the title bar comes back to the top.
    expect(restorableWindowState(saved(100, -650, 1000, 700), [LAPTOP])?.bounds).toEqual({ x: 100, y: 0, width: 1000, height: 700 });
    // Saved on a larger screen, now on 1366 x 728 (a taskbar below): shrunk and moved in.
    const small = { workArea: { x: 0, y: 0, width: 1366, height: 728 } };
    expect(restorableWindowState(saved(1200, 600, 1600, 900), [small])?.bounds).toEqual({ x: 0, y: 0, width: 1366, height: 728 });
    expect(restorableWindowState(saved(1000, 500, 800, 600), [small])?.bounds).toEqual({ x: 566, y: 128, width: 800, height: 600 });
    // A work area that starts below a menu bar, on a display left of the main one.
    const left = { workArea: { x: -1920, y: 25, width: 1920, height: 1055 } };
    expect(restorableWindowState(saved(-2000, 0, 1000, 700), [LAPTOP, left])?.bounds).toEqual({
      x: -1920,
      y: 25,
      width: 1000,
      height: 700,
    });
  });

  it('keeps a window across two displays on the one holding most of it', () => {
    expect(restorableWindowState(saved(1000, 100, 1200, 800), [LAPTOP, MONITOR_RIGHT])?.bounds).toEqual({
      x: 1440,
      y: 100,
      width: 1200,
      height: 800,
    });
    expect(restorableWindowState(saved(500, 100, 1200, 800), [LAPTOP, MONITOR_RIGHT])?.bounds).toEqual({
      x: 240,
      y: 70,
      width: 1200,
      height: 800,
    });
  });
});

describe('saving the window', () => {
  it('saves the normal bounds debounced while moving, and at once on close', () => {
    vi.useFakeTimers();
    const electron = createElectronStandIn();
    const win = new electron.FakeBrowserWindow({ x: 10, y: 10, width: 900, height: 600 });
    const save = vi.fn();
    trackWindowState(win, save);
    win.moveTo({ x: 20 });
    win.moveTo({ x: 30 });
    win.moveTo({ width: 1000 });
    vi.advanceTimersByTime(499);
    expect(save).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(save.mock.calls).toEqual([[saved(30, 10, 1000, 600)]]);
    win.moveTo({ y: 40 });
    win.maximized = true;
    win.close();
    expect(save.mock.calls.at(-1)).toEqual([saved(30, 40, 1000, 600, true)]);
    vi.advanceTimersByTime(1000);
    expect(save).toHaveBeenCalledTimes(2); // the pending save was replaced, not repeated
  });
});

describe('desktop-settings.json', () => {
  it('has notifications off and no window by default, and survives a restart', () => {
    const store = createDesktopSettingsStore(dir);
    expect(store.get()).toEqual({ notifyOnFailures: false, window: null, toldKeepsRunning: false });
    store.update({ notifyOnFailures: true });
    store.update({ window: saved(5, 6) });
    store.update({ toldKeepsRunning: true });
    expect(createDesktopSettingsStore(dir).get()).toEqual({ notifyOnFailures: true, window: saved(5, 6), toldKeepsRunning: true });
    expect(JSON.parse(readFileSync(join(dir, DATA_FILES.desktopSettings), 'utf8'))).toMatchObject({ version: 1, notifyOnFailures: true });
    expect(readdirSync(dir)).toEqual([DATA_FILES.desktopSettings]);
    // Private to this user, like every file in the data folder.
    expect(statSync(join(dir, DATA_FILES.desktopSettings)).mode & 0o777).toBe(0o600);
  });

  it('treats a damaged file as defaults, field by field', () => {
    expect(parseDesktopSettings('not json')).toEqual({ notifyOnFailures: false, window: null, toldKeepsRunning: false });
    expect(
      parseDesktopSettings(
        '{"notifyOnFailures": "yes", "toldKeepsRunning": 1, "window": {"bounds": {"x": 1, "y": 2, "width": -5, "height": 3}}}',
      ),
    ).toEqual({ notifyOnFailures: false, window: null, toldKeepsRunning: false });
    expect(
      parseDesktopSettings('{"notifyOnFailures": true, "window": {"bounds": {"x": 1.5, "y": 2, "width": 5, "height": 3}}}').window,
    ).toBeNull();
    writeFileSync(join(dir, DATA_FILES.desktopSettings), '[1,2]');
    expect(createDesktopSettingsStore(dir).get()).toEqual({ notifyOnFailures: false, window: null, toldKeepsRunning: false });
  });

  it('reports a failed write without throwing', () => {
    writeFileSync(join(dir, 'blocker'), '');
    const warn = vi.fn();
    const store = createDesktopSettingsStore(join(dir, 'blocker', 'sub'), warn);
    store.update({ notifyOnFailures: true });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/Could not save/));
    expect(store.get().notifyOnFailures).toBe(true);
  });
});
