/**
 * Forwarding to a handler that fails at the socket level, many calls per fault, against the
 * real headless command: each call gets a clear 502/504 in Flowent's shape and a record, and
 * afterwards the companion holds no more sockets than before (read from /proc) while the
 * handler sees every connection closed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { closedPort } from '../helpers/handler-process';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { settle, socketInodes, tcpConnections } from './proc-sockets';

const KEY = 'fault-key';
const CALLS_PER_FAULT = 24;
const CONCURRENCY = 8;
const TIMEOUT_MS = 1_000;
const HANDLER = resolve(__dirname, '../fixtures/handlers/faulty-handler.mjs');

interface FaultyHandler {
  child: ChildProcess;
  port: number;
  /** Connections open as the handler itself counts them (its last "open <n>" line). */
  open(): number;
}

function startFaultyHandler(): Promise<FaultyHandler> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [HANDLER], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    let open = 0;
    child.once('error', reject);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const lines = output.split('\n');
      output = lines.pop() ?? '';
      for (const line of lines) {
        const listening = /^listening (\d+)$/.exec(line);
        if (listening) resolvePromise({ child, port: Number(listening[1]), open: () => open });
        const count = /^open (\d+)$/.exec(line);
        if (count) open = Number(count[1]);
      }
    });
  });
}

/** One call on its own connection (closed after the answer), so the test holds nothing open. */
function send(port: number, action: string): Promise<{ status: number; body: string }> {
  const body = signedBody(flowentPayload(action, { fault: action }), KEY);
  return new Promise((resolvePromise, reject) => {
    const req = request(
      {
        agent: false,
        host: '127.0.0.1',
        port,
        path: `/actions/${action}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function sendMany(port: number, action: string): Promise<{ status: number; body: string }[]> {
  const answers: { status: number; body: string }[] = [];
  let next = 0;
  const worker = async () => {
    while (next < CALLS_PER_FAULT) {
      next += 1;
      answers.push(await send(port, action));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return answers;
}

const dir = makeTempDir();
let handler: FaultyHandler;
let server: ServeProcess;
let serverPort: number;
let refusedPort: number;
let baselineSockets: number;

beforeAll(async () => {
  handler = await startFaultyHandler();
  refusedPort = await closedPort();
  // One action forwarded where nothing listens; every other one to the faulty handler.
  const target = await runCli([
    'targets',
    'set',
    'refused',
    `http://127.0.0.1:${refusedPort}/actions/{action_name}`,
    '--data-dir',
    dir.path,
  ]);
  expect(target.code, target.stderr).toBe(0);
  server = await startServe(
    [
      '--port',
      '0',
      '--no-inspector',
      '--data-dir',
      dir.path,
      '--forward',
      `http://127.0.0.1:${handler.port}/actions/{action_name}`,
      '--forward-timeout',
      String(TIMEOUT_MS),
    ],
    { FLOWENT_HMAC_KEY: KEY },
  );
  serverPort = Number(new URL(server.baseUrl).port);
  baselineSockets = socketInodes(pid()).size;
});

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  if (handler && handler.child.exitCode === null) {
    const exited = new Promise((done) => handler.child.once('exit', done));
    handler.child.kill('SIGTERM');
    await exited;
  }
  dir.remove();
});

const pid = () => server.child.pid ?? 0;
const toHandler = () => tcpConnections(pid()).filter((c) => c.remotePort === handler.port || c.remotePort === refusedPort);

/** Waits until the companion holds no connection to the handler and no more sockets than at start, and the handler has none open. */
async function expectSocketsBackToBaseline(): Promise<void> {
  const settled = await settle(
    () => ({ toHandler: toHandler(), sockets: socketInodes(pid()).size, handlerOpen: handler.open() }),
    (now) => now.toHandler.length === 0 && now.sockets <= baselineSockets && now.handlerOpen === 0,
  );
  expect(settled.toHandler, 'companion connections to the handler').toEqual([]);
  expect(settled.sockets, 'companion sockets').toBeLessThanOrEqual(baselineSockets);
  expect(settled.handlerOpen, 'connections open at the handler').toBe(0);
}

