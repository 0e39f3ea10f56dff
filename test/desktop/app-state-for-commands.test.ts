// The desktop app with a project open, seen by the commands run beside it: main/index.ts with
// the real core (only Electron is a stand-in), and the built command in another process,
// which finds the app through its state file in the shared data folder.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ipcChannelFor, type CoreStatus, type ProjectState } from '../../main/contract/api';
import { runningServes } from '../../main/core/account/serve-state';
import type * as CreateCore from '../../main/core/create-core';
import { FlowentGateway } from '../fixtures/flowent-gateway/gateway';
import { runCli, startServe } from '../helpers/spawn-cli';
import { clickMenuItem, findMenuItem } from './electron-stand-in';
import { desktopInNewFolder } from './desktop-per-test';

const electron = await vi.hoisted(async () => (await import('./electron-stand-in')).createElectronStandIn());
vi.mock('electron', () => electron.module);
vi.mock('../../main/core/create-core', async (real) =>
  (await import('./core-on-free-port')).coreOnFreePort(await real<typeof CreateCore>()),
);

const root = desktopInNewFolder(electron, 'desktop-app-state-');
const data = join(root, 'data');
const gateway = new FlowentGateway({ apiTokens: { api_test_token: 'tenant-1' } });
await gateway.start();
const env = { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: 'api_test_token' };
afterAll(() => gateway.stop());

describe('the desktop app with a project open, for the commands', () => {
  it('is "here" for the project, is named as the app in notes, and is noticed beside a serve of the same project', async () => {
    const project = join(root, 'shop');
    mkdirSync(join(project, 'flowent', 'actions'), { recursive: true });
    mkdirSync(join(project, 'flowent', 'answers'), { recursive: true });
    writeFileSync(
      join(project, 'flowent', 'actions', 'send_email.yaml'),
      'version: 1\ndescription: Send an email\njson_schema: {type: object}\nwebhook_url:\n  default: here\n',
    );

    await import('../../main/index');
    await vi.waitFor(() => expect(electron.native.applicationMenu).not.toBeNull(), { timeout: 5000 });
    const win = electron.windows[0]!;
    const fromWindow = { sender: win.webContents, senderFrame: { url: pathToFileURL(win.loaded.file!).href, parent: null } };
    const invoke = <T>(method: Parameters<typeof ipcChannelFor>[0]) =>
      electron.module.ipcMain.call(ipcChannelFor(method), fromWindow) as Promise<T>;
    const { webhookBaseUrl: app } = await invoke<CoreStatus>('getStatus');
    electron.dialogAnswers.open.push(project);
    clickMenuItem(findMenuItem(electron.native.applicationMenu!.template, 'Open Project Folder...'));
    await vi.waitFor(async () => expect((await invoke<ProjectState>('getProject')).dir).toBe(join(project, 'flowent')));
    const cli = (args: string[], cwd = project) => runCli([...args, '--data-dir', data], env, { cwd });

    const plan = await cli(['actions', 'plan']);
    expect(plan.code, plan.stderr).toBe(3);
    expect(plan.stdout).toContain(`${app}/actions/send_email`);

    const applied = await cli(['actions', 'apply']);
    expect(applied.code, applied.stderr).toBe(0);
    expect(gateway.stored()).toMatchObject([{ name: 'send_email', webhook_url: `${app}/actions/send_email` }]);
    const linked = await cli(['actions', 'link', 'send_email', '--here']);
    expect(linked.code, linked.stderr).toBe(0);
    expect(linked.stdout).toContain(`Linked send_email → ${app}/actions/send_email: it follows the public URL.`);
    expect(linked.stderr).toContain(`the desktop app has no public URL (no tunnel open): using ${app}`);
    expect(linked.stderr).not.toContain('serve');

    const mocked = await cli(['targets', 'set', 'send_email', 'http://localhost:8000/actions/{action_name}'], root);
    expect(mocked.stderr).toBe(
      `Note: this changed the history folder's answers; the desktop app at ${app} answers from ` +
        `${join(project, 'flowent', 'answers')} instead: edit the files there (or run the command in ${project}) to change what it answers.\n`,
    );

    // A serve started on the same project: two answerers, and `here` guesses neither.
    const served = await startServe(['--port', '0', '--data-dir', data, '--project', project, '--no-inspector'], env);
    try {
      const several = await cli(['actions', 'plan']);
      expect(several.code).toBe(1);
      expect(several.stderr).toContain("2 companions answer from this project's files: ");
      expect(several.stderr).toContain(`the desktop app at ${app}`);
      expect(several.stderr).toContain(`the serve at ${served.baseUrl}`);
    } finally {
      served.child.kill('SIGTERM');
      await served.exited;
    }

    electron.module.app.quit();
    await vi.waitFor(() => expect(electron.state.exitCode).toBe(0), { timeout: 5000 });
    // Closed: the commands no longer find it.
    expect(runningServes(data)).toEqual([]);
    const link = await cli(['actions', 'link', 'send_email', '--here']);
    expect(link).toMatchObject({ code: 1, stderr: expect.stringContaining('--here needs a running "flowent-companion serve"') });
  });
});
