/**
 * One round of the side-by-side benchmark (mock answers, forwarding), the summary of all
 * rounds against the goals, and the profiled forwarding run. See mock-throughput.ts.
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  LOOP_DELAY_PRELOAD,
  cpuSeconds,
  untilIdle,
  fixedRate,
  freePort,
  load,
  rssMb,
  rateRow,
  row,
  startBare,
  startCompanion,
  startMinimalProxy,
  startMockoon,
  stop,
  storedCount,
  type AutocannonResult,
  type Instrumented,
  type RateResult,
  type Started,
} from './bench-kit';
import { summaryLines } from './cpu-profile-summary';
import { loopDelayLine, loopDelayOver, median, type LoopDelay } from './loop-delay';
import { makeTempDir } from '../helpers/temp-dir';

export interface Bench {
  key: string;
  action: string;
  body: string;
  seconds: number;
  connections: number;
  rate: number;
  rateSeconds: number;
  dir: string;
  track: <T extends Started>(started: T) => T;
}

export interface MockRound {
  bare: number;
  companion: number;
  mockoon: number;
  cpuUs: { bare: number; companion: number; mockoon: number };
}

export interface ForwardRound {
  rps: { direct: number; proxy: number; companion: number; mockoon: number };
  cpuUs: { proxy: number; companion: number; mockoon: number };
  direct: RateResult;
  proxy: RateResult;
  companion: RateResult;
  loop: { proxy: LoopDelay | null; companion: LoopDelay | null };
  /** Resident memory after the fixed-rate runs, MB: what the young generation's size costs. */
  rssMb: { proxy: number; companion: number };
}

const header = `${''.padEnd(36)}${'requests'.padStart(15)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'2xx'.padStart(10)}${'failed'.padStart(8)}`;

/**
 * Runs the load and returns it with the server process's CPU microseconds per answered call:
 * the CPU from the end of the warm-up second until the process is idle again (what the calls
 * left to do afterwards included), over the calls answered in that time. (The warm-up's CPU
 * was once counted over the measured calls alone, which charged a fresh process's start-up
 * work, heaviest for the companion, to each of them.)
 */
export async function measured(
  child: ChildProcess,
  url: string,
  bench: Pick<Bench, 'body' | 'seconds' | 'connections'>,
): Promise<{ result: AutocannonResult; cpuUs: number }> {
  const pid = child.pid ?? 0;
  let before = 0;
  const result = await load(url, bench.body, bench.seconds, bench.connections, () => (before = cpuSeconds(pid)));
  await untilIdle(pid);
  return { result, cpuUs: ((cpuSeconds(pid) - before) * 1e6) / result['2xx'] };
}

export async function mockRound(bench: Bench): Promise<MockRound> {
  const path = `/actions/${bench.action}`;
  console.log(header);
  const bare = bench.track(await startBare());
  const bareRun = await measured(bare.child, bare.baseUrl + path, bench);
  console.log(row('bare node:http, fixed JSON', bareRun.result));
  await stop(bare.child);

  const mockDir = makeTempDir('fc-bench-mock-');
  const companion = bench.track(await startCompanion(mockDir.path, bench.key));
  const companionRun = await measured(companion.child, companion.baseUrl + path, bench);
  console.log(row('companion, default mock, stored', companionRun.result));
  await stop(companion.child);
  const stored = storedCount(mockDir.path);
  mockDir.remove();

  const mockoon = bench.track(await startMockoon(bench.dir, await freePort(), bench.action));
  const mockoonRun = await measured(mockoon.child, mockoon.baseUrl + path, bench);
  console.log(row('Mockoon CLI 9.9.0, one route', mockoonRun.result));
  await stop(mockoon.child);

  // Stored counts include the warm-up second and calls in flight when a run ended.
  console.log(`stored: ${stored} calls for ${companionRun.result['2xx']} answered in the measured window (plus the warm-up second)`);
  const round: MockRound = {
    bare: bareRun.result.requests.average,
    companion: companionRun.result.requests.average,
    mockoon: mockoonRun.result.requests.average,
    cpuUs: { bare: bareRun.cpuUs, companion: companionRun.cpuUs, mockoon: mockoonRun.cpuUs },
  };
  // Counted over warm-up + run, divided by the run's answers: a slight overestimate, equal for all three.
  console.log(
    `companion / Mockoon ${(round.companion / round.mockoon).toFixed(2)}x; CPU per answered call: bare ${us(round.cpuUs.bare)}, companion ${us(round.cpuUs.companion)} (${(round.cpuUs.companion / round.cpuUs.bare).toFixed(2)}x bare), Mockoon ${us(round.cpuUs.mockoon)}\n`,
  );
  return round;
}

