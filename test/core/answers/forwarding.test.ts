import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { closedPort, handlerUrl, rawHeader, useHandler } from '../../helpers/handler-process';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { openSocket, parseResponses, rawRequest, readAll } from '../../helpers/raw-http';
import { coresClosedAfterEach, startCore, type RunningCore } from '../../helpers/running-core';
import { wordFailure } from '../../../main/contract/words';
import { CLI_VOCABULARY } from '../../../main/cli/cli-words';

const KEY = 'test-key';
const handler = useHandler();
const startClosedAfterEach = coresClosedAfterEach();
const start = (options: Parameters<typeof startCore>[0] = {}) => startClosedAfterEach({ forwardTarget: handler().target, ...options });

async function newestCall(core: RunningCore) {
  const id = (await core.core.api.listCalls({ limit: 1 })).calls[0]?.id;
  if (id === undefined) throw new Error('no call stored');
  const call = core.core.api.getCall(id);
  return (await call) as unknown as Record<string, unknown> & { response: { status: number; body: string; headers: [string, string][] } };
}

/** The stored row with the issue-4 fields (the contract's CallDetail does not list them yet). */
async function storedChecks(core: RunningCore) {
  const { openStoreReadOnly } = await import('./stored-call');
  return openStoreReadOnly(core.dataDir);
}

