import { afterAll, beforeAll, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { openSocket, parseResponses, readAll } from '../helpers/raw-http';
import { startCore, type RunningCore } from '../helpers/running-core';

// Every bad input an outsider can send to the webhook port, each on its own connection: each
// gets a clear answer in Flowent's JSON shape (unless the client itself went away) and a
// record in the history (its own, or a count on the record of its kind when it repeats one).
// The figures (tried / answered in JSON / recorded) are printed for BENCHMARKS.md.
const KEY = 'bad-input-key';
const HEADERS_TIMEOUT_MS = 1_000;
const BODY_IDLE_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_500;

let running: RunningCore;
beforeAll(async () => {
  running = await startCore({
    key: KEY,
    headersTimeoutMs: HEADERS_TIMEOUT_MS,
    bodyIdleTimeoutMs: BODY_IDLE_MS,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
  });
});
afterAll(async () => running.close());

interface BadInput {
  name: string;
  /** Bytes written at once, or a script of writes with pauses. */
  send: string | Buffer | ((write: (bytes: string | Buffer) => void, end: () => void) => Promise<void>);
  /** The client closes before any answer: nothing to answer, only to record. */
  clientGoes?: boolean;
  /** A timeout ends it: how long after the first byte the answer came is a figure. */
  timeoutMs?: number;
}

const call = (body: string | Buffer, extra = '', path = '/actions/a', contentType = 'application/json') => {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return Buffer.concat([
    Buffer.from(
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${contentType}\r\n${extra}Content-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`,
    ),
    bytes,
  ]);
};
const valid = () => signedBody(flowentPayload('a', { to: 'x' }), KEY);
const raw = (head: string) => `${head}Connection: close\r\n\r\n`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const INPUTS: BadInput[] = [
  // The body, read as a Flowent call.
  { name: 'not JSON', send: call('hello') },
  { name: 'truncated JSON', send: call('{"action_name":"a","param') },
  { name: 'empty body', send: call('') },
  { name: 'only whitespace', send: call('  \n ') },
  { name: 'a JSON array', send: call('[1,2]') },
  { name: 'a JSON string', send: call('"a"') },
  { name: 'a JSON number', send: call('42') },
  { name: 'JSON null', send: call('null') },
  { name: 'no action_name', send: call('{"parameters":{},"timestamp":1}') },
  { name: 'action_name a number', send: call('{"action_name":5,"parameters":{},"timestamp":1}') },
  { name: 'action_name uppercase', send: call('{"action_name":"Send","parameters":{},"timestamp":1}') },
  { name: 'action_name empty', send: call('{"action_name":"","parameters":{},"timestamp":1}') },
  { name: 'action_name 101 characters', send: call(JSON.stringify({ action_name: 'a'.repeat(101), parameters: {}, timestamp: 1 })) },
  { name: 'parameters an array', send: call('{"action_name":"a","parameters":[],"timestamp":1}') },
  { name: 'parameters a string', send: call('{"action_name":"a","parameters":"x","timestamp":1}') },
  { name: 'no parameters', send: call('{"action_name":"a","timestamp":1}') },
  { name: 'timestamp a string', send: call('{"action_name":"a","parameters":{},"timestamp":"1"}') },
  { name: 'timestamp a float', send: call('{"action_name":"a","parameters":{},"timestamp":1.5}') },
  { name: 'test a string', send: call('{"action_name":"a","parameters":{},"timestamp":1,"test":"yes"}') },
  { name: 'signature a number', send: call('{"action_name":"a","parameters":{},"timestamp":1,"signature":5}') },
  { name: 'signature an object', send: call('{"action_name":"a","parameters":{},"timestamp":1,"signature":{}}') },
  { name: 'URL and body name other actions', send: call('{"action_name":"a","parameters":{},"timestamp":1}', '', '/actions/b') },
  { name: 'an invalid action in the URL', send: call('{}', '', '/actions/Bad%20Name') },
  { name: 'NaN', send: call('{"action_name":"a","parameters":{"x":NaN},"timestamp":1}') },
  { name: 'Infinity', send: call('{"action_name":"a","parameters":{"x":Infinity},"timestamp":1}') },
  { name: 'a trailing comma', send: call('{"action_name":"a","parameters":{},"timestamp":1,}') },
  { name: 'single quotes', send: call("{'action_name':'a'}") },
  { name: 'a comment', send: call('{"action_name":"a" /* x */,"parameters":{},"timestamp":1}') },
  { name: 'duplicate keys', send: call('{"action_name":"a","action_name":"b","parameters":{},"timestamp":1}') },
  { name: 'a nested duplicate key', send: call('{"action_name":"a","parameters":{"x":1,"x":2},"timestamp":1}') },
  { name: 'a raw control character', send: call('{"action_name":"a","parameters":{"x":"a\u0001b"},"timestamp":1}') },
  {
    name: 'invalid UTF-8',
    send: call(
      Buffer.concat([Buffer.from('{"action_name":"a","parameters":{"x":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"},"timestamp":1}')]),
    ),
  },
  {
    name: 'overlong UTF-8',
    send: call(
      Buffer.concat([Buffer.from('{"action_name":"a","parameters":{"x":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"},"timestamp":1}')]),
    ),
  },
  { name: 'a byte order mark', send: call(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(valid())])) },
  { name: '10,000-deep nesting', send: call(`{"action_name":"a","parameters":${'['.repeat(10_000)}${']'.repeat(10_000)},"timestamp":1}`) },
  { name: 'a text/plain body', send: call(valid(), '', '/actions/a', 'text/plain') },
  { name: 'a form body', send: call('a=1', '', '/actions/a', 'application/x-www-form-urlencoded') },
  { name: 'a multipart body', send: call('--b--', '', '/actions/a', 'multipart/form-data; boundary=b') },
  // Routes and sizes.
  { name: 'another path', send: raw('GET /favicon.ico HTTP/1.1\r\nHost: x\r\n') },
  { name: 'GET on a Flowent route', send: raw('GET /actions/a HTTP/1.1\r\nHost: x\r\n') },
  { name: 'DELETE on a Flowent route', send: raw('DELETE /actions/a HTTP/1.1\r\nHost: x\r\n') },
  {
    name: 'a WebSocket upgrade',
    send: raw('GET /actions/a HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n'),
  },
  { name: 'a request target in absolute form', send: raw('POST http://attacker.example/x HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n') },
  { name: 'a body over the limit, announced', send: call(Buffer.alloc(1024 * 1024 + 1, 0x20)) },
  {
    name: 'a chunked body over the limit',
    send: `POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${'100000\r\n'}${'x'.repeat(0x100000)}\r\n10\r\n${'y'.repeat(16)}\r\n0\r\n\r\n`,
  },
  // What Node's HTTP parser refuses.
  {
    name: 'Content-Length and Transfer-Encoding',
    send: raw('POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n'),
  },
  { name: 'a duplicate Content-Length', send: 'POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}' },
  { name: 'a negative Content-Length', send: 'POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n{}' },
  { name: 'a Content-Length that is not a number', send: 'POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n{}' },
  {
    name: 'an unknown Transfer-Encoding',
    send: 'POST /actions/a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked, identity\r\n\r\n0\r\n\r\n',
  },
  { name: 'a folded header', send: 'POST /actions/a HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\nContent-Length: 2\r\n\r\n{}' },
  { name: 'bare LF line ends', send: 'POST /actions/a HTTP/1.1\nHost: x\nContent-Length: 2\n\n{}' },
  { name: 'NUL in a header', send: 'POST /actions/a HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\nContent-Length: 2\r\n\r\n{}' },
  { name: 'a space in a header name', send: 'POST /actions/a HTTP/1.1\r\nHost: x\r\nX A: 1\r\nContent-Length: 2\r\n\r\n{}' },
  {
    name: '8,000 headers',
    send: `POST /actions/a HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 8000 }, (_, i) => `X-${i}: v`).join('\r\n')}\r\n\r\n`,
  },
  { name: 'a 100 KB header', send: `POST /actions/a HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(100_000)}\r\n\r\n` },
  { name: 'a 100 KB URL', send: `POST /actions/${'u'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n` },
  { name: 'a bad HTTP version', send: 'POST /actions/a HTTP/9.9\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}' },
  { name: 'a bad method', send: 'P@ST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}' },
  { name: 'an HTTP/2 preface', send: 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n' },
  {
    name: 'a TLS hello',
    send: Buffer.from('16030100a5010000a103030000000000000000000000000000000000000000000000000000000000000000', 'hex'),
  },
  { name: 'no Host', send: raw('POST /actions/a HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 0\r\n') },
  { name: 'a bad chunk size', send: 'POST /actions/a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"act\r\nZZ\r\n' },
  {
    name: 'bytes after a complete request',
    send: `${call(valid()).toString('latin1').replace('Connection: close\r\n', '')}GARBAGE\r\n\r\n`,
  },
  // Slow and vanishing clients.
  {
    name: 'headers that stop arriving',
    timeoutMs: HEADERS_TIMEOUT_MS,
    send: async (write) => {
      write('POST /actions/a HTTP/1.1\r\nHost: x\r\nX-Slow: ');
      await pause(HEADERS_TIMEOUT_MS * 3);
    },
  },
  {
    name: 'a body that stops arriving',
    timeoutMs: BODY_IDLE_MS,
    send: async (write) => {
      write('POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"action_name"');
      await pause(BODY_IDLE_MS * 3);
    },
  },
  {
    name: 'a body that trickles past the request timeout',
    timeoutMs: REQUEST_TIMEOUT_MS,
    send: async (write) => {
      write('POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
      for (let waited = 0; waited < REQUEST_TIMEOUT_MS * 2; waited += BODY_IDLE_MS / 3) {
        await pause(BODY_IDLE_MS / 3);
        write(' ');
      }
    },
  },
  {
    name: 'a client that goes away mid-body',
    clientGoes: true,
    send: async (write, end) => {
      write('POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"action_name":"a"');
      await pause(100);
      end();
    },
  },
];

async function exchange(input: BadInput) {
  const socket = await openSocket(running.port);
  socket.on('error', () => undefined);
  const started = Date.now();
  let answeredAfterMs: number | null = null;
  socket.once('data', () => (answeredAfterMs = Date.now() - started));
  const received = readAll(socket, 20_000);
  const write = (bytes: string | Buffer) => {
    if (socket.writable) socket.write(bytes);
  };
  if (typeof input.send === 'function') await input.send(write, () => socket.destroy());
  else write(input.send);
  return { responses: parseResponses(await received), answeredAfterMs };
}

/** The history's state: how many records, and the newest record's problem message (repeats are counted there). */
async function historyMark() {
  const stats = await running.core.api.getStats({});
  const page = await running.core.api.listCalls({ limit: 50 });
  const messages = await Promise.all(page.calls.map(async (summary) => (await running.core.api.getCall(summary.id))?.problemMessage ?? ''));
  return { total: stats.total, messages: messages.join('\n') };
}

it(`answers every one of ${INPUTS.length} bad inputs in Flowent's JSON shape and records it`, async () => {
  let answeredInJson = 0;
  let expectingAnswer = 0;
  let recorded = 0;
  const failures: string[] = [];
  const timeouts: Record<string, { settingMs: number; answeredAfterMs: number | null }> = {};
  for (const input of INPUTS) {
    const before = await historyMark();
    const { responses, answeredAfterMs } = await exchange(input);
    if (input.timeoutMs !== undefined) timeouts[input.name] = { settingMs: input.timeoutMs, answeredAfterMs };
    if (!input.clientGoes) {
      expectingAnswer += 1;
      const flowentShaped = responses.length > 0 && responses.every((response) => isFlowentShape(response.body));
      if (flowentShaped) answeredInJson += 1;
      else failures.push(`${input.name}: answered ${JSON.stringify(responses.map((r) => [r.status, r.body.slice(0, 80)]))}`);
    }
    // Recorded: a new record, or a repeat counted on the record of its kind (written within a second or so).
    const wasRecorded = async () => {
      const after = await historyMark();
      return after.total > before.total || after.messages !== before.messages;
    };
    let seen = await wasRecorded();
    for (let waited = 0; !seen && waited < 3_000; waited += 100) {
      await pause(100);
      seen = await wasRecorded();
    }
    if (seen) recorded += 1;
    else failures.push(`${input.name}: not recorded`);
  }
  console.log(
    `webhook bad-input figures: ${JSON.stringify({ tried: INPUTS.length, expectingAnswer, answeredInJson, recorded, timeouts })}`,
  );
  expect(failures).toEqual([]);
  // And the server still answers a good call.
  expect((await running.post('/actions/a', valid())).status).toBe(200);
}, 180_000);

function isFlowentShape(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { result?: unknown; error?: unknown };
    return typeof parsed.result === 'string' && typeof parsed.error === 'string';
  } catch {
    return false;
  }
}
