import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { openSocket, parseResponses, rawExchange, readAll } from '../../helpers/raw-http';
import { coresClosedAfterEach, newestCall } from '../../helpers/running-core';
import { holdingHandler } from '../../helpers/holding-handler';

// Requests Node's HTTP parser refuses never reach a request handler: they are answered here in
// Flowent's JSON shape and recorded like any other bad input (a flood of one kind as one record).
const KEY = 'test-key';
const start = coresClosedAfterEach();

const head = (extra: string) => `POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${extra}`;

const REFUSED: { name: string; bytes: string; status: number; problem: string; error: RegExp }[] = [
  {
    name: 'Content-Length and Transfer-Encoding together',
    bytes: head('Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'),
    status: 400,
    problem: 'ambiguous-length',
    error: /Transfer-Encoding can't be present with Content-Length/,
  },
  {
    name: 'a duplicate Content-Length',
    bytes: head('Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}'),
    status: 400,
    problem: 'ambiguous-length',
    error: /Duplicate Content-Length/,
  },
  {
    name: 'a negative Content-Length',
    bytes: head('Content-Length: -1\r\n\r\n{}'),
    status: 400,
    problem: 'ambiguous-length',
    error: /Invalid character in Content-Length/,
  },
  {
    name: 'a folded header line (obs-fold)',
    bytes: head('X-Folded: a\r\n b\r\nContent-Length: 2\r\n\r\n{}'),
    status: 400,
    problem: 'malformed-http',
    error: /Unexpected whitespace after header value/,
  },
  {
    name: 'bare LF line ends',
    bytes: 'POST /actions/a HTTP/1.1\nHost: x\nContent-Length: 2\n\n{}',
    status: 400,
    problem: 'malformed-http',
    error: /Expected CRLF after version/,
  },
  {
    name: 'NUL in a header value',
    bytes: head('X-Nul: a\u0000b\r\nContent-Length: 2\r\n\r\n{}'),
    status: 400,
    problem: 'malformed-http',
    error: /Invalid header value char/,
  },
  {
    name: '8,000 headers',
    bytes: head(`${Array.from({ length: 8000 }, (_, i) => `X-H${i}: v`).join('\r\n')}\r\nContent-Length: 2\r\n\r\n{}`),
    status: 431,
    problem: 'head-too-large',
    error: /URL and headers are over 16 KB/,
  },
  {
    name: 'a 100 KB header',
    bytes: head(`X-Big: ${'b'.repeat(100_000)}\r\nContent-Length: 2\r\n\r\n{}`),
    status: 431,
    problem: 'head-too-large',
    error: /URL and headers are over 16 KB/,
  },
  {
    name: 'a 100 KB URL',
    bytes: `POST /actions/${'u'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}`,
    status: 431,
    problem: 'head-too-large',
    error: /URL and headers are over 16 KB/,
  },
  {
    name: 'a bad HTTP version',
    bytes: 'POST /actions/a HTTP/9.9\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}',
    status: 400,
    problem: 'malformed-http',
    error: /Invalid HTTP version/,
  },
  {
    name: 'a bad method',
    bytes: 'P@ST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}',
    status: 400,
    problem: 'malformed-http',
    error: /Invalid method/,
  },
];

