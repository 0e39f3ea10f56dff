// Leaving a page with unsaved edits in the desktop app: the page's beforeunload cancels the
// unload, and Electron calls it off without a word unless main handles `will-prevent-unload`.
// main/index.ts composed with the Electron stand-in (playing Chromium's beforeunload round
// trip and the person's answer in the message box) and a fake core.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readServeState } from '../../main/core/account/serve-state';
import { UNLOAD_TIMEOUT_MS } from '../../main/desktop/main-window';

const { desktop, desktopInNewDataFolderEachTest, electronOfThisTest, fakeCreateCore, launch, quitFromTray } = await vi.hoisted(
  () => import('./desktop-per-test'),
);
vi.mock('electron', electronOfThisTest);
vi.mock('../../main/core/create-core', fakeCreateCore);

const LEAVE = 0;
const STAY = 1;
const dataDir = desktopInNewDataFolderEachTest('leave-unsaved-');
afterEach(() => vi.useRealTimers());

/** The app started, its page holding unsaved edits (its beforeunload cancels). */
async function launchWithUnsavedEdits(): ReturnType<typeof launch> {
  const launched = await launch('tray');
  launched.win.webContents.pageCancelsUnload = true;
  return launched;
}

const boxesShown = () => desktop.electron.messageBoxes.length;

/** Lets the stand-in's beforeunload round trip and the quit that follows it run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('leaving unsaved edits in the desktop app', () => {
  it('a reload asks in a native box over the window; Stay keeps the page, Leave reloads it', async () => {
    const { win } = await launchWithUnsavedEdits();
    desktop.electron.dialogAnswers.messageBox.push(STAY);
    win.webContents.reload();
    await vi.waitFor(() => expect(boxesShown()).toBe(1));
    const [box] = desktop.electron.messageBoxes;
    expect(box?.parent).toBe(win);
    expect(box?.options).toMatchObject({ buttons: ['Leave', 'Stay'], cancelId: STAY, defaultId: STAY });
    expect(`${String(box?.options.message)} ${String(box?.options.detail)}`).toMatch(/unsaved changes.*lost/is);
    await settle();
    expect(win.webContents.reloads).toBe(0);

    desktop.electron.dialogAnswers.messageBox.push(LEAVE);
    win.webContents.reload();
    await vi.waitFor(() => expect(win.webContents.reloads).toBe(1));
    expect(boxesShown()).toBe(2);
  });

  it('the close button asks; Stay keeps the window and the app running', async () => {
    const { core, win } = await launchWithUnsavedEdits();
    desktop.electron.dialogAnswers.messageBox.push(STAY);
    win.close();
    await vi.waitFor(() => expect(boxesShown()).toBe(1));
    await settle();
    expect(win.isDestroyed()).toBe(false);
    expect(core.stop).not.toHaveBeenCalled();
  });

  it('quitting from the tray asks; Stay calls the quit off with nothing stopped, and a later quit asks again and quits on Leave', async () => {
    const { core, win } = await launchWithUnsavedEdits();
    win.minimized = true;
    win.visible = false;
    desktop.electron.dialogAnswers.messageBox.push(STAY);
    quitFromTray();
    await vi.waitFor(() => expect(boxesShown()).toBe(1));
    // Asked over the window, shown first: the question is about what it holds.
    expect(win.minimized).toBe(false);
    expect(win.visible).toBe(true);
    await settle();
    // Nothing half-done: the window, the tray, the server and the file the commands find it by are all still there.
    expect(win.isDestroyed()).toBe(false);
    expect(desktop.electron.native.trays[0]?.destroyed).toBe(false);
    expect(core.stop).not.toHaveBeenCalled();
    expect(readServeState(dataDir())).not.toBeNull();
    expect(desktop.electron.state.exitCode).toBeNull();

    // The application menu's Quit (role: quit) is app.quit(), as the tray's is.
    desktop.electron.dialogAnswers.messageBox.push(LEAVE);
    desktop.electron.module.app.quit();
    await vi.waitFor(() => expect(desktop.electron.state.exitCode).toBe(0));
    expect(boxesShown()).toBe(2);
    expect(win.isDestroyed()).toBe(true);
    expect(core.stop).toHaveBeenCalledTimes(1);
    expect(readServeState(dataDir())).toBeNull();
  });

  it('quits without asking when nothing is unsaved', async () => {
    const { win } = await launchWithUnsavedEdits();
    win.webContents.pageCancelsUnload = false;
    quitFromTray();
    await vi.waitFor(() => expect(desktop.electron.state.exitCode).toBe(0));
    expect(boxesShown()).toBe(0);
  });

  it('a page that never answers (a hung renderer) cannot keep the app from quitting', async () => {
    const { core, win } = await launchWithUnsavedEdits();
    win.webContents.pageHung = true;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    quitFromTray();
    await vi.advanceTimersByTimeAsync(UNLOAD_TIMEOUT_MS - 1);
    expect(win.isDestroyed()).toBe(false);
    expect(core.stop).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(desktop.electron.calls).toContain('BrowserWindow.destroy');
    await vi.waitFor(() => expect(desktop.electron.state.exitCode).toBe(0));
    expect(core.stop).toHaveBeenCalledTimes(1);
  });
});
