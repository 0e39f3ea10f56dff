import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { openSocket, parseResponses, readAll } from '../../helpers/raw-http';
import { coresClosedAfterEach, newestCall } from '../../helpers/running-core';

// What is recorded of clients that stall in their bodies:
// a flood of slow bodies is folded into one record, as floods of slow headers are.
const KEY = 'test-key';
const start = coresClosedAfterEach();

describe('a flood of slow bodies from one client', () => {
  it('is one record with a count, and every request is still answered 408', async () => {
    const core = await start({ bodyIdleTimeoutMs: 500 });
    const answers = await Promise.all(
      Array.from({ length: 30 }, async () => {
        const socket = await openSocket(core.port);
        const all = readAll(socket, 20_000);
        socket.write('POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
        return parseResponses(await all)[0]?.status;
      }),
    );
    expect(answers).toEqual(Array.from({ length: 30 }, () => 408));
    await expect.poll(async () => (await newestCall(core)).problemMessage, { timeout: 10_000 }).toMatch(/29 more requests like this/);
    const page = await core.core.api.listCalls({});
    expect(page.calls.map((call) => call.problem)).toEqual(['body-timeout']);
    // A Flowent call in the middle of the flood is stored on its own.
    expect((await core.post('/actions/a', signedBody(flowentPayload('a'), KEY))).status).toBe(200);
    expect((await core.core.api.listCalls({})).calls).toHaveLength(2);
  }, 30_000);

  it('a flood of uploads cut off mid-body is one record with a count', async () => {
    const core = await start();
    await Promise.all(
      Array.from({ length: 30 }, async () => {
        const socket = await openSocket(core.port);
        socket.write('POST /actions/a HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a"');
        await new Promise((resolve) => setTimeout(resolve, 100));
        socket.destroy();
      }),
    );
    await expect.poll(async () => (await newestCall(core)).problemMessage, { timeout: 10_000 }).toMatch(/29 more requests like this/);
    expect((await core.core.api.listCalls({})).calls.map((call) => call.problem)).toEqual(['aborted']);
  }, 30_000);
});
