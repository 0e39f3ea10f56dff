import Database from 'better-sqlite3';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { WebhookServer } from '../../../main/core/webhook/webhook-server';
import { CallAnswerer } from '../../../main/core/answers/call-answerer';
import { HandlersRepository } from '../../../main/core/store/handlers-repository';
import { BatchedWriter, type BatchInsert } from '../../../main/core/store/batched-writer';
import { CallsRepository } from '../../../main/core/store/calls-repository';
import { type NewCall } from '../../../main/core/store/calls-insert';
import { migrate } from '../../../main/core/store/migrations';
import { AnswersRepository } from '../../../main/core/store/answers-repository';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { openSocket, parseResponse, readAll } from '../../helpers/raw-http';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';
import { newLoopToken } from '../../../main/core/answers/own-calls';
import { StorageFaultState } from '../../../main/core/webhook/storage-fault-state';

const KEY = 'group-key';
const READ_ONLY_MESSAGE =
  'Flowent Companion could not store this call: the history is read-only. Free space or fix the data folder, then send it again.';

const { cleanups, tempDir } = cleanupsPerTest();

/** A webhook server on port 0 over a real SQLite file this test also holds, to break it on purpose. */
async function startServer(forwardTo: string | null = null) {
  const db = new Database(join(tempDir(), 'history.sqlite'));
  db.pragma('journal_mode = WAL');
  const migrated = migrate(db);
  if (!migrated.ok) throw new Error(JSON.stringify(migrated));
  const calls = new CallsRepository(db);
  const handlers = new HandlersRepository(db).forKey(() => 'test-key');
  const respond = new AnswersRepository(db);
  const answerer = new CallAnswerer({
    repository: () => respond,
    startupForwardTarget: forwardTo,
    forwardTimeoutMs: 30_000,
    fallbackToMock: false,
  });
  const internalErrors: unknown[] = [];
  let told = 0;
  const storageFaults = new StorageFaultState(() => told++);
  const server = new WebhookServer({
    host: '127.0.0.1',
    port: 0,
    headersTimeoutMs: 10_000,
    bodyIdleTimeoutMs: 10_000,
    bodyLimitBytes: 1024 * 1024,
    enforceSignatures: false,
    loopToken: newLoopToken(),
    calls,
    answerer,
    handlers,
    hmacKey: () => KEY,
    onStored: () => {},
    onWaiting: () => {},
    onWaitEnded: () => {},
    onInternalError: (error) => internalErrors.push(error),
    storageFaults,
  });
  const started = await server.start();
  if (!started.ok) throw new Error(JSON.stringify(started));
  cleanups.push(() => {
    db.close();
  });
  cleanups.push(() => server.stop());
  cleanups.push(() => answerer.close());
  const baseUrl = `http://127.0.0.1:${started.value.port}`;
  const send = async (n: number) => {
    const response = await fetch(`${baseUrl}/actions/group_test`, {
      method: 'POST',
      body: signedBody(flowentPayload('group_test', { n }), KEY),
      headers: { 'content-type': 'application/json' },
    });
    return { n, status: response.status, json: (await response.json()) as { result: string; error: string } };
  };
  /** Opens one connection per call first, then writes every request in one go, so they arrive together. */
  const burst = async (numbers: number[]) => {
    const sockets = await Promise.all(numbers.map(() => openSocket(started.value.port)));
    // Let the server accept every connection first, as with a client's pool of open connections.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const replies = sockets.map((socket) => readAll(socket));
    sockets.forEach((socket, i) => {
      const body = signedBody(flowentPayload('group_test', { n: numbers[i] }), KEY);
      socket.write(
        `POST /actions/group_test HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    });
    return (await Promise.all(replies)).map((text, i) => ({ n: numbers[i]!, status: parseResponse(text).status }));
  };
  const storedNumbers = () =>
    (db.prepare("SELECT json_extract(CAST(request_body AS TEXT), '$.parameters.n') AS n FROM calls").all() as { n: number }[]).map(
      (row) => row.n,
    );
  return { db, calls, handlers, send, burst, storedNumbers, internalErrors, storageFaults, told: () => told };
}

/** A developer's handler on port 0 that accepts every call. */
async function startHandler(): Promise<string> {
  const handler = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"result":"ok","error":""}'));
  });
  await new Promise<void>((resolve) => handler.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => handler.close(() => resolve())));
  return `http://127.0.0.1:${(handler.address() as AddressInfo).port}/actions/{action_name}`;
}

describe('group commit', () => {
  it('stores every answered call when many arrive together, in fewer transactions than calls', async () => {
    const server = await startServer();
    const insert = vi.spyOn(server.calls, 'insert');
    const answers = await server.burst(Array.from({ length: 300 }, (_, n) => n));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const stored = new Set(server.storedNumbers());
    expect(answers.filter((answer) => !stored.has(answer.n)).map((answer) => answer.n)).toEqual([]);
    expect(stored.size).toBe(300);
    const batches = insert.mock.calls.map(([rows]) => (Array.isArray(rows) ? rows.length : 1));
    expect(batches.reduce((a, b) => a + b, 0)).toBe(300);
    expect(Math.max(...batches)).toBeGreaterThan(1);
  });

  it("records what the developer's handler taught in the transaction that stores the call, before the answer", async () => {
    const server = await startServer(await startHandler());
    let inserting = false;
    const insert = server.calls.insert.bind(server.calls) as (calls: readonly NewCall[], alongside?: () => void) => number[];
    vi.spyOn(server.calls, 'insert').mockImplementation(((calls: readonly NewCall[], alongside?: () => void) => {
      inserting = true;
      try {
        return insert(calls, alongside);
      } finally {
        inserting = false;
      }
    }) as typeof server.calls.insert);
    const lessonsInsideInsert: boolean[] = [];
    const record = server.handlers.recordFor.bind(server.handlers);
    vi.spyOn(server.handlers, 'recordFor').mockImplementation((target, keyId, outcome) => {
      lessonsInsideInsert.push(inserting && server.db.inTransaction);
      record(target, keyId, outcome);
    });
    const answers = await Promise.all([1, 2, 3].map((n) => server.send(n)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(lessonsInsideInsert).toEqual([true, true, true]);
    const knowledge = server.db.prepare('SELECT knowledge FROM handlers').pluck().all() as string[];
    expect(knowledge.map((text) => (JSON.parse(text) as { accepted: number }).accepted)).toEqual([3]);
    expect(server.internalErrors).toEqual([]);
  });

  it('answers every call of a batch that cannot be written with a 503 saying why, counts them in one fault, and recovers', async () => {
    const server = await startServer();
    // A real refusal from SQLite: this connection may no longer write (SQLITE_READONLY).
    server.db.pragma('query_only = ON');
    const refused = await Promise.all(Array.from({ length: 50 }, (_, n) => server.send(n)));
    expect(refused.map((answer) => answer.status)).toEqual(Array.from({ length: 50 }, () => 503));
    for (const answer of refused) expect(answer.json).toEqual({ result: '', error: READ_ONLY_MESSAGE });
    // A state with a count, not a bug report; told at its start, then its count at most once a second, not once per call.
    expect(server.internalErrors).toEqual([]);
    expect(server.storageFaults.current).toMatchObject({
      code: 'read-only',
      reason: 'the history is read-only',
      refused: 50,
      endedAt: null,
    });
    expect(server.told()).toBeGreaterThanOrEqual(1);
    expect(server.told()).toBeLessThanOrEqual(2);
    expect(server.storedNumbers()).toEqual([]);

    server.db.pragma('query_only = OFF');
    const accepted = await Promise.all(Array.from({ length: 20 }, (_, n) => server.send(100 + n)));
    expect(accepted.every((answer) => answer.status === 200)).toBe(true);
    expect(server.storedNumbers().sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, n) => 100 + n));
    expect(server.internalErrors).toEqual([]);
    expect(server.storageFaults.current).toMatchObject({ refused: 50, endedAt: expect.any(Number) });
    expect(server.told()).toBeLessThanOrEqual(3);
  });
});

describe('BatchedWriter', () => {
  const call = (n: number) => ({ method: 'POST', path: `/${n}` }) as NewCall;

  it('writes calls queued in one turn of the event loop as one batch, and splits at the batch limit', async () => {
    const batches: string[][] = [];
    let nextId = 1;
    const repository: BatchInsert = { insert: (rows) => (batches.push(rows.map((r) => r.path)), rows.map(() => nextId++)) };
    const writer = new BatchedWriter(repository, 4);
    const outcomes = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => writer.write(call(n))));
    expect(batches).toEqual([
      ['/1', '/2', '/3', '/4'],
      ['/5', '/6'],
    ]);
    expect(outcomes).toEqual([1, 2, 3, 4, 5, 6].map((id) => ({ ok: true, id })));
    await writer.write(call(7));
    expect(batches).toHaveLength(3);
  });

  it('settles no promise before its batch is written, and gives every call of a failed batch the fault', async () => {
    const error = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    let written = false;
    const writer = new BatchedWriter({
      insert: () => {
        written = true;
        throw error;
      },
    });
    const pending = [writer.write(call(1)), writer.write(call(2))];
    let settledEarly = false;
    void Promise.race(pending).then(() => {
      settledEarly = !written;
    });
    const outcomes = await Promise.all(pending);
    expect(settledEarly).toBe(false);
    for (const outcome of outcomes) expect(outcome).toEqual({ ok: false, fault: { code: 'disk-full', reason: 'the disk is full' }, error });
  });
});
