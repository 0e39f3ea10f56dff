/**
 * A process stalled past a forward's limit (a busy machine, a long synchronous write) meets the
 * expired timer and the handler's waiting answer in the same turn of the event loop. Timers run
 * first there, so the answer that came in time must still win.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { Forwarder } from '../../../main/core/answers/forward';

/** Long enough that only the stall, never a slow machine, takes the handler's answer past it. */
const LIMIT_MS = 1_000;
let server: Server | null = null;
const forwarder = new Forwarder();

afterEach(async () => {
  await forwarder.close();
  await new Promise((done) => server?.close(done));
});

/** A handler in this process that answers, then (from its second call on) holds the process busy until `stallUntil()`. */
async function handlerThatStalls(stallUntil: () => number): Promise<string> {
  let calls = 0;
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.end('{"result":"in time","error":""}');
      calls += 1;
      if (calls === 1) return;
      const until = stallUntil();
      while (performance.now() < until) {
        // The answer is on the wire; the process is busy elsewhere past the limit.
      }
    });
  });
  await new Promise<void>((ready) => server!.listen(0, '127.0.0.1', ready));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/actions/ok`;
}

it('relays an answer that arrived within the limit although the process stalled past it', async () => {
  let started = 0;
  const url = await handlerThatStalls(() => started + LIMIT_MS * 1.5);
  const call = (timeoutMs = LIMIT_MS) =>
    forwarder.forward({ url, body: Buffer.from('{}'), headers: [['content-type', 'application/json']], timeoutMs, to: 'handler' });
  // The first forward loads the client library and connects (on a loaded machine that alone
  // took over a second, so it gets Flowent's own limit); the second finds both ready, so only
  // the stall stands between its answer and the limit.
  expect(await call(30_000)).toMatchObject({ ok: true });
  started = performance.now();
  const outcome = await call();
  expect(outcome).toMatchObject({ ok: true, status: 200 });
  expect(outcome.ok && outcome.body.toString()).toBe('{"result":"in time","error":""}');
});