export async function forwardRound(bench: Bench): Promise<ForwardRound> {
  const path = `/actions/${bench.action}`;
  const handler = bench.track(await startBare());
  const loopDir = makeTempDir('fc-bench-loop-');
  const instrumented = (name: string): Instrumented => ({
    nodeArgs: ['--require', LOOP_DELAY_PRELOAD],
    env: { FLOWENT_BENCH_LOOP_FILE: join(loopDir.path, `${name}.jsonl`) },
  });
  const forwardDir = makeTempDir('fc-bench-forward-');
  const companion = bench.track(
    await startCompanion(forwardDir.path, bench.key, ['--forward', `${handler.baseUrl}/actions/{action_name}`], instrumented('companion')),
  );
  const proxy = bench.track(await startMinimalProxy(handler.baseUrl, instrumented('proxy')));
  const mockoon = bench.track(await startMockoon(bench.dir, await freePort(), bench.action, handler.baseUrl));
  try {
    console.log(header);
    const direct = await load(handler.baseUrl + path, bench.body, bench.seconds, bench.connections);
    console.log(row('handler direct', direct));
    const proxyRun = await measured(proxy.child, proxy.baseUrl + path, bench);
    console.log(row('minimal proxy -> handler', proxyRun.result));
    const companionRun = await measured(companion.child, companion.baseUrl + path, bench);
    console.log(row('companion -> handler (forward)', companionRun.result));
    const mockoonRun = await measured(mockoon.child, mockoon.baseUrl + path, bench);
    console.log(row('Mockoon proxy mode -> handler', mockoonRun.result));
    await stop(mockoon.child);

    console.log(`\n${bench.rate} calls/s for ${bench.rateSeconds} s (after 200 warm-up calls), latency per call`);
    console.log(
      `${''.padEnd(36)}${'p50'.padStart(12)}${'p99'.padStart(13)}${'max'.padStart(12)}${'ok'.padStart(8)}${'failed'.padStart(8)}`,
    );
    const directRate = await fixedRate(handler.baseUrl + path, bench.body, bench.rate, bench.rateSeconds);
    console.log(rateRow('handler direct', directRate));
    const proxyTimed = await timed(proxy.baseUrl + path, bench);
    console.log(rateRow('minimal proxy -> handler', proxyTimed.result));
    const companionTimed = await timed(companion.baseUrl + path, bench);
    console.log(rateRow('companion -> handler', companionTimed.result));
    const rss = { proxy: rssMb(proxy.child.pid ?? 0), companion: rssMb(companion.child.pid ?? 0) };
    // The preload writes a line a second: wait for the one covering the run's last second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const round: ForwardRound = {
      rps: {
        direct: direct.requests.average,
        proxy: proxyRun.result.requests.average,
        companion: companionRun.result.requests.average,
        mockoon: mockoonRun.result.requests.average,
      },
      cpuUs: { proxy: proxyRun.cpuUs, companion: companionRun.cpuUs, mockoon: mockoonRun.cpuUs },
      direct: directRate,
      proxy: proxyTimed.result,
      companion: companionTimed.result,
      loop: {
        proxy: loopDelayOver(join(loopDir.path, 'proxy.jsonl'), proxyTimed.from, proxyTimed.to),
        companion: loopDelayOver(join(loopDir.path, 'companion.jsonl'), companionTimed.from, companionTimed.to),
      },
      rssMb: rss,
    };
    const added = addedLatency(round);
    console.log(
      `added p50 / p99: minimal proxy ${ms(added.proxyP50)} / ${ms(added.proxyP99)}, companion ${ms(added.companionP50)} / ${ms(added.companionP99)} (p99 ${(added.companionP99 / added.proxyP99).toFixed(2)}x the proxy's)`,
    );
    console.log(
      `throughput companion / Mockoon ${(round.rps.companion / round.rps.mockoon).toFixed(2)}x; CPU per forwarded call: proxy ${us(round.cpuUs.proxy)}, companion ${us(round.cpuUs.companion)}, Mockoon ${us(round.cpuUs.mockoon)}`,
    );
    console.log(loopDelayLine('minimal proxy', round.loop.proxy));
    console.log(loopDelayLine('companion', round.loop.companion));
    console.log(`RSS after the fixed-rate runs: minimal proxy ${rss.proxy.toFixed(0)} MB, companion ${rss.companion.toFixed(0)} MB\n`);
    return round;
  } finally {
    await Promise.all([handler, companion, proxy, mockoon].map((started) => stop(started.child)));
    forwardDir.remove();
    loopDir.remove();
  }
}

