// main/index.ts with the real core on a system whose keychain cannot be used: the status says
// so before anything is typed, and a key saved under a keychain now locked is told apart from none.
import { describe, expect, it, vi } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ipcChannelFor, type CoreStatus } from '../../main/contract/api';
import { DATA_FILES } from '../../main/core/data-folder';
import type * as CreateCore from '../../main/core/create-core';
import { desktopInNewFolder } from './desktop-per-test';

const electron = await vi.hoisted(async () => (await import('./electron-stand-in')).createElectronStandIn());
vi.mock('electron', () => electron.module);
vi.mock('../../main/core/create-core', async (real) =>
  (await import('./core-on-free-port')).coreOnFreePort(await real<typeof CreateCore>()),
);

const root = desktopInNewFolder(electron, 'desktop-no-keychain-');
vi.stubEnv('FLOWENT_HMAC_KEY', undefined);
vi.stubEnv('NGROK_AUTHTOKEN', undefined);
// A key saved in an earlier run, under a keychain this session cannot open (Linux with no keyring service).
mkdirSync(join(root, 'data'), { recursive: true });
const sealed = electron.module.safeStorage.encryptString('whsec_saved-earlier').toString('base64');
writeFileSync(join(root, 'data', DATA_FILES.secrets), JSON.stringify({ version: 1, secrets: { 'hmac-key': sealed } }));
electron.state.encryptionAvailable = false;

describe('the desktop app without a usable keychain', () => {
  it('offers no secret field, says why, and says the saved key is there but unreadable', async () => {
    await import('../../main/index');
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1), { timeout: 5000 });
    const win = electron.windows[0]!;
    const fromWindow = { sender: win.webContents, senderFrame: { url: pathToFileURL(win.loaded.file!).href, parent: null } };
    const status = (await electron.module.ipcMain.call(ipcChannelFor('getStatus'), fromWindow)) as CoreStatus;
    expect(status).toMatchObject({
      canSetHmacKey: false,
      canSetNgrokAuthtoken: false,
      keychainUnavailable: 'no-encryption',
      hmacKey: { set: false, source: null, unreadable: true },
      ngrokAuthtoken: { set: false, source: null },
    });
    expect(status.ngrokAuthtoken).not.toHaveProperty('unreadable');

    electron.module.app.quit();
    await vi.waitFor(() => expect(electron.state.exitCode).toBe(0), { timeout: 7000 });
  }, 20_000);
});
