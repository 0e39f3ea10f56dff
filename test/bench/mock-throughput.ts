/**
 * Side by side, in one run, one after another on the same machine and the same load tool
 * (autocannon, loopback), repeated in interleaved rounds (--rounds) with the medians at the end:
 *
 *   mock answers   bare node:http answering fixed JSON | the companion (default mock, every
 *                  call verified and stored in SQLite before it is answered) | Mockoon CLI
 *                  (one route answering the same JSON)
 *   forwarding     the handler called directly | a minimal node:http proxy -> handler |
 *                  companion -> handler | Mockoon proxy mode -> handler; throughput, then the
 *                  added latency at a fixed rate (--rate), with the event loop's delay and GC
 *                  pauses recorded inside the companion and the proxy (loop-delay-preload.cjs)
 *   profile        --only profile: the companion forwarding at --rate under `--cpu-prof`, its
 *                  top self-time functions and GC pauses (written to --profile-dir);
 *                  --only profile-mock: the same for mock answers under autocannon's load
 *   soak           --soak <s>: --soak-connections against the companion's mock, errors and
 *                  the companion's RSS at start, every 10 s, and at the end
 *
 *   npm run build && npx tsx test/bench/mock-throughput.ts [--rounds 5] [--seconds 5] [--connections 10]
 *     [--rate 300] [--rate-seconds 10] [--soak 0] [--soak-connections 200] [--soak-warmup 0]
 *     [--only mock,forward,soak,profile] [--profile-dir <dir>]
 *
 * Every server is a separate process and autocannon runs in this one, so on a small machine
 * they compete for the same cores: compare the columns and the ratios, not absolute numbers.
 */
import type { ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { makeTempDir } from '../helpers/temp-dir';
import { cpuSeconds, rssMb, soakLoad, startCompanion, stop, storedCount, row, type Started } from './bench-kit';
import { forwardRound, mockRound, printSummary, profileForwarding, profileMock, type Bench } from './throughput-rounds';

const KEY = 'bench-key';
const ACTION = 'send_email';

async function main() {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '10' },
      rate: { type: 'string', default: '300' },
      'rate-seconds': { type: 'string', default: '10' },
      soak: { type: 'string', default: '0' },
      'soak-connections': { type: 'string', default: '200' },
      'soak-warmup': { type: 'string', default: '0' },
      only: { type: 'string', default: 'mock,forward,soak' },
      'profile-dir': { type: 'string' },
    },
  });
  const only = new Set(values.only.split(','));
  const body = signedBody(flowentPayload(ACTION, { recipient: 'user@example.com', subject: 'Welcome!' }), KEY);
  const dir = makeTempDir('fc-bench-');
  const children: ChildProcess[] = [];
  const bench: Bench = {
    key: KEY,
    action: ACTION,
    body,
    seconds: Number(values.seconds),
    connections: Number(values.connections),
    rate: Number(values.rate),
    rateSeconds: Number(values['rate-seconds']),
    dir: dir.path,
    track: <T extends Started>(started: T): T => {
      children.push(started.child);
      return started;
    },
  };
  const rounds = Number(values.rounds);
  try {
    console.log(
      `${bench.seconds} s per throughput run (after 1 s of warm-up), ${bench.connections} connections, ${bench.rate} calls/s for ${bench.rateSeconds} s, loopback, ${body.length}-byte signed body, ${rounds} rounds\n`,
    );
    const mocks = [];
    const forwards = [];
    for (let round = 1; round <= rounds && (only.has('mock') || only.has('forward')); round++) {
      console.log(`--- round ${round} of ${rounds}, load average ${loadavg()[0]!.toFixed(2)}`);
      if (only.has('mock')) mocks.push(await mockRound(bench));
      if (only.has('forward')) forwards.push(await forwardRound(bench));
    }
    if (mocks.length + forwards.length > 0) printSummary(mocks, forwards);
    const profileDir = () => values['profile-dir'] ?? makeTempDir('fc-bench-profile-').path;
    if (only.has('profile')) await profileForwarding(bench, profileDir());
    if (only.has('profile-mock')) await profileMock(bench, profileDir());
    if (only.has('soak') && Number(values.soak) > 0) {
      await soak(bench, Number(values.soak), Number(values['soak-connections']), Number(values['soak-warmup']));
    }
  } finally {
    await Promise.all(children.map(stop));
    dir.remove();
  }
}

async function soak(bench: Bench, seconds: number, connections: number, warmup: number): Promise<void> {
  const soakDir = makeTempDir('fc-bench-soak-');
  const companion = bench.track(await startCompanion(soakDir.path, bench.key));
  const url = `${companion.baseUrl}/actions/${bench.action}`;
  const pid = companion.child.pid ?? 0;
  // Optional: the same load first, uncounted, so the soak measures a warm server.
  if (warmup > 0) await soakLoad(url, bench.body, warmup, connections);
  const samples: string[] = [`0 s ${rssMb(pid).toFixed(1)} MB`];
  const started = Date.now();
  const sampler = setInterval(() => samples.push(`${Math.round((Date.now() - started) / 1000)} s ${rssMb(pid).toFixed(1)} MB`), 10_000);
  const before = cpuSeconds(pid);
  const result = await soakLoad(url, bench.body, seconds, connections);
  const cpu = cpuSeconds(pid) - before;
  clearInterval(sampler);
  samples.push(`end ${rssMb(pid).toFixed(1)} MB`);
  await stop(companion.child);
  const stored = storedCount(soakDir.path);
  soakDir.remove();
  console.log(
    `soak: ${connections} connections for ${seconds} s against the companion's mock (autocannon timeout 10 s; ${warmup > 0 ? `after ${warmup} s of the same load, uncounted` : 'from a cold start'})`,
  );
  console.log(row('companion, default mock, stored', result));
  console.log(
    `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}; latency max ${result.latency.max} ms; stored ${stored} for ${result['2xx']} answered; CPU per call ${((cpu * 1e6) / result['2xx']).toFixed(0)} µs`,
  );
  console.log(`companion RSS: ${samples.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
