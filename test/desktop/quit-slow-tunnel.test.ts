// Quitting with a tunnel open on a dead network: ngrok's close then takes its full bound
// (2 x 3 s). The server and the database must still be stopped before the app exits.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ipcChannelFor, type CoreStatus } from '../../main/contract/api';
import type * as CreateCore from '../../main/core/create-core';
import type { CoreOptions } from '../../main/core/core-options';
import { DATA_FILES } from '../../main/core/data-folder';
import type { TunnelProvider } from '../../main/core/tunnel/tunnel-provider';

const electron = await vi.hoisted(async () => (await import('./electron-stand-in')).createElectronStandIn());
vi.mock('electron', () => electron.module);
vi.mock('../../main/core/create-core', async (real) => {
  const actual = await real<typeof CreateCore>();
  // As NgrokTunnel on a session whose network went away: the first close() takes its full bound,
  // and a second one waits for the first (its calls into the agent run one at a time).
  let opened = false;
  let closing: Promise<void> | null = null;
  const slowTunnel: TunnelProvider = {
    open: async () => ((opened = true), { ok: true, value: { url: 'https://example.ngrok.app' } }),
    close: () => {
      if (!opened) return Promise.resolve();
      closing ??= new Promise((resolve) => setTimeout(resolve, 6000));
      return closing;
    },
    onStatus: () => () => {},
    status: { state: 'offline', url: null, reason: null },
  };
  return { ...actual, createCore: (o: CoreOptions) => actual.createCore({ ...o, port: 0, tunnelProvider: slowTunnel }) };
});

const root = mkdtempSync(join(tmpdir(), 'quit-slow-tunnel-'));
const dataDir = join(root, 'data');
vi.stubEnv('FLOWENT_COMPANION_DATA_DIR', dataDir);
vi.stubEnv('ELECTRON_RENDERER_URL', undefined);
vi.stubEnv('NGROK_AUTHTOKEN', 'token-from-env');
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(root, { recursive: true, force: true });
});

describe('quitting while the tunnel is slow to close', () => {
  it('bounds the tunnel on its own, then stops the server and closes the database before exiting', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await import('../../main/index');
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1), { timeout: 5000 });
    const win = electron.windows[0]!;
    const from = { sender: win.webContents, senderFrame: { url: pathToFileURL(win.loaded.file!).href, parent: null } };
    const status = (await electron.module.ipcMain.call(ipcChannelFor('getStatus'), from)) as CoreStatus;
    expect(await electron.module.ipcMain.call(ipcChannelFor('openTunnel'), from)).toMatchObject({ ok: true });
    const call = () =>
      fetch(`${status.webhookBaseUrl}/actions/create_ticket`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
    expect((await call()).status).toBeLessThan(500);
    expect(existsSync(join(dataDir, `${DATA_FILES.history}-wal`))).toBe(true);

    electron.module.app.quit();
    await vi.waitFor(() => expect(electron.state.exitCode).toBe(0), { timeout: 12_000 });

    // Said in the desktop failure log, where a packaged app's failures go.
    const logged = readFileSync(join(dataDir, DATA_FILES.desktopLog), 'utf8');
    expect(logged).toContain('Stopping the tunnel took over 3000 ms; going on.');
    expect(logged).not.toContain('Stopping the server and the database');
    await expect(call()).rejects.toThrow();
    // Closed, not abandoned: SQLite folds its write-ahead log into the history and removes it on close.
    expect(existsSync(join(dataDir, `${DATA_FILES.history}-wal`))).toBe(false);
  }, 20_000);
});
