// File > Open Project Folder... in main/index.ts with the real core: the system dialog (the
// Electron stand-in plays the user) picks a folder, and its answer files answer the next call.
import { describe, expect, it, vi } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  IPC_EVENT_CHANNEL,
  IPC_READY_CHANNEL,
  ipcChannelFor,
  type CoreEvent,
  type CoreStatus,
  type ProjectState,
} from '../../main/contract/api';
import type * as CreateCore from '../../main/core/create-core';
import { clickMenuItem, findMenuItem } from './electron-stand-in';
import { desktopInNewFolder } from './desktop-per-test';

const electron = await vi.hoisted(async () => (await import('./electron-stand-in')).createElectronStandIn());
vi.mock('electron', () => electron.module);
vi.mock('../../main/core/create-core', async (real) =>
  (await import('./core-on-free-port')).coreOnFreePort(await real<typeof CreateCore>()),
);

const root = desktopInNewFolder(electron, 'desktop-open-project-');

describe('File > Open Project Folder...', () => {
  it('opens the folder chosen in the dialog; a wrong one is said in an error box and changes nothing', async () => {
    const project = join(root, 'my-handler');
    mkdirSync(join(project, 'flowent', 'answers'), { recursive: true });
    writeFileSync(join(project, 'flowent', 'answers', '_default.yaml'), 'version: 1\nbody: {result: "from the project", error: ""}\n');

    await import('../../main/index');
    await vi.waitFor(() => expect(electron.native.applicationMenu).not.toBeNull(), { timeout: 5000 });
    const win = electron.windows[0]!;
    const fromWindow = { sender: win.webContents, senderFrame: { url: pathToFileURL(win.loaded.file!).href, parent: null } };
    const invoke = <T>(method: Parameters<typeof ipcChannelFor>[0], ...args: unknown[]) =>
      electron.module.ipcMain.call(ipcChannelFor(method), fromWindow, ...args) as Promise<T>;
    electron.module.ipcMain.emit(IPC_READY_CHANNEL, fromWindow);
    const { webhookBaseUrl } = await invoke<CoreStatus>('getStatus');
    const call = async () =>
      (
        await fetch(`${webhookBaseUrl}/actions/send_email`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ action_name: 'send_email', parameters: {}, timestamp: Math.floor(Date.now() / 1000) }),
        })
      ).json();
    expect(await call()).toEqual({ result: 'ok', error: '' });
    const item = findMenuItem(electron.native.applicationMenu!.template, 'Open Project Folder...');

    electron.dialogAnswers.open.push(join(root, 'nowhere'));
    clickMenuItem(item);
    await vi.waitFor(() => expect(electron.errorBoxes).toHaveLength(1));
    expect(electron.errorBoxes[0]).toMatchObject({ title: 'The project folder could not be opened' });
    expect(electron.errorBoxes[0]?.content).toContain('There is no project folder at');
    expect((await invoke<ProjectState>('getProject')).dir).toBeNull();

    electron.dialogAnswers.open.push(project);
    clickMenuItem(item);
    await vi.waitFor(async () => expect((await invoke<ProjectState>('getProject')).dir).toBe(join(project, 'flowent')));
    expect(electron.dialogsShown.at(-1)).toMatchObject({ kind: 'open', parent: win, options: { properties: ['openDirectory'] } });
    expect(await call()).toEqual({ result: 'from the project', error: '' });
    // The page learns of it through the events it already receives.
    await vi.waitFor(() => {
      const events = win.webContents.sent.filter(([channel]) => channel === IPC_EVENT_CHANNEL).flatMap(([, batch]) => batch as CoreEvent[]);
      expect(events.some((event) => event.type === 'project-changed' && event.project.dir === join(project, 'flowent'))).toBe(true);
    });

    electron.module.app.quit();
    await vi.waitFor(() => expect(electron.state.exitCode).toBe(0), { timeout: 5000 });
  });
});
