// main/index.ts composed with the real core: a real server on a free port and a real SQLite
// file (node_modules' Node build: no Electron build exists here). Only Electron is a stand-in.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  IPC_EVENT_CHANNEL,
  IPC_READY_CHANNEL,
  ipcChannelFor,
  type CoreEvent,
  type CoreStatus,
  type Result,
  type StatusFailure,
} from '../../main/contract/api';
import type * as CreateCore from '../../main/core/create-core';
import type { AccountFailure, AccountState } from '../../main/contract/api';
import { FlowentGateway } from '../fixtures/flowent-gateway/gateway';
import { desktopInNewFolder } from './desktop-per-test';

const electron = await vi.hoisted(async () => (await import('./electron-stand-in')).createElectronStandIn());
vi.mock('electron', () => electron.module);
vi.mock('../../main/core/create-core', async (real) =>
  (await import('./core-on-free-port')).coreOnFreePort(await real<typeof CreateCore>()),
);

const root = desktopInNewFolder(electron, 'desktop-real-core-');
/** Flowent's Gateway stand-in, knowing the token the user types into the app. */
const FLOWENT_TOKEN = 'typed-into-the-app-3b9e1';
const gateway = new FlowentGateway({ apiTokens: { [FLOWENT_TOKEN]: 'tenant-1' } });
await gateway.start();
vi.stubEnv('FLOWENT_BASE_URL', gateway.baseUrl);
vi.stubEnv('FLOWENT_API_TOKEN', undefined);
vi.stubEnv('FLOWENT_HMAC_KEY', 'env-key-for-this-test');
afterAll(() => gateway.stop());

describe('the desktop app with the real core', () => {
  it('starts, serves the window, relays a webhook call, keeps the key and the Flowent token in the keychain, and stops on quit', async () => {
    await import('../../main/index');
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1), { timeout: 5000 });
    const win = electron.windows[0]!;
    const fromWindow = { sender: win.webContents, senderFrame: { url: pathToFileURL(win.loaded.file!).href, parent: null } };
    const invoke = <T>(method: Parameters<typeof ipcChannelFor>[0], ...args: unknown[]) =>
      electron.module.ipcMain.call(ipcChannelFor(method), fromWindow, ...args) as Promise<T>;

    const status = await invoke<CoreStatus>('getStatus');
    expect(status).toMatchObject({ mode: 'desktop', dataDir: join(root, 'data'), canSetHmacKey: true });
    expect(status.hmacKey.source).toBe('environment');
    expect(status.webhookBaseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    electron.module.ipcMain.emit(IPC_READY_CHANNEL, fromWindow);
    const response = await fetch(`${status.webhookBaseUrl}/actions/create_ticket`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'create_ticket', test: true }),
    });
    expect(response.status).toBeLessThan(500);
    await vi.waitFor(() => {
      const events = win.webContents.sent.filter(([ch]) => ch === IPC_EVENT_CHANNEL).flatMap(([, batch]) => batch as CoreEvent[]);
      expect(events.some((e) => e.type === 'call-stored' && e.call.action === 'create_ticket')).toBe(true);
    });

    const changed = await invoke<Result<CoreStatus, StatusFailure>>('setHmacKey', 'a-key-from-the-ui');
    expect(changed).toMatchObject({ ok: true, value: { hmacKey: { set: true, source: 'keychain' } } });
    expect(statSync(join(root, 'data', 'secrets.json')).mode & 0o777).toBe(0o600);

    // The Flowent API token: typed into the app, kept in the keychain, exchanged with Flowent.
    const account = await invoke<Result<AccountState, AccountFailure>>('setFlowentApiToken', 'default', FLOWENT_TOKEN);
    expect(account).toMatchObject({ ok: true, value: { apiToken: { set: true, source: 'keychain' } } });
    const connected = await invoke<Result<AccountState, AccountFailure>>('connectFlowent');
    expect(connected).toMatchObject({ ok: true, value: { session: { lastError: null } } });
    expect(connected.ok && connected.value.session.expiresAt).toBeGreaterThan(Date.now());
    expect(gateway.exchanges).toBe(1);
    const secretsFile = JSON.parse(readFileSync(join(root, 'data', 'secrets.json'), 'utf8')) as { secrets: Record<string, string> };
    expect(Object.keys(secretsFile.secrets)).toContain('flowent-api-token:default');
    // Every file, the app's state file for the commands (serve-states/) included.
    const everything = readdirSync(join(root, 'data'), { recursive: true, encoding: 'utf8' })
      .filter((name) => statSync(join(root, 'data', name)).isFile())
      .map((name) => readFileSync(join(root, 'data', name)).toString('latin1'))
      .join('');
    expect(everything).not.toContain(FLOWENT_TOKEN);
    expect(everything).not.toContain('a-key-from-the-ui');
    // Events reach the window in batches, a moment after they happen.
    await vi.waitFor(() => expect(JSON.stringify(win.webContents.sent)).toContain('account-changed'));
    expect(JSON.stringify(win.webContents.sent)).not.toContain(FLOWENT_TOKEN);
    expect(JSON.stringify(win.webContents.sent)).not.toContain('a-key-from-the-ui');

    electron.module.app.quit();
    await vi.waitFor(() => expect(electron.state.exitCode).toBe(0), { timeout: 5000 });
    await expect(fetch(`${status.webhookBaseUrl}/actions/create_ticket`, { method: 'POST', body: '{}' })).rejects.toThrow();
  });
});
