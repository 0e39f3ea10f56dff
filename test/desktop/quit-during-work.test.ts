// Quitting while a HAR import or a bulk replay runs: quitting closes the history under them, so
// the app asks first, as it does about unsaved edits. main/index.ts composed with the Electron
// stand-in (playing the person's answer in the message box) and a fake core.
import { describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ipcChannelFor, type BulkReplayRuns } from '../../main/contract/api';

const { desktop, desktopInNewDataFolderEachTest, electronOfThisTest, fakeCreateCore, launch, quitFromTray } = await vi.hoisted(
  () => import('./desktop-per-test'),
);
vi.mock('electron', electronOfThisTest);
vi.mock('../../main/core/create-core', fakeCreateCore);

const QUIT = 0;
const KEEP_RUNNING = 1;
const dataDir = desktopInNewDataFolderEachTest('quit-during-work-');

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('quitting while work runs', () => {
  it('asks over the window while a HAR import runs; Keep Running stops nothing, Quit quits', async () => {
    const { core, win } = await launch('tray');
    win.minimized = true;
    let finishImport: () => void = () => {};
    vi.mocked(core.api.importHar).mockImplementation(() => new Promise((resolve) => (finishImport = () => resolve({ ok: true } as never))));
    const file = join(dataDir(), 'calls.har');
    writeFileSync(file, '{"log":{"entries":[]}}');
    desktop.electron.dialogAnswers.open.push(file);
    const from = { sender: win.webContents, senderFrame: { url: pathToFileURL(win.loaded.file!).href, parent: null } };
    const importing = desktop.electron.module.ipcMain.call(ipcChannelFor('importHar'), from, null);
    await vi.waitFor(() => expect(core.api.importHar).toHaveBeenCalled(), { timeout: 5000 });

    desktop.electron.dialogAnswers.messageBox.push(KEEP_RUNNING);
    quitFromTray();
    await settle();
    expect(desktop.electron.messageBoxes).toHaveLength(1);
    const [box] = desktop.electron.messageBoxes;
    expect(box?.parent).toBe(win);
    expect(win.minimized).toBe(false);
    expect(box?.options).toMatchObject({
      message: 'Quit while a HAR import is running?',
      buttons: ['Quit', 'Keep Running'],
      cancelId: 1,
      defaultId: 1,
    });
    expect(core.stop).not.toHaveBeenCalled();
    expect(win.destroyed).toBe(false);
    expect(desktop.electron.state.exitCode).toBeNull();

    desktop.electron.dialogAnswers.messageBox.push(QUIT);
    quitFromTray();
    await vi.waitFor(() => expect(desktop.electron.state.exitCode).toBe(0));
    expect(desktop.electron.messageBoxes).toHaveLength(2);
    expect(core.stop).toHaveBeenCalled();
    finishImport();
    await importing;
  });

  it('asks while a bulk replay runs, and does not ask once it has ended', async () => {
    const { core } = await launch('tray');
    const running: BulkReplayRuns = {
      running: [{ runId: 'r1', done: 3, total: 40, passed: 3, changed: 0, failed: 0, notSent: 0 }],
      finished: [],
    };
    vi.mocked(core.api.listBulkReplays).mockResolvedValue(running);
    quitFromTray(); // the box dismissed: Keep Running
    await settle();
    expect(desktop.electron.messageBoxes.map((b) => b.options.message)).toEqual(['Quit while a bulk replay is running?']);
    expect(String(desktop.electron.messageBoxes[0]?.options.detail)).toMatch(/not sent.*summary is lost/s);
    expect(core.stop).not.toHaveBeenCalled();

    vi.mocked(core.api.listBulkReplays).mockResolvedValue({ running: [], finished: [] });
    quitFromTray();
    await vi.waitFor(() => expect(desktop.electron.state.exitCode).toBe(0));
    expect(desktop.electron.messageBoxes).toHaveLength(1);
  });
});
