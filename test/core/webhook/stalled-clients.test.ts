import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { openSocket, parseResponses, readAll } from '../../helpers/raw-http';
import { coresClosedAfterEach, type RunningCore } from '../../helpers/running-core';

// What is recorded of clients that stall: the request that had arrived when its headers stopped.
const KEY = 'test-key';
const start = coresClosedAfterEach();

async function newest(core: RunningCore) {
  const id = (await core.core.api.listCalls({ limit: 1 })).calls[0]?.id;
  if (id === undefined) throw new Error('no call stored');
  return (await core.core.api.getCall(id))!;
}

describe('headers that stop arriving', () => {
  it('are recorded with the request line and headers that arrived, and the time waited', async () => {
    const core = await start({ headersTimeoutMs: 1_000 });
    const socket = await openSocket(core.port);
    const all = readAll(socket, 20_000);
    socket.write('POST /actions/stalled?x=1 HTTP/1.1\r\nHost: a\r\nX-Half: ');
    const [answer] = parseResponses(await all);
    expect(answer?.status).toBe(408);
    const stored = await newest(core);
    expect(stored).toMatchObject({ method: 'POST', path: '/actions/stalled?x=1', problem: 'headers-timeout', status: 408 });
    // The unfinished header line is not one.
    expect(stored.requestHeaders).toEqual([['Host', 'a']]);
    expect(stored.durationMs).toBeGreaterThanOrEqual(900);
    expect(stored.durationMs).toBeLessThan(6_000);
  }, 30_000);

  it('on a kept-alive connection, the stalled request is recorded, not the one answered before it', async () => {
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
      method: 'POST',
      path: '/actions/second',
      requestHeaders: [['Host', 'b']],
      problem: 'headers-timeout',
    });
  }, 30_000);

  it('a request line cut short is recorded as far as it came, marked as cut; a method cut short is not read as one', async () => {
    // A core each: a second header timeout within 10 s would be counted on the first's record.
    const stall = async (bytes: string) => {
      const core = await start({ headersTimeoutMs: 1_000 });
      const socket = await openSocket(core.port);
      const all = readAll(socket, 20_000);
      socket.write(bytes);
      expect(parseResponses(await all)[0]?.status).toBe(408);
      return newest(core);
    };
    expect(await stall('POST /actions/no-version-yet')).toMatchObject({
      method: 'POST',
      path: '/actions/no-version-yet…',
      requestHeaders: [],
      requestBody: 'POST /actions/no-version-yet',
    });
    expect(await stall('POS')).toMatchObject({ method: '', path: '', requestHeaders: [], requestBody: 'POS' });
  }, 30_000);
});
