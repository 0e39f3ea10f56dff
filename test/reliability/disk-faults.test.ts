/**
 * A full disk and a read-only disk, for real: the data folder is a small tmpfs mounted for
 * the test (needs root, as in this project's CI container; skipped with the reason otherwise:
 * storage-fault.test.ts fills a history on any system).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../main/core/store/open-store';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { startCore, type RunningCore } from '../helpers/running-core';
import { startInCliWords } from '../../main/cli/cli-words';
import { fill, mountTmpfs, remount, tmpfsProblem, tmpfsUnmountedAfterAll } from '../helpers/tmpfs';

const KEY = 'fault-key';
const FULL = 'Flowent Companion could not store this call: the disk is full. Free space or fix the data folder, then send it again.';

if (tmpfsProblem) console.warn(`disk-faults tests skipped: ${tmpfsProblem}`);
tmpfsUnmountedAfterAll();

let running: RunningCore | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});
async function startOn(dataDir: string) {
  const internalErrors: string[] = [];
  running = await startCore({
    dataDir,
    key: KEY,
    onInternalError: (error) => internalErrors.push(error instanceof Error ? error.message : String(error)),
  });
  return { core: running, internalErrors };
}

const bigCall = (n: number) => signedBody(flowentPayload('disk_test', { n, padding: 'x'.repeat(30_000) }), KEY);

describe.skipIf(tmpfsProblem !== null)('disk faults on a real tmpfs', () => {
  it('answers 503 with what to do while the disk is full, stores every call it answered 200, and recovers once space is freed', async () => {
    const mount = mountTmpfs('1m');
    const dataDir = join(mount, 'data');
    mkdirSync(dataDir);
    const { core, internalErrors } = await startOn(dataDir);
    expect((await core.post('/actions/disk_test', bigCall(0))).status).toBe(200);

    const freeSpace = fill(mount);
    const answers: { n: number; status: number; json: unknown }[] = [];
    for (let n = 1; n <= 40 && !answers.some((a) => a.status === 503); n++) {
      const answer = await core.post('/actions/disk_test', bigCall(n));
      answers.push({ n, status: answer.status, json: answer.json });
    }
    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length, `statuses: ${answers.map((a) => a.status).join(',')}`).toBeGreaterThan(0);
    for (const answer of refused) expect(answer.json).toEqual({ result: '', error: FULL });
    expect(answers.every((a) => a.status === 200 || a.status === 503)).toBe(true);
    // A state of the core, with the calls it refused counted, however many: not a bug report.
    const more = await core.post('/actions/disk_test', bigCall(99));
    expect(more.status).toBe(503);
    expect((await core.core.api.getStatus()).storageFault).toMatchObject({
      code: 'disk-full',
      reason: 'the disk is full',
      refused: refused.length + 1,
      endedAt: null,
    });
    // The idle-time text indexing may hit the full disk too (when a look finds the writer
    // quiet): that is its own message, told once.
    const indexing = internalErrors.filter((message) => message.includes('search index'));
    expect(internalErrors.filter((message) => !indexing.includes(message))).toEqual([]);
    expect(indexing.length).toBeLessThanOrEqual(1);

    freeSpace();
    const after = await core.post('/actions/disk_test', bigCall(100));
    expect(after.status).toBe(200);
    expect(after.json).toEqual({ result: 'ok', error: '' });
    expect((await core.core.api.getStatus()).storageFault).toMatchObject({ refused: refused.length + 1, endedAt: expect.any(Number) });

    const db = new Database(join(dataDir, 'history.sqlite'), { readonly: true });
    const stored = new Set(
      (db.prepare("SELECT json_extract(CAST(request_body AS TEXT), '$.parameters.n') AS n FROM calls").all() as { n: number }[]).map(
        (r) => r.n,
      ),
    );
    db.close();
    const answeredButLost = [0, 100, ...answers.filter((a) => a.status === 200).map((a) => a.n)].filter((n) => !stored.has(n));
    expect(answeredButLost).toEqual([]);
    expect(refused.every((a) => !stored.has(a.n))).toBe(true);
  }, 30_000);

  it('cannot be remounted read-only under a running companion; once stopped, a read-only remount is a clear error at start', async () => {
    const mount = mountTmpfs('4m');
    const dataDir = join(mount, 'data');
    mkdirSync(dataDir);
    const { core } = await startOn(dataDir);
    expect((await core.post('/actions/disk_test', bigCall(1))).status).toBe(200);
    // Linux refuses `remount,ro` while a file on it is open for writing (the history is), so
    // a running companion meets a read-only history only through a forced remount, which the
    // 503 read-only answer covers (see group-commit.test.ts for that answer on a real SQLITE_READONLY).
    expect(() => remount(mount, 'ro')).toThrow(/busy/);
    expect((await core.post('/actions/disk_test', bigCall(2))).status).toBe(200);
    await core.close();
    running = null;

    // Stopping waits for the checkpoint thread to let go of the history too: nothing holds it now.
    remount(mount, 'ro');
    await expect(startOn(dataDir)).rejects.toThrow(`Cannot use the data folder ${dataDir}: its disk is read-only.`);
    running = null;
    remount(mount, 'rw');
  }, 30_000);

  it('refuses to start, saying why, on a full disk or a read-only one', async () => {
    const full = mountTmpfs('256k');
    fill(full);
    const onFull = openStore({ dataDir: full });
    expect(onFull.ok).toBe(false);
    if (!onFull.ok) expect(startInCliWords(onFull)).toMatch(/full|Free some space/i);

    const readOnly = mountTmpfs('1m');
    const existing = openStore({ dataDir: readOnly });
    if (!existing.ok) throw new Error(JSON.stringify(existing));
    await existing.value.close();
    remount(readOnly, 'ro');
    const onReadOnly = openStore({ dataDir: readOnly });
    expect(onReadOnly.ok).toBe(false);
    if (!onReadOnly.ok) expect(startInCliWords(onReadOnly)).toMatch(/EROFS|read-only|cannot write|must be a folder this user can write/i);
  });
});
