import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebhookServer } from '../../../main/core/http/webhook-server';
import { Responder } from '../../../main/core/respond/responder';
import { BatchedWriter } from '../../../main/core/store/batched-writer';
import { CallsRepository, type NewCall } from '../../../main/core/store/calls-repository';
import { migrate } from '../../../main/core/store/migrations';
import { RespondRepository } from '../../../main/core/store/respond-repository';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { makeTempDir } from '../../helpers/temp-dir';

const KEY = 'thread-key';
const READ_ONLY_MESSAGE =
  'Flowent Companion could not store this call: the history is read-only. Free space or fix the data folder, then send it again.';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A webhook server whose rows are written by the worker thread's own connection, given these settings. */
async function startServer(writerPragmas: string[] = ['busy_timeout = 5000'], nativeBinding?: string) {
  const dir = makeTempDir();
  const db = new Database(join(dir.path, 'history.sqlite'));
  db.pragma('journal_mode = WAL');
  const migrated = migrate(db);
  if (!migrated.ok) throw new Error(migrated.message);
  const calls = new CallsRepository(db, { pragmas: writerPragmas, nativeBinding });
  const respond = new RespondRepository(db);
  const responder = new Responder({ repository: () => respond, startupForwardTarget: null, forwardTimeoutMs: 30_000, fallbackToMock: false });
  const internalErrors: unknown[] = [];
  const server = new WebhookServer({
    host: '127.0.0.1',
    port: 0,
    headersTimeoutMs: 10_000,
    bodyIdleTimeoutMs: 10_000,
    bodyLimitBytes: 1024 * 1024,
    enforceSignatures: false,
    calls,
    responder,
    hmacKey: () => KEY,
    onStored: () => {},
    onInternalError: (error) => internalErrors.push(error),
  });
  const started = await server.start();
  if (!started.ok) throw new Error(started.message);
  cleanups.push(() => dir.remove());
  cleanups.push(() => {
    db.close();
  });
  cleanups.push(() => calls.closeWriter());
  cleanups.push(() => server.stop());
  cleanups.push(() => responder.close());
  const send = async (n: number) => {
    const response = await fetch(`http://127.0.0.1:${started.value.port}/actions/thread_test`, {
      method: 'POST',
      body: signedBody(flowentPayload('thread_test', { n }), KEY),
      headers: { 'content-type': 'application/json' },
    });
    return { n, status: response.status, json: (await response.json()) as { result: string; error: string } };
  };
  const storedNumbers = () =>
    (db.prepare("SELECT json_extract(CAST(request_body AS TEXT), '$.parameters.n') AS n FROM calls").all() as { n: number }[]).map((row) => row.n);
  return { db, calls, send, storedNumbers, internalErrors };
}

