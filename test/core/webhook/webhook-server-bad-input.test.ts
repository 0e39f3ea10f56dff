import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { openSocket, rawRequest, readAll, parseResponse } from '../../helpers/raw-http';
import { coresClosedAfterEach, newestCall } from '../../helpers/running-core';

const KEY = 'test-key';
const start = coresClosedAfterEach();

describe('webhook server: bad input gets a clear Flowent-shaped answer and is still stored', () => {
  const cases: {
    name: string;
    path?: string;
    body: string | Buffer;
    headers?: Record<string, string>;
    status: number;
    problem: string;
    error: RegExp;
    /** The action_name as the list shows it, when the call is not listed under it. */
    sentAction?: string;
    /** The action the call is listed under, when the case says which. */
    action?: string;
  }[] = [
    { name: 'not JSON', body: 'hello', status: 400, problem: 'invalid-json', error: /not valid JSON/ },
    { name: 'truncated JSON', body: '{"action_name":"a","param', status: 400, problem: 'invalid-json', error: /not valid JSON/ },
    { name: 'empty body', body: '', status: 400, problem: 'empty', error: /^The body is empty; Flowent sends a JSON object\.$/ },
    { name: 'a JSON array', body: '[1,2]', status: 400, problem: 'not-an-object', error: /not an object/ },
    { name: 'a JSON string', body: '"send_email"', status: 400, problem: 'not-an-object', error: /not an object/ },
    {
      name: 'missing action_name',
      body: '{"parameters":{},"timestamp":1}',
      status: 400,
      problem: 'missing-action-name',
      error: /no "action_name"/,
    },
    {
      name: 'action_name a number',
      body: '{"action_name":5,"parameters":{},"timestamp":1}',
      status: 400,
      problem: 'invalid-action-name',
      error: /must be a string/,
      sentAction: '5',
    },
    {
      name: 'action_name with forbidden characters',
      body: '{"action_name":"Send-Email","parameters":{},"timestamp":1}',
      status: 400,
      problem: 'invalid-action-name',
      error: /lowercase/,
      sentAction: '"Send-Email"',
    },
    {
      name: 'action_name over 100 characters',
      body: JSON.stringify({ action_name: 'a'.repeat(101), parameters: {}, timestamp: 1 }),
      status: 400,
      problem: 'invalid-action-name',
      error: /1-100/,
      sentAction: `"${'a'.repeat(57)}..."`,
    },
    {
      name: 'parameters an array',
      body: '{"action_name":"a","parameters":[],"timestamp":1}',
      status: 400,
      problem: 'invalid-parameters',
      error: /must be an object/,
    },
    {
      name: 'missing parameters',
      body: '{"action_name":"a","timestamp":1}',
      status: 400,
      problem: 'missing-parameters',
      error: /no "parameters"/,
    },
    {
      name: 'timestamp a string',
      body: '{"action_name":"a","parameters":{},"timestamp":"1"}',
      status: 400,
      problem: 'invalid-timestamp',
      error: /whole number of seconds/,
    },
    {
      name: 'timestamp a float',
      body: '{"action_name":"a","parameters":{},"timestamp":1.5}',
      status: 400,
      problem: 'invalid-timestamp',
      error: /whole number/,
    },
    {
      name: 'test a string',
      body: '{"action_name":"a","parameters":{},"timestamp":1,"test":"yes"}',
      status: 400,
      problem: 'invalid-test',
      error: /true or false/,
    },
    {
      name: 'signature a number',
      body: '{"action_name":"a","parameters":{},"timestamp":1,"signature":5}',
      status: 400,
      problem: 'invalid-signature-type',
      error: /64 hex/,
    },
    {
      name: 'path and body disagree',
      path: '/actions/other',
      body: '{"action_name":"a","parameters":{},"timestamp":1}',
      status: 400,
      problem: 'action-mismatch',
      error: /URL names action "other"/,
      // Listed under the URL's action, the route it came to; the body's claim kept as sent.
      action: 'other',
      sentAction: '"a"',
    },
    {
      // Echoed whole, a 5,000-character name made a 5 KB answer: the answer keeps its start.
      name: 'an overlong action name in the path',
      path: `/actions/${'a'.repeat(5_000)}`,
      body: '{}',
      status: 400,
      problem: 'invalid-path-action',
      error: new RegExp(`^"${'a'.repeat(117)}\\.\\.\\." in the URL is not a valid action name: use `),
    },
    {
      name: 'invalid action in the path',
      path: '/actions/Bad%20Name',
      body: '{}',
      status: 400,
      problem: 'invalid-path-action',
      error: /not a valid action name/,
    },
    {
      name: 'NaN spelled in',
      body: '{"action_name":"a","parameters":{"x":NaN},"timestamp":1}',
      status: 400,
      problem: 'invalid-json',
      error: /not valid JSON/,
    },
    {
      name: 'duplicate keys',
      body: '{"action_name":"a","action_name":"b","parameters":{},"timestamp":1}',
      status: 400,
      problem: 'duplicate-key',
      error: /repeats the key "action_name"/,
    },
    {
      name: 'invalid UTF-8',
      body: Buffer.concat([
        Buffer.from('{"action_name":"a","parameters":{"x":"'),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('"},"timestamp":1}'),
      ]),
      status: 400,
      problem: 'invalid-utf8',
      error: /^The body is not valid UTF-8: byte 38 \(0xc3\) begins/,
    },
    {
      name: 'a byte order mark',
      body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"action_name":"a","parameters":{},"timestamp":1}')]),
      status: 400,
      problem: 'bom',
      error: /^The body starts with a byte order mark/,
    },
    {
      name: '10,000-deep nesting',
      body: `{"action_name":"a","parameters":${'['.repeat(10_000)}${']'.repeat(10_000)},"timestamp":1}`,
      status: 400,
      problem: 'too-deep',
      error: /deep/,
    },
    {
      name: 'a text/plain body',
      body: '{}',
      headers: { 'content-type': 'text/plain' },
      status: 415,
      problem: 'unsupported-content-type',
      error: /application\/json/,
    },
    {
      name: 'a gzip-compressed body',
      body: gzipSync('{"action_name":"a","parameters":{},"timestamp":1}'),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      status: 415,
      problem: 'unsupported-content-encoding',
      error: /Content-Encoding "gzip" is not supported: Flowent sends the body uncompressed/,
    },
    {
      name: 'a form body',
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      status: 415,
      problem: 'unsupported-content-type',
      error: /not JSON/,
    },
  ];

  for (const testCase of cases) {
    it(`${testCase.name} -> ${testCase.status}`, async () => {
      const core = await start();
      const answer = await core.post(testCase.path ?? '/actions/a', testCase.body, testCase.headers);
      expect(answer.status).toBe(testCase.status);
      const json = answer.json as { result: string; error: string };
      expect(json.result).toBe('');
      expect(json.error).toMatch(testCase.error);
      const stored = await newestCall(core);
      expect(stored).toMatchObject({ problem: testCase.problem, status: testCase.status, answeredBy: 'error' });
      expect(stored.problemMessage).toBe(json.error);
      if (testCase.action) expect(stored.action).toBe(testCase.action);
      // What the body named, when it was not a valid action name, next to the URL's action.
      expect(stored.sentAction).toBe(testCase.sentAction ?? null);
      expect((await core.core.api.listCalls({ limit: 1 })).calls[0]?.sentAction).toBe(testCase.sentAction ?? null);
      // The server keeps serving after every bad input.
      expect((await core.post('/actions/a', signedBody(flowentPayload('a'), KEY))).status).toBe(200);
    });
  }

  it('answers 404 to unknown paths and 405 to other methods, and records both', async () => {
    const core = await start();
    const notFound = await fetch(`${core.baseUrl}/favicon.ico`);
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as { error: string }).error).toMatch(/POST \/actions\/<action_name>/);
    const wrongMethod = await fetch(`${core.baseUrl}/actions/send_email`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const page = await core.core.api.listCalls({});
    expect(page.calls.map((c) => [c.method, c.status, c.verdict])).toEqual([
      ['GET', 405, 'not-flowent'],
      ['GET', 404, 'not-flowent'],
    ]);
  });

  it('refuses a body over the limit with 413, before reading it when the length is announced', async () => {
    const core = await start();
    const oneMbPlusOne = Buffer.alloc(1024 * 1024 + 1, 0x20);
    const answer = await core.post('/actions/a', oneMbPlusOne);
    expect(answer.status).toBe(413);
    expect((answer.json as { error: string }).error).toMatch(/1048577 bytes, over the 1048576-byte limit.*--body-limit/);
    expect(await newestCall(core)).toMatchObject({ problem: 'too-large', size: 1024 * 1024 + 1 });
  });

  it('refuses a chunked body once it passes the limit', async () => {
    const core = await start({ bodyLimitBytes: 1000 });
    const chunk = 'x'.repeat(600);
    const response = await rawRequest(
      core.port,
      `POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n` +
        `258\r\n${chunk}\r\n258\r\n${chunk}\r\n0\r\n\r\n`,
    );
    expect(response.status).toBe(413);
    expect(response.headers.connection).toBe('close');
    // Reading stops at the limit, so the body's whole size is not known: only what had arrived.
    expect(JSON.parse(response.body)).toEqual({
      result: '',
      error: expect.stringMatching(/^The body is over the 1000-byte limit \(1200 bytes had arrived when reading stopped\)/),
    });
    expect(await newestCall(core)).toMatchObject({ problem: 'too-large' });
  });

  it('accepts a chunked body under the limit and Expect: 100-continue', async () => {
    const core = await start();
    const body = signedBody(flowentPayload('a'), KEY);
    const chunked = await rawRequest(
      core.port,
      `POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n` +
        `${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`,
    );
    expect(chunked.status).toBe(200);
    const socket = await openSocket(core.port);
    const all = readAll(socket);
    socket.write(
      `POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.write(body);
    const text = await all;
    expect(text.startsWith('HTTP/1.1 100 Continue')).toBe(true);
    expect(parseResponse(text.slice(text.indexOf('\r\n\r\n') + 4)).status).toBe(200);
  });

  it('answers 408 to a client that stops sending its body, and keeps serving', async () => {
    const core = await start({ bodyIdleTimeoutMs: 300 });
    const socket = await openSocket(core.port);
    const all = readAll(socket);
    socket.write('POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"action_name"');
    const response = parseResponse(await all);
    expect(response.status).toBe(408);
    expect(JSON.parse(response.body).error).toMatch(/stopped arriving after 14 bytes/);
    expect(await newestCall(core)).toMatchObject({ problem: 'body-timeout', size: 14 });
    expect((await core.post('/actions/a', signedBody(flowentPayload('a'), KEY))).status).toBe(200);
  });

  it('reads a body whose last chunk came in time although the process stalled past the idle limit', async () => {
    const idleMs = 300;
    const core = await start({ bodyIdleTimeoutMs: idleMs });
    const socket = await openSocket(core.port);
    const all = readAll(socket);
    const body = Buffer.from(signedBody(flowentPayload('a'), KEY));
    socket.write(
      `POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
    );
    socket.write(body.subarray(0, 10));
    // Time for the server (this process) to read the first chunk and arm its idle timer.
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Stalling in a setImmediate turn means the next turn starts with the timers: where a
    // stalled process finds its expired deadline before its sockets.
    await new Promise((resolve) => setImmediate(resolve));
    const armedBefore = performance.now();
    socket.write(body.subarray(10));
    while (performance.now() < armedBefore + idleMs * 1.5) {
      // The rest is on the wire; the process is busy elsewhere past the idle limit.
    }
    expect(parseResponse(await all).status).toBe(200);
    expect(await newestCall(core)).toMatchObject({ problem: null, size: body.length });
  });

  it('records an aborted upload with what arrived, and keeps serving', async () => {
    const core = await start();
    const socket = await openSocket(core.port);
    socket.write('POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"action_name":"a"');
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    await expect.poll(async () => (await core.core.api.listCalls({})).calls[0]?.problem).toBe('aborted');
    expect(await newestCall(core)).toMatchObject({ status: 0, size: 18, requestBody: '{"action_name":"a"' });
    expect((await core.post('/actions/a', signedBody(flowentPayload('a'), KEY))).status).toBe(200);
  });

  it('answers malformed HTTP and header floods without crashing', async () => {
    const core = await start();
    expect((await rawRequest(core.port, 'THIS IS NOT HTTP\r\n\r\n')).status).toBe(400);
    const flood = Array.from({ length: 2000 }, (_, i) => `X-Flood-${i}: ${'v'.repeat(20)}`).join('\r\n');
    expect((await rawRequest(core.port, `POST /actions/a HTTP/1.1\r\nHost: x\r\n${flood}\r\n\r\n`)).status).toBe(431);
    expect((await core.post('/actions/a', signedBody(flowentPayload('a'), KEY))).status).toBe(200);
  });

  it('answers pipelined requests in order', async () => {
    const core = await start();
    const one = signedBody(flowentPayload('a'), KEY);
    const two = 'not json';
    const request = (body: string, close = false) =>
      `POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${close ? 'Connection: close\r\n' : ''}\r\n${body}`;
    const socket = await openSocket(core.port);
    const all = readAll(socket);
    socket.write(request(one) + request(two, true));
    const text = await all;
    const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]);
    expect(statuses).toEqual(['200', '400']);
  });
});
