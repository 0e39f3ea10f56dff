import Database from 'better-sqlite3';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { startCore, type RunningCore } from '../helpers/running-core';
import { fuzzBody, seededRandom } from './seeded-random';

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const COUNT = Number(process.env.FUZZ_COUNT ?? 10_000);
const CONCURRENCY = 16;
const PER_REQUEST_TIMEOUT_MS = 5_000;

let core: RunningCore;
beforeAll(async () => {
  core = await startCore({ key: 'fuzz-key' });
});
afterAll(async () => core.close());

interface Outcome {
  status: number;
  body: string;
}

function send(agent: Agent, body: Buffer): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port: core.port,
        path: '/actions/fuzz_target',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.setTimeout(PER_REQUEST_TIMEOUT_MS, () => req.destroy(new Error('no answer in time (a hang)')));
    req.on('error', reject);
    req.end(body);
  });
}

it(`answers ${COUNT} random and mutated bodies (seed ${SEED}) without crashing, hanging or losing one`, async () => {
  const random = seededRandom(SEED);
  const valid = signedBody(flowentPayload('fuzz_target', { recipient: 'user@example.com', note: 'é <b> & 😀' }), 'fuzz-key');
  const bodies = Array.from({ length: COUNT }, () => fuzzBody(random, valid));
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const index = next++;
      const outcome = await send(agent, bodies[index]!).catch((error: Error) => {
        throw new Error(`body #${index} (seed ${SEED}) got no answer: ${error.message}; body base64 ${bodies[index]!.toString('base64')}`);
      });
      statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
      // Every answer, good or bad, has Flowent's shape.
      const parsed = JSON.parse(outcome.body) as { result?: unknown; error?: unknown };
      expect(typeof parsed.result === 'string' && typeof parsed.error === 'string', `body #${index}: ${outcome.body}`).toBe(true);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  agent.destroy();
  console.log(`fuzz figures: ${JSON.stringify({ seed: SEED, bodies: COUNT, statuses: Object.fromEntries(statuses) })}`);

  expect(
    [...statuses.keys()].every((status) => [200, 400, 415].includes(status)),
    JSON.stringify([...statuses]),
  ).toBe(true);
  const page = await core.core.api.getStats({});
  expect(page.total).toBe(COUNT);

  // The store is consistent: SQLite's own check, read from a second connection.
  const db = new Database(join(core.dataDir, 'history.sqlite'), { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
}, 180_000);