/** The companion forwarding at the fixed rate under `--cpu-prof`: where its time goes, and its GC pauses. */
export async function profileForwarding(bench: Bench, profileDir: string): Promise<void> {
  const path = `/actions/${bench.action}`;
  const handler = bench.track(await startBare());
  const dataDir = makeTempDir('fc-bench-profile-data-');
  const loopFile = join(profileDir, 'loop.jsonl');
  rmSync(loopFile, { force: true });
  const companion = bench.track(
    await startCompanion(dataDir.path, bench.key, ['--forward', `${handler.baseUrl}/actions/{action_name}`], {
      nodeArgs: ['--require', LOOP_DELAY_PRELOAD, '--cpu-prof', '--cpu-prof-dir', profileDir],
      env: { FLOWENT_BENCH_LOOP_FILE: loopFile },
    }),
  );
  const pid = companion.child.pid ?? 0;
  const before = cpuSeconds(pid);
  const run = await timed(companion.baseUrl + path, bench);
  const cpu = cpuSeconds(pid) - before;
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await stop(companion.child);
  await stop(handler.child);
  dataDir.remove();
  console.log(`profiled: companion -> handler at ${bench.rate} calls/s for ${bench.rateSeconds} s`);
  console.log(rateRow('companion -> handler', run.result));
  console.log(`CPU per forwarded call (200 warm-up calls included): ${us((cpu * 1e6) / run.result.ok)}`);
  console.log(loopDelayLine('companion', loopDelayOver(loopFile, run.from, run.to)));
  printProfiles(profileDir);
}

/** The companion answering from its mock under autocannon's load, under `--cpu-prof`: where a stored call's CPU goes. */
export async function profileMock(bench: Bench, profileDir: string): Promise<void> {
  const dataDir = makeTempDir('fc-bench-profile-data-');
  const companion = bench.track(
    await startCompanion(dataDir.path, bench.key, [], { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profileDir] }),
  );
  const run = await measured(companion.child, `${companion.baseUrl}/actions/${bench.action}`, bench);
  await stop(companion.child);
  dataDir.remove();
  console.log(`profiled: companion, default mock, ${bench.connections} connections for ${bench.seconds} s`);
  console.log(row('companion, default mock, stored', run.result));
  console.log(`CPU per answered call: ${us(run.cpuUs)}`);
  printProfiles(profileDir);
}

function printProfiles(profileDir: string): void {
  for (const file of readdirSync(profileDir).filter((name) => name.endsWith('.cpuprofile'))) {
    console.log(summaryLines(join(profileDir, file), 30).join('\n'));
  }
}

function addedLatency(round: ForwardRound) {
  return {
    proxyP50: round.proxy.p50Ms - round.direct.p50Ms,
    proxyP99: round.proxy.p99Ms - round.direct.p99Ms,
    companionP50: round.companion.p50Ms - round.direct.p50Ms,
    companionP99: round.companion.p99Ms - round.direct.p99Ms,
  };
}

