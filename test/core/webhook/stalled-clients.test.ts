import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { openSocket, parseResponses, readAll } from '../../helpers/raw-http';
import { coresClosedAfterEach, type RunningCore } from '../../helpers/running-core';

// What is recorded of clients that stall mid-headers. Node parses a head out of sight and keeps
// nothing of one that stops arriving: the record says what is known, and makes up no request line.
const KEY = 'test-key';
const start = coresClosedAfterEach();

async function newest(core: RunningCore) {
  const id = (await core.core.api.listCalls({ limit: 1 })).calls[0]?.id;
  if (id === undefined) throw new Error('no call stored');
  return (await core.core.api.getCall(id))!;
}

describe('headers that stop arriving', () => {
  it('are recorded with the client and how many bytes of the head had come, and no request line made up', async () => {
    const core = await start({ headersTimeoutMs: 1_000 });
    const socket = await openSocket(core.port);
    const all = readAll(socket, 20_000);
    const sent = 'POST /actions/stalled?x=1 HTTP/1.1\r\nHost: a\r\nX-Half: ';
    socket.write(sent);
    const [answer] = parseResponses(await all);
    expect(answer?.status).toBe(408);
    const said = `The request's headers did not arrive within 1 s (${sent.length} bytes of them had come). Send the whole request without pauses.`;
    expect(JSON.parse(answer!.body)).toEqual({ result: '', error: said });
    expect(await newest(core)).toMatchObject({
      method: '',
      path: '',
      remoteAddress: '127.0.0.1',
      requestHeaders: [],
      problem: 'headers-timeout',
      problemMessage: said,
      status: 408,
    });
  }, 30_000);

  it('after a request answered on the same connection, are recorded without a count that would hold that request', async () => {
    const core = await start({ headersTimeoutMs: 1_000 });
    const body = signedBody(flowentPayload('first'), KEY);
    const socket = await openSocket(core.port);
    const all = readAll(socket, 20_000);
    socket.write(
      `POST /actions/first HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await expect.poll(async () => (await core.core.api.listCalls({})).calls.length).toBe(1);
    socket.write('POST /actions/second HTTP/1.1\r\nHost: b\r\n');
    const answers = parseResponses(await all);
    expect(answers.map((answer) => answer.status)).toEqual([200, 408]);
    expect(await newest(core)).toMatchObject({
      method: '',
      path: '',
      problem: 'headers-timeout',
      problemMessage: "The request's headers did not arrive within 1 s. Send the whole request without pauses.",
    });
  }, 30_000);
});
