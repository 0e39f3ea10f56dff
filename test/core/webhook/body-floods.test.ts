import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { openSocket, parseResponses, readAll } from '../../helpers/raw-http';
import { coresClosedAfterEach, newestCall } from '../../helpers/running-core';

// What is recorded of clients that stall in their bodies or send too much:
// a flood of slow or oversized bodies is folded into one record, as floods of slow headers are;
// bodies read whole (bad JSON included) are each a call of their own.
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

  it('a flood of bodies over the limit is one record with a count, and every request is still answered 413', async () => {
    const core = await start({ bodyLimitBytes: 1_000 });
    const big = JSON.stringify({ action_name: 'a', parameters: { padding: 'x'.repeat(2_000) } });
    const statuses = await Promise.all(Array.from({ length: 30 }, async () => (await core.post('/actions/a', big)).status));
    expect(statuses).toEqual(Array.from({ length: 30 }, () => 413));
    await expect.poll(async () => (await newestCall(core)).problemMessage, { timeout: 10_000 }).toMatch(/29 more requests like this/);
    expect((await core.core.api.listCalls({})).calls.map((call) => call.problem)).toEqual(['too-large']);
    // A Flowent call in the middle of the flood is stored on its own.
    expect((await core.post('/actions/a', signedBody(flowentPayload('a'), KEY))).status).toBe(200);
    expect((await core.core.api.listCalls({})).calls).toHaveLength(2);
  }, 30_000);
});

describe('bodies that arrive whole but are not JSON, from one client', () => {
  it('are each a record of their own: each is a call whose bytes and mistake the developer looks at', async () => {
    const core = await start();
    const bodies = ['{"action_name": "a", "parameters": ', '{"action_name": "a",}', 'not json at all', '[1, 2', '{"a": 1'];
    for (const body of bodies) expect((await core.post('/actions/a', body)).status).toBe(400);
    const calls = (await core.core.api.listCalls({})).calls;
    expect(calls).toHaveLength(bodies.length);
    const stored = await Promise.all(calls.map(async (call) => (await core.core.api.getCall(call.id))!.problemMessage));
    expect(stored.filter((message) => /more requests like this/.test(message ?? ''))).toEqual([]);
  });
});