/** The medians of every round, and each goal with its figure. */
export function printSummary(mocks: MockRound[], forwards: ForwardRound[]): void {
  console.log(`=== medians over ${Math.max(mocks.length, forwards.length)} rounds`);
  if (mocks.length > 0) {
    const vsMockoon = mocks.map((r) => r.companion / r.mockoon);
    const cpuVsBare = mocks.map((r) => r.cpuUs.companion / r.cpuUs.bare);
    console.log(
      `mock answers: bare ${median(mocks.map((r) => r.bare)).toFixed(0)}, companion ${median(mocks.map((r) => r.companion)).toFixed(0)}, Mockoon ${median(mocks.map((r) => r.mockoon)).toFixed(0)} req/s; ` +
        `CPU per call bare ${us(median(mocks.map((r) => r.cpuUs.bare)))}, companion ${us(median(mocks.map((r) => r.cpuUs.companion)))}, Mockoon ${us(median(mocks.map((r) => r.cpuUs.mockoon)))}`,
    );
    console.log(`  goal: companion at least 3x Mockoon (mock): ${ratios(vsMockoon)}`);
    console.log(`  goal: companion CPU per stored call within 5x bare: ${ratios(cpuVsBare)}`);
  }
  if (forwards.length > 0) {
    const added = forwards.map(addedLatency);
    const p99Ratio = added.map((a) => a.companionP99 / a.proxyP99);
    const p50Ratio = added.map((a) => a.companionP50 / a.proxyP50);
    console.log(
      `forwarding: direct ${median(forwards.map((r) => r.rps.direct)).toFixed(0)}, minimal proxy ${median(forwards.map((r) => r.rps.proxy)).toFixed(0)}, companion ${median(forwards.map((r) => r.rps.companion)).toFixed(0)}, Mockoon ${median(forwards.map((r) => r.rps.mockoon)).toFixed(0)} req/s; ` +
        `CPU per call proxy ${us(median(forwards.map((r) => r.cpuUs.proxy)))}, companion ${us(median(forwards.map((r) => r.cpuUs.companion)))}`,
    );
    console.log(
      `  added p50 ms: proxy [${added.map((a) => a.proxyP50.toFixed(3)).join(' ')}], companion [${added.map((a) => a.companionP50.toFixed(3)).join(' ')}]`,
    );
    console.log(
      `  added p99 ms: proxy [${added.map((a) => a.proxyP99.toFixed(3)).join(' ')}], companion [${added.map((a) => a.companionP99.toFixed(3)).join(' ')}]`,
    );
    console.log(
      `  goal: added p99 within 1.5x (or 1 ms) of the proxy's: ${ratios(p99Ratio)}; median difference ${ms(median(added.map((a) => a.companionP99 - a.proxyP99)))}; worst round ${Math.max(...p99Ratio).toFixed(2)}x (goal: none over 2.5x)`,
    );
    console.log(`  goal: added p50 within 1.5x of the proxy's: ${ratios(p50Ratio)}`);
    console.log(`  goal: companion at least 3x Mockoon (forward): ${ratios(forwards.map((r) => r.rps.companion / r.rps.mockoon))}`);
    const loops = forwards.map((r) => r.loop.companion).filter((l): l is LoopDelay => l !== null);
    const proxyLoops = forwards.map((r) => r.loop.proxy).filter((l): l is LoopDelay => l !== null);
    console.log(
      `  event loop at the fixed rate: companion p99 per second (median of rounds) ${ms(median(loops.map((l) => l.p99Ms)))}, max [${loops.map((l) => l.maxMs.toFixed(1)).join(' ')}] ms, GC longest [${loops.map((l) => l.gcMaxMs.toFixed(2)).join(' ')}] ms; ` +
        `proxy p99 ${ms(median(proxyLoops.map((l) => l.p99Ms)))}, max [${proxyLoops.map((l) => l.maxMs.toFixed(1)).join(' ')}] ms`,
    );
    console.log(
      `  GC at the fixed rate: companion pauses [${loops.map((l) => l.gcPauses).join(' ')}], major [${loops.map((l) => l.gcMajor).join(' ')}], ms in all [${loops.map((l) => l.gcTotalMs.toFixed(0)).join(' ')}]; ` +
        `proxy pauses [${proxyLoops.map((l) => l.gcPauses).join(' ')}], major [${proxyLoops.map((l) => l.gcMajor).join(' ')}]; ` +
        `RSS companion ${median(forwards.map((r) => r.rssMb.companion)).toFixed(0)} MB, proxy ${median(forwards.map((r) => r.rssMb.proxy)).toFixed(0)} MB (medians)`,
    );
  }
}

/** A fixed-rate run with the wall-clock span of its measured part (after the warm-up calls). */
async function timed(url: string, bench: Bench): Promise<{ result: RateResult; from: number; to: number }> {
  let from = Date.now();
  const result = await fixedRate(url, bench.body, bench.rate, bench.rateSeconds, () => (from = Date.now()));
  return { result, from, to: Date.now() };
}

const ratios = (values: number[]) => `median ${median(values).toFixed(2)}x [${values.map((v) => v.toFixed(2)).join(' ')}]`;
const us = (value: number) => `${value.toFixed(0)} µs`;
const ms = (value: number) => `${value.toFixed(3)} ms`;
