import { Agent } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { startServe, type ServeProcess } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { percentile, timedPost } from '../helpers/timed-post';

// One caller's pathological body must not stall everyone else. The body: 1 MB of 340,000 `{}`
// with a wrong signature, so every signing style is built and hashed over a huge tree. A normal
// call's latency is measured on the real headless command, idle, then while three such bodies
// are always in flight. The figures are printed (BENCHMARKS.md keeps them); the assertion is
// a loose bound that holds on a busy machine (the whole suite running beside it made it 3.9x)
// and still catches the stall this guards against: before, a normal call waited for every
// such body in front of it, about 900x its idle latency.
const KEY = 'pathological-key';
const SAMPLES = Number(process.env.PATHOLOGICAL_SAMPLES ?? 150);
const IN_FLIGHT = 3;
/** The loaded measurement lasts until this many heavy bodies were answered: each was read, checked, stored and answered meanwhile. */
const HEAVY_ANSWERED = Number(process.env.PATHOLOGICAL_HEAVY ?? 12);

const dir = makeTempDir();
let server: ServeProcess;
beforeAll(async () => {
  server = await startServe(['--port', '0', '--data-dir', dir.path, '--no-inspector'], { FLOWENT_HMAC_KEY: KEY });
});
afterAll(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
  dir.remove();
});

function pathologicalBody(): Buffer {
  const inner = Array.from({ length: 340_000 }, () => '{}').join(',');
  const timestamp = Math.floor(Date.now() / 1000);
  return Buffer.from(`{"action_name":"heavy","parameters":{"x":[${inner}]},"timestamp":${timestamp},"signature":"${'0'.repeat(64)}"}`);
}

async function normalLatencies(agent: Agent, url: URL, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const outcome = await timedPost(agent, url, '/actions/light', Buffer.from(signedBody(flowentPayload('light', { i }), KEY)));
    expect(outcome.status).toBe(200);
    latencies.push(outcome.ms);
  }
  return latencies;
}

it(`a normal call stays quick while ${IN_FLIGHT} pathological 1 MB bodies are always in flight`, async () => {
  const url = new URL(server.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  await normalLatencies(agent, url, 50);
  const idle = await normalLatencies(agent, url, SAMPLES);

  const heavy = pathologicalBody();
  let loading = true;
  let heavyAnswered = 0;
  const heavyTimes: number[] = [];
  const loaders = Array.from({ length: IN_FLIGHT }, async () => {
    while (loading) {
      const outcome = await timedPost(false, url, '/actions/heavy', heavy);
      expect(outcome.status).toBe(200);
      heavyTimes.push(outcome.ms);
      heavyAnswered += 1;
    }
  });
  // The first heavy bodies are on their way before the measurement starts.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const loaded: number[] = [];
  while (loaded.length < SAMPLES || heavyAnswered < HEAVY_ANSWERED) loaded.push(...(await normalLatencies(agent, url, 1)));
  loading = false;
  await Promise.all(loaders);
  agent.destroy();

  const ratio = percentile(loaded, 50) / percentile(idle, 50);
  const figures = {
    idleMedianMs: round(percentile(idle, 50)),
    idleP90Ms: round(percentile(idle, 90)),
    loadedMedianMs: round(percentile(loaded, 50)),
    loadedP90Ms: round(percentile(loaded, 90)),
    medianRatio: round(ratio),
    p90Ratio: round(percentile(loaded, 90) / percentile(idle, 90)),
    normalCalls: loaded.length,
    heavyAnswered,
    heavyMedianMs: round(percentile(heavyTimes, 50)),
  };
  console.log(`pathological-body figures: ${JSON.stringify(figures)}`);
  expect(heavyAnswered).toBeGreaterThan(0);
  expect(ratio, JSON.stringify(figures)).toBeLessThan(25);
}, 180_000);

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
