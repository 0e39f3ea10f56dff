import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectorServer } from '../../main/transports/inspector/inspector-server';
import { startInspectorFor } from '../helpers/inspector';
import { startCore, type RunningCore } from '../helpers/running-core';

// Bad input against the inspector API: each case gets a clear JSON refusal and the inspector
// keeps answering good requests afterwards.
const TOKEN = 't'.repeat(40);
let running: RunningCore;
let inspector: InspectorServer;
let port = 0;

beforeAll(async () => {
  running = await startCore({ key: 'k' });
  ({ inspector, port } = await startInspectorFor(running, TOKEN));
});

afterAll(async () => {
  await inspector.stop();
  await running.close();
});

interface Reply {
  status: number;
  body: string;
}

function send(method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const call = (method: string, args: unknown) => send('POST', `/api/call/${method}`, auth, JSON.stringify(args));

const cases: { name: string; run: () => Promise<Reply>; status: number; message: RegExp }[] = [
  {
    name: 'no token',
    run: () => send('POST', '/api/call/getStatus', { 'content-type': 'application/json' }, '[]'),
    status: 401,
    message: /inspector token/,
  },
  {
    name: 'wrong token',
    run: () => send('POST', '/api/call/getStatus', { ...auth, authorization: 'Bearer nope' }, '[]'),
    status: 401,
    message: /inspector token/,
  },
  {
    name: 'token in the query instead of the header',
    run: () => send('POST', `/api/call/getStatus?token=${TOKEN}`, { 'content-type': 'application/json' }, '[]'),
    status: 401,
    message: /inspector token/,
  },
  {
    name: 'another Host',
    run: () => send('POST', '/api/call/getStatus', { ...auth, host: `attacker.example:${port}` }, '[]'),
    status: 403,
    message: /another host or origin/,
  },
  {
    name: 'another Origin',
    run: () => send('POST', '/api/call/getStatus', { ...auth, origin: 'https://attacker.example' }, '[]'),
    status: 403,
    message: /another host or origin/,
  },
  {
    name: 'a body that is not JSON',
    run: () => send('POST', '/api/call/getStatus', auth, '{not json'),
    status: 400,
    message: /not valid JSON/,
  },
  {
    name: 'text/plain',
    run: () => send('POST', '/api/call/getStatus', { ...auth, 'content-type': 'text/plain' }, '[]'),
    status: 415,
    message: /application\/json/,
  },
  {
    name: 'a body over 64 KB',
    run: () => send('POST', '/api/call/listCalls', auth, JSON.stringify([{ text: 'x'.repeat(70_000) }])),
    status: 413,
    message: /64 KB/,
  },
  { name: 'an unknown method', run: () => call('deleteEverything', []), status: 404, message: /No such inspector API/ },
  { name: 'GET on an API method', run: () => send('GET', '/api/call/getStatus', auth), status: 405, message: /POST/ },
  { name: 'arguments not an array', run: () => call('getCall', { id: 1 }), status: 400, message: /arguments must be an array/ },
  { name: 'getCall with a string id', run: () => call('getCall', ['1']), status: 400, message: /positive integer/ },
  { name: 'getCall with a negative id', run: () => call('getCall', [-5]), status: 400, message: /positive integer/ },
  { name: 'getCall with a float id', run: () => call('getCall', [1.5]), status: 400, message: /positive integer/ },
  { name: 'getStatus with arguments', run: () => call('getStatus', [1]), status: 400, message: /takes no arguments/ },
  {
    name: 'listCalls with an unknown filter field',
    run: () => call('listCalls', [{ sql: 'DROP TABLE calls' }]),
    status: 400,
    message: /`query` has no field `sql`/,
  },
  {
    name: 'listCalls with a page too large',
    run: () => call('listCalls', [{ limit: 1_000_000 }]),
    status: 400,
    message: /`limit` must be a whole number from 1 to 500/,
  },
  {
    name: 'listCalls with a bad verdict',
    run: () => call('listCalls', [{ verdict: 'fine' }]),
    status: 400,
    message: /`verdict` must be one of/,
  },
  {
    name: 'listCalls with a time that is not a number',
    run: () => call('listCalls', [{ since: 'yesterday' }]),
    status: 400,
    message: /`since` must be a time/,
  },
  {
    name: 'listCalls with a search over 1000 characters',
    run: () => call('listCalls', [{ text: 'x'.repeat(1001) }]),
    status: 400,
    message: /`text` must be a string of at most 1000/,
  },
  { name: 'getSampleRequest with a bad action', run: () => call('getSampleRequest', ['Bad Action']), status: 400, message: /lowercase/ },
  { name: 'setHmacKey with an empty key', run: () => call('setHmacKey', ['']), status: 400, message: /non-blank string/ },
  { name: 'setHmacKey with a blank key', run: () => call('setHmacKey', [' \t ']), status: 400, message: /non-blank string/ },
  {
    name: 'setHmacKey with a 2,000-character key',
    run: () => call('setHmacKey', ['k'.repeat(2000)]),
    status: 400,
    message: /at most 1024/,
  },
  { name: 'setMock with a bad format', run: () => call('setMock', [null, '{}', 'xml']), status: 400, message: /"json" or "yaml"/ },
  { name: 'setForwardTarget with a number', run: () => call('setForwardTarget', [null, 42]), status: 400, message: /a URL/ },
  {
    name: 'setListenOnAllInterfaces with a string',
    run: () => call('setListenOnAllInterfaces', ['yes']),
    status: 400,
    message: /true or false/,
  },
  { name: 'replayCall with a bad mode', run: () => call('replayCall', [1, 'edit', null]), status: 400, message: /"as-is" or "resign"/ },
  { name: 'replayCall with a string id', run: () => call('replayCall', ['1', 'as-is', null]), status: 400, message: /positive integer/ },
  {
    name: 'replayCall with a target over 2048 characters',
    run: () => call('replayCall', [1, 'resign', `http://x/${'a'.repeat(2048)}`]),
    status: 400,
    message: /`target` must be a URL of at most 2048 characters/,
  },
  { name: 'copyAsCurl without the re-sign flag', run: () => call('copyAsCurl', [1]), status: 400, message: /true or false/ },
  { name: 'the event stream without a ticket', run: () => send('GET', '/api/events', {}), status: 401, message: /ticket/ },
  {
    name: 'the event stream with the token instead of a ticket',
    run: () => send('GET', `/api/events?token=${TOKEN}`, {}),
    status: 401,
    message: /ticket/,
  },
  { name: 'the event stream with a made-up ticket', run: () => send('GET', '/api/events?ticket=abc', {}), status: 401, message: /ticket/ },
  { name: 'the event stream with POST', run: () => send('POST', '/api/events', {}), status: 405, message: /GET/ },
  { name: 'a ticket without the token', run: () => send('POST', '/api/events/ticket', {}), status: 401, message: /inspector token/ },
  {
    name: 'a ticket with GET',
    run: () => send('GET', '/api/events/ticket', { authorization: `Bearer ${TOKEN}` }),
    status: 405,
    message: /POST/,
  },
  { name: 'a token rotation without the token', run: () => send('POST', '/api/token/rotate', {}), status: 401, message: /inspector token/ },
  { name: 'a page with a broken percent-encoding', run: () => send('GET', '/%E0%A4%A', {}), status: 503, message: /not built/ },
];

describe('inspector API: bad input gets a clear refusal and the inspector keeps serving', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const reply = await testCase.run();
      expect(reply.status).toBe(testCase.status);
      const text = reply.body.startsWith('{') ? (JSON.parse(reply.body) as { message: string }).message : reply.body;
      expect(text).toMatch(testCase.message);
      const after = await call('getStatus', []);
      expect(after.status).toBe(200);
    });
  }
});
