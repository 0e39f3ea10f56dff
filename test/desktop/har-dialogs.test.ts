import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannelFor, type CompanionApi } from '../../main/contract/api';
import { withHarDialogs } from '../../main/desktop/har-dialogs';
import { registerIpc } from '../../main/transports/ipc/ipc';
import { bigHar } from '../helpers/big-har';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { startCore, type RunningCore } from '../helpers/running-core';
import { makeTempDir } from '../helpers/temp-dir';
import { createElectronStandIn } from './electron-stand-in';

// HAR export/import in the desktop app: main shows the dialog and touches the file; a real
// core makes and reads the HAR. The stand-in plays the user choosing a path or cancelling.
const KEY = 'har-dialog-key';
const RENDERER = 'http://localhost:5173';
let running: RunningCore;
let folder: { path: string; remove: () => void };

beforeAll(async () => {
  running = await startCore({ key: KEY });
  folder = makeTempDir('fc-har-');
  const sent = await running.post('/actions/send_email', signedBody(flowentPayload('send_email', { to: 'a@example.com' }), KEY), {
    'content-type': 'application/json',
    authorization: 'Bearer not-for-export',
  });
  expect(sent.status).toBe(200);
});

afterAll(async () => {
  await running.close();
  folder.remove();
});

function setup() {
  const electron = createElectronStandIn();
  const win = new electron.FakeBrowserWindow({});
  const api = withHarDialogs(running.core.api, electron.module.dialog, { parent: () => win, now: () => new Date('2026-01-02T03:04:05Z') });
  return { electron, api, win };
}