function records(action: string): { status: number; answeredBy: string; forwardError: string | null; violations: string | null }[] {
  const db = new Database(join(dir.path, 'history.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        'SELECT response_status AS status, answered_by AS answeredBy, forward_error AS forwardError, violations FROM calls WHERE action = ?',
      )
      .all(action) as { status: number; answeredBy: string; forwardError: string | null; violations: string | null }[];
  } finally {
    db.close();
  }
}

/** `answer`: what the caller is told (no handler address); `error`: what the call records. */
const FAULTS: { action: string; status: number; answer: RegExp; error: RegExp }[] = [
  {
    action: 'refused',
    status: 502,
    answer: /^Flowent Companion could not reach your handler: the connection was refused\./,
    error: /refused the connection: nothing is listening/,
  },
  {
    action: 'reset',
    status: 502,
    answer: /^Your handler closed the connection before finishing its answer\./,
    error: /closed the connection before finishing its answer/,
  },
  {
    action: 'hang',
    status: 504,
    answer: /^Your handler did not answer within Flowent Companion's forward timeout\./,
    error: /did not answer within 1 s/,
  },
  {
    action: 'trickle',
    status: 504,
    answer: /^Your handler did not answer within Flowent Companion's forward timeout\./,
    error: /did not answer within 1 s/,
  },
  {
    action: 'garbage',
    status: 502,
    answer: /^Your handler answered with bytes that are not HTTP\./,
    error: /answered with bytes that are not HTTP\. Check that 127\.0\.0\.1:\d+ is your handler's plain HTTP port/,
  },
  {
    action: 'big_headers',
    status: 502,
    answer: /^Flowent Companion could not forward this call to your handler\./,
    error:
      /answered with headers over 16 KB, more than the companion reads\. Flowent uses only the answer's body: send fewer or shorter headers/,
  },
];

describe('forwarding faults leak no sockets', () => {
  it('sees the connections it counts: calls in flight to a hanging handler hold sockets at both ends', async () => {
    const inFlight = sendMany(serverPort, 'hang');
    const seen = await settle(
      () => ({ companion: toHandler().length, handler: handler.open() }),
      (now) => now.companion > 0 && now.handler > 0,
    );
    expect(seen.companion).toBeGreaterThan(0);
    expect(seen.handler).toBeGreaterThan(0);
    await inFlight;
    await expectSocketsBackToBaseline();
  });

  it('releases kept-alive connections after healthy calls', async () => {
    const answers = await sendMany(serverPort, 'ok');
    expect(answers.map((a) => a.status)).toEqual(Array(CALLS_PER_FAULT).fill(200));
    await expectSocketsBackToBaseline();
  });

  for (const fault of FAULTS) {
    it(`${fault.action}: ${CALLS_PER_FAULT} calls each answered ${fault.status} and recorded; no socket left open`, async () => {
      const recordedBefore = records(fault.action).length;
      const answers = await sendMany(serverPort, fault.action);
      expect(answers.map((a) => a.status)).toEqual(Array(CALLS_PER_FAULT).fill(fault.status));
      for (const answer of answers) {
        const json = JSON.parse(answer.body) as { result: string; error: string };
        expect(json.result).toBe('');
        expect(json.error).toMatch(fault.answer);
        expect(json.error).not.toMatch(/127\.0\.0\.1/);
      }
      const recorded = records(fault.action).slice(recordedBefore);
      expect(recorded).toHaveLength(CALLS_PER_FAULT);
      for (const row of recorded) {
        expect(row).toMatchObject({ status: fault.status, answeredBy: 'forward-error' });
        expect(row.forwardError).toMatch(fault.error);
      }
      await expectSocketsBackToBaseline();
    });
  }

  it('garbage_body: an answer that is HTTP but not JSON is relayed as the handler gave it and recorded as a contract violation; no socket left open', async () => {
    const answers = await sendMany(serverPort, 'garbage_body');
    expect(answers.map((a) => a.status)).toEqual(Array(CALLS_PER_FAULT).fill(200));
    expect(answers.every((a) => a.body === '<html>oops</html>')).toBe(true);
    const recorded = records('garbage_body');
    expect(recorded).toHaveLength(CALLS_PER_FAULT);
    for (const row of recorded) expect(JSON.parse(row.violations ?? '[]')).toEqual([expect.objectContaining({ code: 'not-json' })]);
    await expectSocketsBackToBaseline();
  });

  it('still forwards and answers normally after every fault', async () => {
    expect((await send(serverPort, 'ok')).status).toBe(200);
  });
});
