import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../../main/core';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { openSocket } from '../../helpers/raw-http';
import { coresClosedAfterEach, newestCall } from '../../helpers/running-core';
import { makeTempDir } from '../../helpers/temp-dir';
import { startInCliWords } from '../../../main/cli/cli-words';

const KEY = 'test-key';
const start = coresClosedAfterEach();

describe('webhook server: well-formed Flowent calls', () => {
  it('answers a signed call with the default mock, stores it with verdict and style, and announces it', async () => {
    const core = await start();
    const body = signedBody(flowentPayload('send_email', { recipient: 'user@example.com' }), KEY);
    const answer = await core.post('/actions/send_email', body);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ result: 'ok', error: '' });

    const call = await newestCall(core);
    expect(call).toMatchObject({ action: 'send_email', verdict: 'valid', status: 200, answeredBy: 'mock', test: false, problem: null });
    expect(call.style).not.toBeNull();
    expect(call.requestBody).toBe(body);
    expect(call.response.body).toBe('{"result":"ok","error":""}');
    expect(call.requestHeaders.some(([name]) => name.toLowerCase() === 'content-type')).toBe(true);
    expect(core.events).toContainEqual({ type: 'call-stored', call: expect.objectContaining({ id: call.id, verdict: 'valid' }) });
  });

  it("flags a timestamp past Flowent's window or ahead of the clock in the list's summary, as in the details", async () => {
    const core = await start();
    const now = Math.floor(Date.now() / 1000);
    const stamped = async (timestamp: number) => {
      await core.post('/actions/send_email', signedBody({ ...flowentPayload('send_email'), timestamp }, KEY));
      const listed = (await core.core.api.listCalls({ limit: 1 })).calls[0]!;
      const event = core.events.findLast((e) => e.type === 'call-stored');
      expect(event?.type === 'call-stored' && event.call.timestamp).toEqual(listed.timestamp);
      expect((await core.core.api.getCall(listed.id))?.signature.timestamp).toMatchObject(listed.timestamp);
      return listed.timestamp;
    };
    expect(await stamped(now - 3600)).toEqual({ flag: 'old', ageSeconds: expect.closeTo(3600, -1) });
    expect(await stamped(now + 600)).toEqual({ flag: 'future', ageSeconds: expect.closeTo(-600, -1) });
    expect((await stamped(now)).flag).toBe('ok');
    await core.post('/actions/send_email', 'not json');
    expect((await core.core.api.listCalls({ limit: 1 })).calls[0]?.timestamp).toEqual({ flag: 'missing', ageSeconds: null });
  });

  it('takes the action from the body on POST /actions and POST /', async () => {
    const core = await start();
    for (const path of ['/actions', '/', '/actions/', '/actions/send_email?source=flowent']) {
      const answer = await core.post(path, signedBody(flowentPayload('send_email'), KEY));
      expect(answer.status, path).toBe(200);
      expect((await newestCall(core)).action).toBe('send_email');
    }
  });

  it('passes the registration check whatever its signature says', async () => {
    const core = await start({ enforceSignatures: true });
    const unsigned = JSON.stringify({ action_name: 'send_email', parameters: {}, timestamp: 1645123456, test: true });
    const answer = await core.post('/actions/send_email', unsigned);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ result: 'Test successful for action: send_email', error: '' });
    expect(await newestCall(core)).toMatchObject({ test: true, verdict: 'unsigned-test', answeredBy: 'test-check' });

    const badlySigned = JSON.stringify({
      action_name: 'send_email',
      parameters: {},
      timestamp: 1645123456,
      test: true,
      signature: 'a'.repeat(64),
    });
    expect((await core.post('/actions/send_email', badlySigned)).status).toBe(200);
    expect(await newestCall(core)).toMatchObject({ test: true, verdict: 'invalid' });
  });

  it('records a tampered call as invalid but answers it when signatures are not enforced', async () => {
    const core = await start();
    const body = signedBody(flowentPayload('send_email', { amount: 10 }), KEY).replace('"amount":10', '"amount":99');
    expect((await core.post('/actions/send_email', body)).status).toBe(200);
    expect(await newestCall(core)).toMatchObject({ verdict: 'invalid', answeredBy: 'mock' });
  });

  it('answers 401 like a production handler with --enforce-signatures', async () => {
    const core = await start({ enforceSignatures: true });
    const tampered = signedBody(flowentPayload('send_email', { a: 1 }), KEY).replace('"a":1', '"a":2');
    expect(await core.post('/actions/send_email', tampered)).toMatchObject({
      status: 401,
      json: { result: '', error: 'Invalid signature' },
    });
    const unsigned = JSON.stringify(flowentPayload('send_email'));
    expect(await core.post('/actions/send_email', unsigned)).toMatchObject({
      status: 401,
      json: { result: '', error: 'Missing signature' },
    });
    expect(await newestCall(core)).toMatchObject({ verdict: 'missing', answeredBy: 'signature-check', status: 401 });
    const good = signedBody(flowentPayload('send_email'), KEY);
    expect((await core.post('/actions/send_email', good)).status).toBe(200);
  });

  it('says no-key when there is no HMAC key, and refuses under enforcement with what to set', async () => {
    const core = await start({ key: null, enforceSignatures: true });
    const answer = await core.post('/actions/send_email', signedBody(flowentPayload('send_email'), KEY));
    expect(answer.status).toBe(401);
    expect((answer.json as { error: string }).error).toMatch(/FLOWENT_HMAC_KEY/);
    expect(await newestCall(core)).toMatchObject({ verdict: 'no-key' });
  });
});

describe('webhook server: lifecycle', () => {
  it('names the busy port and the flag to change it', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const dir = makeTempDir();
    const core = createCore({ mode: 'headless', dataDir: dir.path, port });
    const outcome = await core.listen();
    blocker.close();
    dir.remove();
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome).toMatchObject({ code: 'port-in-use', server: 'webhook', port });
      expect(startInCliWords(outcome)).toContain(`Port ${port}`);
      expect(startInCliWords(outcome)).toContain('--port');
    }
  });

  it('stop() closes idle keep-alive sockets and resolves promptly', async () => {
    const core = await start();
    const socket = await openSocket(core.port);
    const closed = new Promise((resolve) => socket.on('close', resolve));
    const body = signedBody(flowentPayload('a'), KEY);
    socket.write(
      `POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await new Promise((resolve) => socket.once('data', resolve));
    const began = Date.now();
    await core.core.stop();
    expect(Date.now() - began).toBeLessThan(900);
    await closed;
    await expect(fetch(`${core.baseUrl}/actions/a`, { method: 'POST', body })).rejects.toThrow();
  });
});