describe("forwarding to the developer's handler", () => {
  it('forwards the exact body bytes and clean headers; the signature still verifies; the answer is relayed', async () => {
    const core = await start();
    const payload = flowentPayload('ok', { recipient: 'zoë@example.com', note: '<b>&' });
    const body = signedBody(payload, KEY);
    const before = (await handler().received()).length;
    // Raw bytes: fetch() refuses to send Connection and friends.
    const answer = await rawRequest(
      core.port,
      `POST /actions/ok HTTP/1.1\r\nHost: 127.0.0.1:${core.port}\r\nContent-Type: application/json\r\nConnection: close, X-Drop-Me\r\n` +
        `X-Drop-Me: 1\r\nKeep-Alive: timeout=5\r\nProxy-Authorization: Basic eA==\r\nProxy-Trace: 1\r\nTE: trailers\r\nX-Custom: kept\r\nX-Forwarded-For: 10.0.0.9\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ result: 'handled ok', error: '' });
    expect(answer.headers['x-handler']).toBe('yes');
    expect(answer.headers['x-private-hop']).toBeUndefined();
    expect(answer.headers['keep-alive']).toBeUndefined();

    const received = (await handler().received()).slice(before);
    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(got.url).toBe('/actions/ok');
    expect(got.body.equals(Buffer.from(body))).toBe(true);
    // The handler can verify the signature over what it received, independently of the app.
    const { signature, ...unsigned } = JSON.parse(got.body.toString('utf8')) as Record<string, unknown>;
    expect(createHmac('sha256', KEY).update(JSON.stringify(unsigned)).digest('hex')).toBe(signature);
    expect(rawHeader(got.headers, 'x-drop-me')).toEqual([]);
    expect(rawHeader(got.headers, 'proxy-authorization')).toEqual([]);
    expect(rawHeader(got.headers, 'proxy-trace')).toEqual([]);
    expect(rawHeader(got.headers, 'keep-alive')).toEqual([]);
    expect(rawHeader(got.headers, 'te')).toEqual([]);
    expect(rawHeader(got.headers, 'connection')).not.toContain('close, X-Drop-Me');
    expect(rawHeader(got.headers, 'x-custom')).toEqual(['kept']);
    expect(rawHeader(got.headers, 'host')).toEqual([`127.0.0.1:${handler().port}`]);
    expect(rawHeader(got.headers, 'x-forwarded-for')[0]).toMatch(/^10\.0\.0\.9, (::ffff:)?127\.0\.0\.1$/);
    expect(rawHeader(got.headers, 'x-forwarded-proto')).toEqual(['http']);
    expect(rawHeader(got.headers, 'x-forwarded-host')).toEqual([`127.0.0.1:${core.port}`]);

    const call = await newestCall(core);
    expect(call).toMatchObject({ answeredBy: 'forward', verdict: 'valid', status: 200 });
    const stored = (await storedChecks(core)).newest();
    expect(stored).toMatchObject({
      forwardTarget: handlerUrl(handler(), 'ok'),
      forwardError: null,
      violations: [],
      checked: true,
    });
  });

  it("answers 504 in Flowent's shape when the handler takes longer than the limit, and records it", async () => {
    const core = await start({ forwardTimeoutMs: 400 });
    const started = Date.now();
    const answer = await core.post('/actions/hang', signedBody(flowentPayload('hang'), KEY));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(answer.status).toBe(504);
    // The caller is told what happened; where, and the limit that applied, are in the record.
    expect(answer.json).toEqual({
      result: '',
      error:
        "Your handler did not answer within Flowent Companion's forward timeout. See this call in Flowent Companion's history for the details and what to do.",
    });
    const stored = (await storedChecks(core)).newest();
    expect(stored).toMatchObject({
      answeredBy: 'forward-error',
      status: 504,
      forwardError: expect.stringMatching(/^Your handler at http:\/\/127\.0\.0\.1:\d+\/actions\/hang did not answer within 400 ms/),
    });
    // Recorded as no answer that timed out, not as a slow answer: the 504 is the companion's own.
    expect(stored.violations.map((v) => [v.code, v.cause])).toEqual([['too-slow', 'timeout']]);
    // Said once, with the limit that applied: the companion's 400 ms, beside Flowent's 30 s, and what to do.
    expect(stored.violations[0]?.message).toBe(stored.forwardError);
    expect(stored.forwardError).toMatch(
      /did not answer within 400 ms \(Flowent gives up after 30 s\)\. Check its log for where it waits, and answer sooner: do slow work after answering\.$/,
    );
  });

  it('applies the limit to a handler that trickles its answer', async () => {
    const core = await start({ forwardTimeoutMs: 1_000 });
    const answer = await core.post('/actions/trickle', signedBody(flowentPayload('trickle'), KEY));
    expect(answer.status).toBe(504);
  });

  it('answers 502 when nothing listens at the target, and records the target', async () => {
    const port = await closedPort();
    const core = await start({ forwardTarget: `http://127.0.0.1:${port}/hook/{action_name}` });
    const answer = await core.post('/actions/send_email', signedBody(flowentPayload('send_email'), KEY));
    expect(answer.status).toBe(502);
    expect((answer.json as { error: string }).error).not.toContain(String(port));
    const stored = (await storedChecks(core)).newest();
    expect(stored).toMatchObject({
      answeredBy: 'forward-error',
      forwardTarget: `http://127.0.0.1:${port}/hook/send_email`,
      forwardError: `Your handler at http://127.0.0.1:${port}/hook/send_email refused the connection: nothing is listening on 127.0.0.1:${port}. Start your handler, or check the port.`,
    });
    expect(stored.violations[0]).toMatchObject({ code: 'no-answer', cause: 'refused' });
    expect(stored.violations[0]?.message).toBe(stored.forwardError);
    // The 502 is the companion's own words, not the handler's: no mock is made of it.
    const id = (await core.core.api.listCalls({ limit: 1 })).calls[0]!.id;
    const made = await core.core.api.mockFromCall(id);
    expect(made).toEqual({ ok: false, code: 'call-without-answer', id, answeredBy: 'forward-error', status: 502, cause: 'refused' });
    if (!made.ok) {
      expect(wordFailure(made, CLI_VOCABULARY)).toBe(
        `Call #${id} was answered by this companion's own 502, because your handler refused the connection, not by your handler or a mock, so there is nothing to copy. Make the mock from a call your handler or a mock answered.`,
      );
    }
    expect((await core.core.api.getAnswerSettings()).mocks).toEqual([]);

    // A registration check to a dead handler: Flowent would refuse the registration.
    const check = await core.post(
      '/actions/send_email',
      JSON.stringify({ action_name: 'send_email', parameters: {}, timestamp: 1645123456, test: true }),
    );
    expect(check.status).toBe(502);
    expect((await storedChecks(core)).newest()).toMatchObject({ test: true, registrationWouldPass: false, answeredBy: 'forward-error' });
  });

  it('answers 502 when the handler resets the connection mid-answer', async () => {
    const core = await start();
    const answer = await core.post('/actions/reset', signedBody(flowentPayload('reset'), KEY));
    expect(answer.status).toBe(502);
    expect((answer.json as { error: string }).error).toMatch(/closed the connection before finishing its answer/);
  });

  it('falls back to the mock when the handler is unreachable, and says so', async () => {
    const port = await closedPort();
    const core = await start({ forwardTarget: `http://127.0.0.1:${port}/actions/{action_name}`, fallbackToMock: true });
    await core.core.api.setMock('send_email', JSON.stringify({ body: { result: 'from the mock', error: '' } }), 'json');
    const answer = await core.post('/actions/send_email', signedBody(flowentPayload('send_email'), KEY));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ result: 'from the mock', error: '' });
    const stored = (await storedChecks(core)).newest();
    expect(stored).toMatchObject({
      answeredBy: 'fallback-mock',
      forwardError: expect.stringContaining('refused the connection'),
      violations: [],
    });
  });

  it('falls back to the mock on every failure that is not an answer from the handler', async () => {
    const core = await start({ forwardTimeoutMs: 300, fallbackToMock: true });
    await core.core.api.setMock(null, JSON.stringify({ body: { result: 'from the mock', error: '' } }), 'json');
    const failures: [string, RegExp][] = [
      ['hang', /did not answer within 300 ms/],
      ['reset', /closed the connection before finishing its answer/],
    ];
    for (const [action, why] of failures) {
      const answer = await core.post(`/actions/${action}`, signedBody(flowentPayload(action), KEY));
      expect(answer.json, action).toEqual({ result: 'from the mock', error: '' });
      expect((await storedChecks(core)).newest(), action).toMatchObject({
        answeredBy: 'fallback-mock',
        forwardError: expect.stringMatching(why),
      });
    }
    // A handler port that speaks something else than HTTP.
    const notHttp = await notHttpServer();
    await core.core.api.setForwardTarget('odd', `http://127.0.0.1:${notHttp.port}/x`);
    expect((await core.post('/actions/odd', signedBody(flowentPayload('odd'), KEY))).json).toEqual({ result: 'from the mock', error: '' });
    expect((await storedChecks(core)).newest()).toMatchObject({
      answeredBy: 'fallback-mock',
      forwardError: expect.stringMatching(/not HTTP/),
    });
    notHttp.close();
    // The handler's own answers are relayed, even failing ones.
    expect((await core.post('/actions/error500', signedBody(flowentPayload('error500'), KEY))).status).toBe(500);
  });

  it('falls back to the mock when the action is set to forward but has no target', async () => {
    const core = await start({ forwardTarget: null, fallbackToMock: true });
    await core.core.api.setAnswerMode('lonely', 'forward');
    await core.core.api.setMock('lonely', JSON.stringify({ body: { result: 'from the mock', error: '' } }), 'json');
    expect((await core.post('/actions/lonely', signedBody(flowentPayload('lonely'), KEY))).json).toEqual({
      result: 'from the mock',
      error: '',
    });
    expect((await storedChecks(core)).newest()).toMatchObject({
      answeredBy: 'fallback-mock',
      forwardError: expect.stringMatching(/no target is set/),
    });
  });

  it('forwards a call sent with Expect: 100-continue, dropping Expect and the hop-by-hop headers', async () => {
    const core = await start();
    const body = signedBody(flowentPayload('ok'), KEY);
    const before = (await handler().received()).length;
    const socket = await openSocket(core.port);
    const all = readAll(socket);
    socket.write(
      `POST /actions/ok HTTP/1.1\r\nHost: 127.0.0.1:${core.port}\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n` +
        `Upgrade: h2c\r\nProxy-Connection: keep-alive\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.write(`${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`);
    const text = await all;
    const answers = parseResponses(text);
    expect(answers.map((response) => response.status)).toEqual([100, 200]);
    const answer = answers[1]!;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ result: 'handled ok', error: '' });
    const got = (await handler().received()).slice(before)[0]!;
    expect(rawHeader(got.headers, 'expect')).toEqual([]);
    expect(rawHeader(got.headers, 'upgrade')).toEqual([]);
    expect(rawHeader(got.headers, 'proxy-connection')).toEqual([]);
    expect(rawHeader(got.headers, 'transfer-encoding')).not.toContain('chunked');
    expect(got.body.equals(Buffer.from(body))).toBe(true);
  });

  it("sends a target's user and password as Basic authentication, in place of the call's own Authorization", async () => {
    const withCredentials = handler().target.replace('http://', 'http://deploy%40ci:p%C3%A4ss:word@');
    const core = await start({ forwardTarget: withCredentials });
    const before = (await handler().received()).length;
    const answer = await fetch(`http://127.0.0.1:${core.port}/actions/ok`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer from-the-caller' },
      body: signedBody(flowentPayload('ok'), KEY),
    });
    expect(answer.status).toBe(200);
    const got = (await handler().received()).slice(before)[0]!;
    expect(rawHeader(got.headers, 'authorization')).toEqual([`Basic ${Buffer.from('deploy@ci:päss:word').toString('base64')}`]);
    // Stored as the call came: the target's password is not written into the call's headers.
    const stored = await newestCall(core);
    expect(JSON.stringify(stored.requestHeaders)).not.toContain('Basic');
  });

  it('sends no Authorization of its own to a target without credentials', async () => {
    const core = await start();
    const before = (await handler().received()).length;
    await fetch(`http://127.0.0.1:${core.port}/actions/ok`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: signedBody(flowentPayload('ok'), KEY),
    });
    const got = (await handler().received()).slice(before)[0]!;
    expect(rawHeader(got.headers, 'authorization')).toEqual([]);
  });

  it('forwards registration checks and records whether Flowent would have accepted the answer', async () => {
    const core = await start({ enforceSignatures: true });
    const check = (action: string) => JSON.stringify({ action_name: action, parameters: {}, timestamp: 1645123456, test: true });
    const passed = await core.post('/actions/ok', check('ok'));
    expect(passed.json).toEqual({ result: 'handler passed the check', error: '' });
    expect((await storedChecks(core)).newest()).toMatchObject({ test: true, answeredBy: 'forward', registrationWouldPass: true });

    const failed = await core.post('/actions/reg_fail', check('reg_fail'));
    expect(failed.status).toBe(400);
    const refused = (await storedChecks(core)).newest();
    expect(refused).toMatchObject({ test: true, registrationWouldPass: false });
    // What a refused check costs is the registration, not a flow's failure branch.
    const not2xx = refused.violations.find((v) => v.code === 'not-2xx');
    expect(not2xx?.message).toBe(
      'your handler answered 400 to Flowent\'s registration check; Flowent registers the action only after a 2xx, so the registration fails ("action validation failed: webhook endpoint returned status 400").',
    );
  });

  it('judges a registration check by its status alone: a 200 HTML page passes it, breaks nothing and is no failure', async () => {
    const core = await start();
    const check = JSON.stringify({ action_name: 'garbage', parameters: {}, timestamp: 1645123456, test: true });
    const answer = await core.post('/actions/garbage', check);
    expect(answer.status).toBe(200);
    // Flowent reads nothing of the check's answer but its status (PROTOCOL.md section 3): not JSON is no violation here.
    expect(await newestCall(core)).toMatchObject({ test: true, violations: [], failed: false, forward: { registrationWouldPass: true } });
    expect((await storedChecks(core)).newest()).toMatchObject({ test: true, registrationWouldPass: true, violations: [] });
    expect((await core.core.api.getStats({})).failures).toBe(0);
  });

  it("answers 502 with the reason when the handler's answer is over Flowent's 1 MB, never a cut answer", async () => {
    const core = await start();
    for (const [action, size] of [
      ['big', /answered 1200024 bytes, over Flowent's 1 MB limit \(1048576 bytes\): /],
      // Cut off past the limit, its size unknown: over the limit, said once (it read "more than
      // 1048576 bytes, over Flowent's 1 MB limit (1048576 bytes)").
      ['huge_chunked', /answered more than Flowent's 1 MB limit \(1048576 bytes\): Flowent would refuse/],
    ] as const) {
      const answer = await core.post(`/actions/${action}`, signedBody(flowentPayload(action), KEY));
      expect(answer.status, action).toBe(502);
      expect(answer.json, action).toEqual({
        result: '',
        error:
          "Your handler's answer was over Flowent's 1 MB limit, so Flowent Companion did not pass it on. See this call in Flowent Companion's history for the details and what to do.",
      });
      const stored = (await storedChecks(core)).newest();
      expect(stored, action).toMatchObject({ answeredBy: 'forward-error', status: 502, forwardError: expect.stringMatching(size) });
      expect(stored.forwardError, action).toMatch(
        /^Your handler at http:\/\/127\.0\.0\.1:\d+\/actions\/\w+ answered .*Flowent's 1 MB limit/,
      );
      expect(
        stored.violations.map((v) => v.code),
        action,
      ).toEqual(['too-large']);
      expect(stored.response.body.length, action).toBeLessThan(1000);
    }
    const atLimit = await core.post('/actions/at_limit', signedBody(flowentPayload('at_limit'), KEY));
    expect(atLimit.status).toBe(200);
    expect(atLimit.text.length).toBe(1024 * 1024);
    expect((await storedChecks(core)).newest().violations).toEqual([]);
  });

  it("checks the handler's answers against Flowent's contract and stores the violations", async () => {
    const core = await start();
    const cases: [string, number, string[], RegExp][] = [
      ['result_number', 200, ['result-not-string'], /your handler answered 200 but `result` is a number/],
      ['garbage', 200, ['not-json'], /your handler answered 200 but the body is not JSON \(it starts with "<html>oops<\/html>"\)/],
      ['error500', 500, ['not-2xx'], /your handler answered 500; Flowent treats anything but 2xx as a failed action/],
    ];
    for (const [action, status, codes, message] of cases) {
      const answer = await core.post(`/actions/${action}`, signedBody(flowentPayload(action), KEY));
      expect(answer.status, action).toBe(status);
      const stored = (await storedChecks(core)).newest();
      expect(
        stored.violations.map((v) => v.code),
        action,
      ).toEqual(codes);
      expect(stored.violations[0]?.message, action).toMatch(message);
    }
  });

  it('uses per-action targets and modes over the startup target', async () => {
    const core = await start({ forwardTarget: null });
    expect((await core.post('/actions/ok', signedBody(flowentPayload('ok'), KEY))).json).toEqual({ result: 'ok', error: '' });
    expect((await core.core.api.setForwardTarget('ok', handler().target)).ok).toBe(true);
    expect((await core.post('/actions/ok', signedBody(flowentPayload('ok'), KEY))).json).toEqual({ result: 'handled ok', error: '' });
    expect((await core.core.api.setAnswerMode('ok', 'mock')).ok).toBe(true);
    expect((await core.post('/actions/ok', signedBody(flowentPayload('ok'), KEY))).json).toEqual({ result: 'ok', error: '' });
    expect((await core.core.api.getAnswerSettings()).routes).toMatchObject([{ action: 'ok', mode: 'mock', target: handler().target }]);
    expect((await core.core.api.setForwardTarget(null, 'ftp://nope')).ok).toBe(false);
  });

  it('stops promptly while a forward is hanging', async () => {
    const core = await start();
    const pending = core.post('/actions/hang', signedBody(flowentPayload('hang'), KEY)).catch(() => 'closed');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await core.core.stop();
    expect(Date.now() - started).toBeLessThan(2_500);
    await pending;
  });
});

/** A TCP port that answers every connection with bytes that are not HTTP. */
async function notHttpServer(): Promise<{ port: number; close(): void }> {
  const server = createTcpServer((socket) => socket.end('SSH-2.0-OpenSSH_9.2\r\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => server.close() };
}