describe('writes on a worker thread', () => {
  it('stores every answered call through the worker, committed before each answer', async () => {
    const server = await startServer();
    const onThisThread = vi.spyOn(server.calls, 'insert');
    const answers = await Promise.all(Array.from({ length: 200 }, (_, n) => server.send(n)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    // Read through another connection right after the answers: every answered call is there.
    expect(new Set(server.storedNumbers())).toEqual(new Set(answers.map((answer) => answer.n)));
    expect(onThisThread).not.toHaveBeenCalled();
    // The stored row reads back whole, blobs included.
    const stored = server.calls.get(server.calls.lastCallId());
    expect(stored?.requestBody.toString('utf8')).toContain('"thread_test"');
    expect(stored?.response.body.toString('utf8')).toContain('"result"');
    expect(stored?.signature.verdict).toBe('valid');
  });

  it('answers 503 with the reason when the worker cannot write, reports it once, and stores nothing', async () => {
    // A real refusal from SQLite on the worker's connection.
    const server = await startServer(['query_only = ON']);
    const refused = await Promise.all(Array.from({ length: 30 }, (_, n) => server.send(n)));
    expect(refused.map((answer) => answer.status)).toEqual(Array.from({ length: 30 }, () => 503));
    for (const answer of refused) expect(answer.json).toEqual({ result: '', error: READ_ONLY_MESSAGE });
    expect(server.internalErrors.map((error) => (error as Error).message)).toEqual([READ_ONLY_MESSAGE]);
    expect(server.storedNumbers()).toEqual([]);
  });

  it('writes on the main thread when the writer thread cannot start (here: its driver binary is missing)', async () => {
    const elsewhere = makeTempDir();
    cleanups.push(() => elsewhere.remove());
    const server = await startServer(['busy_timeout = 5000'], join(elsewhere.path, 'missing.node'));
    const onThisThread = vi.spyOn(server.calls, 'insert');
    const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => server.send(n)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(new Set(server.storedNumbers())).toEqual(new Set(answers.map((answer) => answer.n)));
    expect(onThisThread).toHaveBeenCalled();
    expect(server.internalErrors).toEqual([]);
  });

  it('fails the batches in flight when the history is closed, instead of leaving their calls unanswered', async () => {
    const server = await startServer();
    const pending = server.calls.insertOffThread([{ ...sampleCall(), path: '/in-flight' }]);
    const failed = expect(pending).rejects.toThrow(/closed before this call was written/);
    await server.calls.closeWriter();
    await failed;
  });
});

describe('BatchedWriter with an asynchronous insert', () => {
  const call = (n: number) => ({ method: 'POST', path: `/${n}` }) as NewCall;

  it('keeps one batch in flight; calls arriving meanwhile form the next, and nothing settles before its commit', async () => {
    const batches: string[][] = [];
    const commits: (() => void)[] = [];
    let nextId = 1;
    const writer = new BatchedWriter({
      insert: (rows) => {
        batches.push(rows.map((r) => r.path));
        const ids = rows.map(() => nextId++);
        return new Promise<number[]>((resolve) => commits.push(() => resolve(ids)));
      },
    });
    const settled: number[] = [];
    const first = [1, 2].map((n) => writer.write(call(n)).then((outcome) => (settled.push(n), outcome)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([['/1', '/2']]);
    const second = [3, 4, 5].map((n) => writer.write(call(n)).then((outcome) => (settled.push(n), outcome)));
    await new Promise((resolve) => setImmediate(resolve));
    // The first batch is not committed yet: no second batch, and nobody answered.
    expect(batches).toHaveLength(1);
    expect(settled).toEqual([]);
    commits.shift()!();
    expect(await Promise.all(first)).toEqual([{ ok: true, id: 1 }, { ok: true, id: 2 }]);
    expect(batches).toEqual([['/1', '/2'], ['/3', '/4', '/5']]);
    expect(settled).toEqual([1, 2]);
    commits.shift()!();
    expect(await Promise.all(second)).toEqual([3, 4, 5].map((id) => ({ ok: true, id })));
  });

  it('gives every call of a batch whose commit failed the fault, then writes the next batch', async () => {
    const error = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    let calls = 0;
    const writer = new BatchedWriter({ insert: (rows) => (++calls === 1 ? Promise.reject(error) : Promise.resolve(rows.map((_, i) => i + 1))) });
    const failed = await Promise.all([writer.write(call(1)), writer.write(call(2))]);
    for (const outcome of failed) expect(outcome).toEqual({ ok: false, fault: { code: 'disk-full', reason: 'the disk is full' }, error });
    expect(await writer.write(call(3))).toEqual({ ok: true, id: 1 });
  });
});

function sampleCall(): NewCall {
  return {
    receivedAt: 1,
    method: 'POST',
    path: '/',
    remoteAddress: null,
    action: null,
    test: false,
    requestHeaders: [],
    requestBody: Buffer.from('{}'),
    bodySize: 2,
    problem: null,
    problemMessage: null,
    signature: { verdict: 'not-flowent', style: null, received: null, styles: [], diagnosis: [], timestamp: { value: null, ageSeconds: null, flag: 'missing' } },
    answeredBy: 'error',
    response: { status: 404, headers: [], body: Buffer.alloc(0) },
    durationMs: 1,
    source: 'flowent',
    originalCallId: null,
  };
}
