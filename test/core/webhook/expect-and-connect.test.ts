import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { rawExchange } from '../../helpers/raw-http';
import { coresClosedAfterEach, newestCall } from '../../helpers/running-core';

// Two requests Node answers on its own unless the server listens for them: an Expect other than
// 100-continue (a bare 417) and CONNECT (the connection closed without a byte). Like every other
// bad request they get Flowent's JSON answer and a record.
const KEY = 'test-key';
const start = coresClosedAfterEach();

describe('an Expect other than 100-continue', () => {
  it('is answered 417 in Flowent shape without reading the body, and recorded with its request line and headers', async () => {
    const core = await start();
    const body = signedBody(flowentPayload('send_email'), KEY);
    const [answer, ...more] = await rawExchange(
      core.port,
      `POST /actions/send_email HTTP/1.1\r\nHost: x\r\nExpect: weird\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    expect(more).toEqual([]);
    expect(answer?.status).toBe(417);
    expect(answer?.headers['content-type']).toMatch(/^application\/json/);
    expect(answer?.headers.connection).toBe('close');
    const json = JSON.parse(answer!.body) as { result: string; error: string };
    expect(json.result).toBe('');
    expect(json.error).toMatch(/Expect: "weird".*100-continue/);
    const stored = await newestCall(core);
    expect(stored).toMatchObject({
      method: 'POST',
      path: '/actions/send_email',
      problem: 'unsupported-expect',
      status: 417,
      answeredBy: 'error',
      verdict: 'not-flowent',
    });
    expect(stored.requestHeaders).toContainEqual(['Expect', 'weird']);
    expect(stored.response.body).toBe(answer!.body);
    expect(core.events).toContainEqual({
      type: 'call-stored',
      call: expect.objectContaining({ id: stored.id, problem: 'unsupported-expect' }),
    });
    expect((await core.post('/actions/send_email', body)).status).toBe(200);
  });
});

describe('CONNECT', () => {
  it('is answered 405 in Flowent shape and recorded with its target', async () => {
    const core = await start();
    const [answer, ...more] = await rawExchange(core.port, 'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\n');
    expect(more).toEqual([]);
    expect(answer?.status).toBe(405);
    expect(answer?.headers.allow).toBe('POST');
    expect(answer?.headers['content-type']).toMatch(/^application\/json/);
    const json = JSON.parse(answer!.body) as { result: string; error: string };
    expect(json).toEqual({
      result: '',
      error: expect.stringMatching(
        /^CONNECT is not allowed here: .*not a proxy\. Flowent calls are POST requests to \/actions\/<action_name>\.$/,
      ),
    });
    const stored = await newestCall(core);
    expect(stored).toMatchObject({
      method: 'CONNECT',
      path: '127.0.0.1:22',
      problem: 'method-not-allowed',
      status: 405,
      answeredBy: 'error',
    });
    expect(stored.requestHeaders).toEqual([['Host', '127.0.0.1:22']]);
    expect(stored.response.body).toBe(answer!.body);
    expect(core.events).toContainEqual({ type: 'call-stored', call: expect.objectContaining({ id: stored.id }) });
    expect((await core.post('/actions/a', signedBody(flowentPayload('a'), KEY))).status).toBe(200);
  });

  it('a flood of CONNECTs is one record with a count, every one answered', async () => {
    const core = await start();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => rawExchange(core.port, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n')),
    );
    expect(answers.map((list) => list[0]?.status)).toEqual(Array.from({ length: 50 }, () => 405));
    await expect.poll(async () => (await newestCall(core)).problemMessage, { timeout: 10_000 }).toMatch(/49 more requests like this/);
    expect((await core.core.api.listCalls({})).calls).toHaveLength(1);
  });
});