describe('HAR through save and open dialogs', () => {
  it('saves the export where the user chose, without credentials, and tells the page only where', async () => {
    const { electron, api, win } = setup();
    const file = join(folder.path, 'calls.har');
    electron.dialogAnswers.save.push(file);
    const result = await api.exportHar({ filter: { action: 'send_email' } });
    expect(result).toEqual({ ok: true, value: { count: 1, matched: 1, text: null, savedTo: file } });
    expect(electron.dialogsShown[0]).toMatchObject({
      kind: 'save',
      parent: win,
      options: { defaultPath: 'flowent-calls-2026-01-02-03-04-05.har' },
    });
    const saved = readFileSync(file, 'utf8');
    expect(JSON.parse(saved).log.entries).toHaveLength(1);
    expect(saved).not.toContain('not-for-export');
  });

  it('writes nothing when the save dialog is cancelled', async () => {
    const { api } = setup();
    expect(await api.exportHar({ filter: {} })).toEqual({ ok: true, value: { count: 1, matched: 1, text: null, savedTo: null } });
  });

  it('says what went wrong when the file cannot be written', async () => {
    const { electron, api } = setup();
    electron.dialogAnswers.save.push(join(folder.path, 'no-such-folder', 'x.har'));
    const result = await api.exportHar({ filter: {} });
    expect(result).toMatchObject({ ok: false, code: 'file-unwritable', file: join(folder.path, 'no-such-folder', 'x.har') });
  });

  it('replaces a file the user chose whole, 0600, and leaves nothing else beside it', async () => {
    const { electron, api } = setup();
    const dir = makeTempDir('fc-har-replace-');
    const file = join(dir.path, 'calls.har');
    writeFileSync(file, 'the export from yesterday', { mode: 0o644 });
    electron.dialogAnswers.save.push(file);
    expect(await api.exportHar({ filter: {} })).toMatchObject({ ok: true, value: { savedTo: file } });
    expect(JSON.parse(readFileSync(file, 'utf8')).log.entries).toHaveLength(1);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir.path)).toEqual(['calls.har']);
    dir.remove();
  });

  it.skipIf(process.platform === 'win32')('replaces the file a symbolic link names and keeps the link', async () => {
    const { electron, api } = setup();
    const dir = makeTempDir('fc-har-link-');
    writeFileSync(join(dir.path, 'real.har'), 'old');
    symlinkSync('real.har', join(dir.path, 'link.har'));
    electron.dialogAnswers.save.push(join(dir.path, 'link.har'));
    expect(await api.exportHar({ filter: {} })).toMatchObject({ ok: true });
    expect(JSON.parse(readFileSync(join(dir.path, 'real.har'), 'utf8')).log.entries).toHaveLength(1);
    expect(readdirSync(dir.path).sort()).toEqual(['link.har', 'real.har']);
    dir.remove();
  });

  // A real failure part-way: the file-size limit (ulimit -f) makes the write fail with EFBIG after
  // the first blocks, as a disk that fills up does with ENOSPC. A child process, so the limit is its alone.
  it.skipIf(process.platform === 'win32')(
    'keeps the file the user chose to replace when the export fails part-way, and leaves no part behind',
    () => {
      const dir = makeTempDir('fc-har-full-');
      const file = join(dir.path, 'calls.har');
      writeFileSync(file, 'the export from yesterday, which the user chose to replace');
      const child = `
      require(${JSON.stringify(require.resolve('tsx/cjs'))});
      const { withHarDialogs } = require(${JSON.stringify(join(__dirname, '../../main/desktop/har-dialogs.ts'))});
      const text = JSON.stringify({ log: { entries: 'x'.repeat(200000) } });
      const api = withHarDialogs(
        { exportHar: async () => ({ ok: true, value: { count: 1, matched: 1, text, savedTo: null } }) },
        { showSaveDialog: async () => ({ canceled: false, filePath: process.argv[1] }) },
      );
      api.exportHar({ ids: [1] }).then((result) => process.stdout.write(JSON.stringify(result)));
    `;
      const out = execFileSync('sh', ['-c', 'ulimit -f 16 && exec "$0" -e "$1" "$2"', process.execPath, child, file], { encoding: 'utf8' });
      expect(JSON.parse(out)).toMatchObject({ ok: false, code: 'file-unwritable', file, reason: expect.stringContaining('EFBIG') });
      expect(readFileSync(file, 'utf8')).toBe('the export from yesterday, which the user chose to replace');
      expect(readdirSync(dir.path)).toEqual(['calls.har']);
      dir.remove();
    },
  );

  it('imports the file the user opened, and nothing when cancelled', async () => {
    const { electron, api } = setup();
    const file = join(folder.path, 'calls.har');
    // The history holds the saved call: the file says it came at another time, so it is not left out as one already there.
    const har = JSON.parse(readFileSync(file, 'utf8')) as { log: { entries: { startedDateTime: string }[] } };
    har.log.entries[0]!.startedDateTime = '2024-03-01T00:00:00.000Z';
    writeFileSync(file, JSON.stringify(har));
    electron.dialogAnswers.open.push(file);
    const before = (await running.core.api.getStats({})).total;
    const imported = await api.importHar(null);
    expect(imported).toMatchObject({ ok: true, value: { imported: 1, opened: true } });
    expect((await running.core.api.getStats({})).total).toBe(before + 1);
    expect(electron.dialogsShown.map((d) => d.kind)).toEqual(['open']);
    expect(await api.importHar(null)).toEqual({
      ok: true,
      value: { imported: 0, skipped: 0, notFlowent: 0, duplicates: 0, problems: [], ids: [], overLimits: 0, opened: false },
    });
  });

  it('imports a big file in slices: its progress reaches the page as events, and calls are answered meanwhile', async () => {
    const { electron, api } = setup();
    const har = bigHar(8 * 1024 * 1024, KEY);
    const file = join(folder.path, 'big.har');
    writeFileSync(file, har.text);
    electron.dialogAnswers.open.push(file);
    const seen = running.events.length;
    let ended = false;
    const importing = api.importHar(null).then((result) => ((ended = true), result));
    await expect
      .poll(() => running.events.slice(seen).some((event) => event.type === 'har-import-progress'), { timeout: 30_000 })
      .toBe(true);
    expect((await running.post('/actions/send_email', signedBody(flowentPayload('send_email'), KEY))).status).toBe(200);
    expect(ended).toBe(false);
    expect(await importing).toMatchObject({ ok: true, value: { imported: har.entries, opened: true } });
    const progress = running.events.slice(seen).filter((event) => event.type === 'har-import-progress');
    expect(progress.length).toBeGreaterThan(1);
    // The core read the file the dialog chose: its reading (the parse) is told too, before the entries.
    expect(progress[0]).toEqual({ type: 'har-import-progress', stage: 'reading' });
    expect(progress.at(-1)).toEqual({
      type: 'har-import-progress',
      stage: 'entries',
      done: har.entries,
      total: har.entries,
      imported: har.entries,
      skipped: 0,
      notFlowent: 0,
      broken: 0,
      duplicates: 0,
    });
  }, 120_000);

  it('reports a file that is not a HAR in the core’s words', async () => {
    const { electron, api } = setup();
    const file = join(folder.path, 'notes.txt');
    writeFileSync(file, 'hello');
    electron.dialogAnswers.open.push(file);
    expect(await api.importHar(null)).toMatchObject({ ok: false, code: 'har-not-json' });
    electron.dialogAnswers.open.push(join(folder.path, 'missing.har'));
    expect(await api.importHar(null)).toMatchObject({ ok: false, code: 'file-unreadable', file: join(folder.path, 'missing.har') });
  });

  it('keeps the IPC sender check: an unknown frame cannot open a dialog', async () => {
    const { electron, api } = setup();
    const win = new electron.FakeBrowserWindow({});
    registerIpc(electron.module.ipcMain, api as CompanionApi, () => win, {
      subscribe: () => () => {},
      isRendererUrl: (url) => new URL(url).origin === RENDERER,
      warn: vi.fn(),
    });
    const stranger = { sender: win.webContents, senderFrame: { url: 'https://evil.example/', parent: null } };
    await expect(electron.module.ipcMain.call(ipcChannelFor('importHar'), stranger, null)).rejects.toThrow(/refused/);
    await expect(electron.module.ipcMain.call(ipcChannelFor('exportHar'), stranger, { filter: {} })).rejects.toThrow(/refused/);
    expect(electron.dialogsShown).toEqual([]);
    const trusted = { sender: win.webContents, senderFrame: { url: `${RENDERER}/`, parent: null } };
    await expect(electron.module.ipcMain.call(ipcChannelFor('exportHar'), trusted, { path: '/etc/passwd' })).rejects.toThrow(/selection/);
    expect(electron.dialogsShown).toEqual([]);
  });
});