describe('requests the HTTP parser refuses', () => {
  for (const testCase of REFUSED) {
    it(`${testCase.name}: answered ${testCase.status} in Flowent's shape and recorded as sent`, async () => {
      const core = await start();
      const [answer, ...more] = await rawExchange(core.port, testCase.bytes);
      expect(more).toEqual([]);
      expect(answer?.status).toBe(testCase.status);
      expect(answer?.headers['content-type']).toMatch(/^application\/json/);
      const json = JSON.parse(answer!.body) as { result: string; error: string };
      expect(json.result).toBe('');
      expect(json.error).toMatch(testCase.error);
      const stored = await newestCall(core);
      expect(stored).toMatchObject({ problem: testCase.problem, status: testCase.status, answeredBy: 'error', verdict: 'not-flowent' });
      expect(stored.problemMessage).toBe(json.error);
      expect(stored.response.body).toBe(answer!.body);
      // Told like every stored call: the inspector's list and serve's lines show it live.
      expect(core.events).toContainEqual({
        type: 'call-stored',
        call: expect.objectContaining({ id: stored.id, problem: testCase.problem }),
      });
      // The server keeps serving.
      expect((await core.post('/actions/a', signedBody(flowentPayload('a'), KEY))).status).toBe(200);
    });
  }

  it('an HTTP/1.1 request without Host: 400 in Flowent shape, recorded', async () => {
    const core = await start();
    const body = signedBody(flowentPayload('a'), KEY);
    const [answer] = await rawExchange(
      core.port,
      `POST /actions/a HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    expect(answer?.status).toBe(400);
    expect(JSON.parse(answer!.body)).toEqual({ result: '', error: expect.stringMatching(/no Host header/) });
    expect(await newestCall(core)).toMatchObject({ problem: 'missing-host', status: 400 });
  });

  it('a flood of one kind becomes one record with a count, and every request is still answered', async () => {
    const core = await start();
    const bad = 'P@ST /actions/a HTTP/1.1\r\nHost: x\r\n\r\n';
    const answers = await Promise.all(Array.from({ length: 200 }, () => rawExchange(core.port, bad)));
    expect(answers.map((list) => list[0]?.status)).toEqual(Array.from({ length: 200 }, () => 400));
    await expect.poll(async () => (await newestCall(core)).problemMessage, { timeout: 10_000 }).toMatch(/199 more requests like this/);
    const page = await core.core.api.listCalls({});
    expect(page.calls.filter((call) => call.problem === 'malformed-http')).toHaveLength(1);
  });

  it('a body with a bad chunk size is recorded with the 400 the client received', async () => {
    const core = await start();
    const [answer, ...more] = await rawExchange(core.port, head('Transfer-Encoding: chunked\r\n\r\n5\r\n{"act\r\nZZ\r\nxx\r\n0\r\n\r\n'));
    expect(more).toEqual([]);
    expect(answer?.status).toBe(400);
    const json = JSON.parse(answer!.body) as { error: string };
    expect(json.error).toMatch(/Invalid character in chunk size/);
    const stored = await newestCall(core);
    expect(stored).toMatchObject({ problem: 'malformed-body', status: 400, size: 5, requestBody: '{"act' });
    expect(stored.response.body).toBe(answer!.body);
  });

  it('bytes after a complete request: the call keeps its answer, which the client gets, then the garbage its own 400', async () => {
    const core = await start();
    const body = signedBody(flowentPayload('a'), KEY);
    const answers = await rawExchange(core.port, head(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}GARBAGE\r\n\r\n`));
    expect(answers.map((answer) => answer.status)).toEqual([200, 400]);
    const page = await core.core.api.listCalls({});
    expect(page.calls.map((call) => [call.action, call.status, call.problem])).toEqual([
      [null, 400, 'malformed-http'],
      ['a', 200, null],
    ]);
    const call = (await core.core.api.getCall(page.calls[1]!.id))!;
    expect(call.response.body).toBe(answers[0]!.body);
    expect((await core.core.api.getCall(page.calls[0]!.id))!.response.body).toBe(answers[1]!.body);
  });

  it('garbage behind a call its handler holds: refused after that answer, stored as received when it came', async () => {
    const held = await holdingHandler(null);
    const core = await start({ forwardTarget: `http://127.0.0.1:${held.port}/{action_name}` });
    const body = signedBody(flowentPayload('a'), KEY);
    const sent = Date.now();
    const answers = rawExchange(core.port, head(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}GARBAGE\r\n\r\n`));
    await held.firstArrived;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const answeredAt = Date.now();
    held.answerAll();
    expect((await answers).map((answer) => answer.status)).toEqual([200, 400]);
    await held.close();
    const refused = await newestCall(core);
    expect(refused).toMatchObject({ problem: 'malformed-http', status: 400 });
    // Its bytes came with the call's, a second and a half before the refusal could be written.
    expect(refused.receivedAt).toBeGreaterThanOrEqual(sent - 5);
    expect(refused.receivedAt).toBeLessThan(answeredAt - 1_000);
  });
});

describe('timeouts fire on time, answered 408 in Flowent shape', () => {
  it('headers that stop arriving are cut at the header timeout', async () => {
    const core = await start({ headersTimeoutMs: 1_000 });
    const started = Date.now();
    const [answer] = await rawExchange(core.port, 'POST /actions/a HTTP/1.1\r\nHost: x\r\nX-Slow: ', 40_000);
    const elapsed = Date.now() - started;
    expect(answer?.status).toBe(408);
    expect(JSON.parse(answer!.body)).toEqual({ result: '', error: expect.stringMatching(/headers did not arrive within 1 s/) });
    expect(elapsed).toBeGreaterThanOrEqual(950);
    // Generous for a busy machine; Node's own check ran every 30 s and cut them after 31.5 s.
    expect(elapsed).toBeLessThan(6_000);
    const stored = await newestCall(core);
    expect(stored).toMatchObject({ problem: 'headers-timeout', status: 408 });
    expect(core.events).toContainEqual({
      type: 'call-stored',
      call: expect.objectContaining({ id: stored.id, problem: 'headers-timeout' }),
    });
  }, 45_000);

  it('a body that trickles in past the request timeout is cut there', async () => {
    const core = await start({ requestTimeoutMs: 1_500, headersTimeoutMs: 1_000, bodyIdleTimeoutMs: 1_000 });
    const socket = await openSocket(core.port);
    const all = readAll(socket, 40_000);
    const started = Date.now();
    socket.write(head('Content-Length: 100\r\n\r\n{'));
    const trickle = setInterval(() => socket.writable && socket.write(' '), 300);
    const [answer] = parseResponses(await all);
    clearInterval(trickle);
    const elapsed = Date.now() - started;
    expect(answer?.status).toBe(408);
    expect(JSON.parse(answer!.body).error).toMatch(/within 1.5 s/);
    expect(elapsed).toBeLessThan(6_000);
    expect(await newestCall(core)).toMatchObject({ problem: 'body-timeout', status: 408 });
  }, 45_000);
});
