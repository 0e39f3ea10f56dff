// When forwarding to the developer's handler gives no answer, the caller (Flowent, in the cloud)
// is told what happened without the handler's address; the call's record keeps it. Real
// sockets: a handler port that refuses, a handler that hangs up, one that hangs.
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { closedPort } from '../../helpers/handler-process';
import { coresClosedAfterEach, type RunningCore } from '../../helpers/running-core';
import { openStoreReadOnly } from './stored-call';

const KEY = 'test-key';
const startCore = coresClosedAfterEach();
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))));
});

/** A handler port that takes the connection and the request, then hangs up without a word. */
async function hangingUpHandler(): Promise<number> {
  const server = createServer((socket) => socket.once('data', () => socket.destroy()));
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

/** A handler port that takes the connection and never answers. */
async function silentHandler(): Promise<number> {
  const server = createServer((socket) => socket.on('data', () => {}));
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

async function sendTo(core: RunningCore, action: string) {
  const answer = await core.post(`/actions/${action}`, signedBody(flowentPayload(action), KEY));
  return { status: answer.status, json: answer.json as { result: string; error: string } };
}

describe('the answer to the caller when the handler gives no answer', () => {
  it('says the handler refused the connection, and sends the developer to the history; the record names where', async () => {
    const port = await closedPort();
    const core = await startCore({ forwardTarget: `http://127.0.0.1:${port}/private/hook/{action_name}` });
    const answer = await sendTo(core, 'send_email');
    expect(answer).toEqual({
      status: 502,
      json: {
        result: '',
        error:
          "Flowent Companion could not reach your handler: the connection was refused. See this call in Flowent Companion's history for the details and what to do.",
      },
    });
    const stored = openStoreReadOnly(core.dataDir).newest();
    expect(stored.forwardError).toBe(
      `Your handler at http://127.0.0.1:${port}/private/hook/send_email refused the connection: nothing is listening on 127.0.0.1:${port}. Start your handler, or check the port.`,
    );
    expect(stored.violations?.[0]).toMatchObject({ code: 'no-answer', cause: 'refused', message: stored.forwardError });
    expect(stored.forwardTarget).toBe(`http://127.0.0.1:${port}/private/hook/send_email`);
  });

  it('says the handler hung up, without its address', async () => {
    const port = await hangingUpHandler();
    const core = await startCore({ forwardTarget: `http://127.0.0.1:${port}/private/{action_name}` });
    const answer = await sendTo(core, 'send_email');
    expect(answer.status).toBe(502);
    expect(answer.json.result).toBe('');
    expect(answer.json.error).toBe(
      "Your handler closed the connection before finishing its answer. See this call in Flowent Companion's history for the details and what to do.",
    );
    const stored = openStoreReadOnly(core.dataDir).newest();
    expect(stored.forwardError).toContain(`Your handler at http://127.0.0.1:${port}/private/send_email closed the connection`);
  });

  it('says the handler was too slow, without its address', async () => {
    const port = await silentHandler();
    const core = await startCore({ forwardTarget: `http://127.0.0.1:${port}/private/{action_name}`, forwardTimeoutMs: 300 });
    const answer = await sendTo(core, 'send_email');
    expect(answer.status).toBe(504);
    expect(answer.json.error).toBe(
      "Your handler did not answer within Flowent Companion's forward timeout. See this call in Flowent Companion's history for the details and what to do.",
    );
    expect(openStoreReadOnly(core.dataDir).newest().forwardError).toMatch(
      new RegExp(`^Your handler at http://127\\.0\\.0\\.1:${port}/private/send_email did not answer within 300 ms`),
    );
  });

  it('keeps a target written with a password out of the answer: the record masks it as before', async () => {
    const core = await startCore();
    await core.core.api.setForwardTarget('send_email', 'http://user:***@10.1.2.3:8000/private/{action_name}');
    const answer = await sendTo(core, 'send_email');
    expect(answer.status).toBe(502);
    expect(answer.json.error).toBe(
      "Flowent Companion has no usable address of your handler for this action, so nothing was forwarded. See this call in Flowent Companion's history for the details and what to do.",
    );
    expect(openStoreReadOnly(core.dataDir).newest().forwardError).toMatch(
      /^The forward target for send_email, http:\/\/user:\*\*\*@10\.1\.2\.3:8000\/private\/\{action_name\}, has \*\*\* for its password/,
    );
  });
});
