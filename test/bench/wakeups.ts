/**
 * Where a forwarded call's wake-ups come from: the companion and the minimal node:http proxy in
 * front of the same handler, each at a fixed rate, and per call of the measured run:
 *
 * - CPU (user + system) and context switches (voluntary: the thread slept and was woken;
 *   involuntary: preempted) of every thread, by thread name, from /proc;
 * - with `--count async`: the asynchronous resources created on the main thread by type
 *   (timers, immediates, promises, socket writes, thread-pool requests), see
 *   async-count-preload.cjs;
 * - with `--count syscalls`: the system calls of all threads (`strace -f -c`, which slows the
 *   process: counts only). `epoll_wait` is one turn of the event loop; `futex` is a thread
 *   handing work to another or waiting for it.
 *
 * With `--other <tree>/out/main/cli.js[,<another>]`, other trees' builds run by turns with this
 * one (`--rounds`), for before/after in the same minutes.
 *
 *   npm run build && npx tsx test/bench/wakeups.ts [--rate 300] [--seconds 10] [--count none,async,syscalls]
 *     [--rounds 1] [--other <cli.js>[,<cli.js>]]
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  cpuSeconds,
  fixedRate,
  rateRow,
  startBare,
  startCompanion,
  startMinimalProxy,
  stop,
  type Instrumented,
  type Started,
} from './bench-kit';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { makeTempDir } from '../helpers/temp-dir';
import { threadLines, threads } from './thread-cpu';

const KEY = 'bench-hmac-key';
const ACTION = 'send_email';

/** The async-count preload's counts between the lines bracketing [from, to], per call. */
function asyncLines(file: string, from: number, to: number, calls: number): string[] {
  if (!existsSync(file)) return ['  (no counts written)'];
  const lines = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { at: number; counts: Record<string, number> });
  const first = [...lines].reverse().find((line) => line.at <= from) ?? lines[0]!;
  const last = lines.find((line) => line.at >= to) ?? lines[lines.length - 1]!;
  const seconds = (last.at - first.at) / 1000;
  const perCall = (name: string) => ((last.counts[name] ?? 0) - (first.counts[name] ?? 0)) / calls;
  return Object.keys(last.counts)
    .map((name) => [name, perCall(name)] as const)
    .filter(([, value]) => value > 0.001)
    .sort((a, b) => b[1] - a[1])
    .map(([name, value]) => `  ${name.padEnd(28)} ${value.toFixed(2).padStart(7)} per call (over ${seconds.toFixed(1)} s)`);
}

/** `strace -f -c` attached to `pid` from now until the returned function is called: its table. */
function straceFrom(pid: number, file: string): () => Promise<string[]> {
  const tracer = spawn('strace', ['-f', '-c', '-o', file, '-p', String(pid)], { stdio: 'ignore' });
  return async () => {
    await new Promise<void>((done) => {
      tracer.once('exit', () => done());
      tracer.kill('SIGINT');
    });
    return readFileSync(file, 'utf8').trim().split('\n');
  };
}

interface Measured {
  cpuUs: number;
  mainUs: number;
  wokenPerCall: number;
  p50Ms: number;
  p99Ms: number;
}

async function measure(label: string, started: Started, count: string, run: Run, asyncFile: string): Promise<Measured> {
  const pid = started.child.pid ?? 0;
  let before = threads(pid);
  let cpuBefore = cpuSeconds(pid);
  let from = Date.now();
  let stopTrace: (() => Promise<string[]>) | null = null;
  const result = await fixedRate(`${started.baseUrl}/actions/${ACTION}`, run.body, run.rate, run.seconds, () => {
    before = threads(pid);
    cpuBefore = cpuSeconds(pid);
    from = Date.now();
    if (count === 'syscalls') stopTrace = straceFrom(pid, join(run.dir, `${label}.strace`));
  });
  const to = Date.now();
  const after = threads(pid);
  const cpu = cpuSeconds(pid) - cpuBefore;
  const traced = stopTrace ? await (stopTrace as () => Promise<string[]>)() : null;
  const calls = result.ok + result.failed;
  console.log(rateRow(label, result));
  console.log(`  process CPU ${((cpu * 1e6) / calls).toFixed(0)} µs per call`);
  console.log(threadLines(before, after, calls).join('\n'));
  if (count === 'async') {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    console.log(asyncLines(asyncFile, from, to, calls).join('\n'));
  }
  if (traced) {
    console.log(`  system calls per call (strace -f -c, ${calls} calls):`);
    for (const line of traced) {
      const match = /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)$/.exec(line);
      if (match && match[2] !== 'total') console.log(`    ${match[2]!.padEnd(20)} ${(Number(match[1]) / calls).toFixed(2).padStart(7)}`);
    }
  }
  const main = after.get(String(pid));
  const mainBefore = before.get(String(pid));
  return {
    cpuUs: (cpu * 1e6) / calls,
    mainUs: main && mainBefore ? ((main.user + main.system - mainBefore.user - mainBefore.system) * 1e6) / calls : NaN,
    wokenPerCall: main && mainBefore ? (main.voluntary - mainBefore.voluntary) / calls : NaN,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
  };
}

interface Run {
  rate: number;
  seconds: number;
  body: string;
  dir: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rate: { type: 'string', default: '300' },
      seconds: { type: 'string', default: '10' },
      count: { type: 'string', default: 'none,async,syscalls' },
      rounds: { type: 'string', default: '1' },
      /** Other trees' built commands, comma-separated, run by turns with this one. */
      other: { type: 'string' },
    },
  });
  const body = signedBody(flowentPayload(ACTION, { recipient: 'user@example.com', subject: 'Welcome!' }), KEY);
  const dir = makeTempDir('fc-bench-wakeups-');
  const run: Run = { rate: Number(values.rate), seconds: Number(values.seconds), body, dir: dir.path };
  const others = values.other ? values.other.split(',') : [];
  const contestants = ['minimal proxy', 'companion', ...others.map((_, i) => `companion (other ${i + 1})`)];
  const results = new Map<string, Measured[]>(contestants.map((name) => [name, []]));
  const handler = await startBare();
  try {
    for (let round = 1; round <= Number(values.rounds); round++) {
      for (const count of values.count.split(',')) {
        console.log(
          `--- round ${round}: ${run.rate} calls/s for ${run.seconds} s, counting ${count}, load average ${loadavg()[0]!.toFixed(2)}`,
        );
        const direct = await fixedRate(`${handler.baseUrl}/actions/${ACTION}`, body, run.rate, run.seconds);
        console.log(rateRow('handler direct', direct));
        // The trees take turns going first: whichever ran first in a round was measured about
        // 10% dearer, the same tree either way.
        const trees = contestants.slice(1);
        const order = [contestants[0]!, ...trees.slice(round % trees.length), ...trees.slice(0, round % trees.length)];
        for (const contestant of order) {
          const asyncFile = join(dir.path, `${contestant}-${count}-${round}.jsonl`);
          const how: Instrumented =
            count === 'async'
              ? { nodeArgs: ['--require', join(__dirname, 'async-count-preload.cjs')], env: { FLOWENT_BENCH_ASYNC_FILE: asyncFile } }
              : {};
          const other = /^companion \(other (\d+)\)$/.exec(contestant);
          if (other) how.cli = others[Number(other[1]) - 1];
          const dataDir = makeTempDir('fc-bench-wakeups-data-');
          const started = contestant.startsWith('companion')
            ? await startCompanion(dataDir.path, KEY, ['--forward', `${handler.baseUrl}/actions/{action_name}`], how)
            : await startMinimalProxy(handler.baseUrl, how);
          try {
            const measured = await measure(contestant, started, count, run, asyncFile);
            if (count === 'none')
              results.get(contestant)!.push({ ...measured, p50Ms: measured.p50Ms - direct.p50Ms, p99Ms: measured.p99Ms - direct.p99Ms });
          } finally {
            await stop(started.child);
            dataDir.remove();
          }
        }
      }
    }
    console.log('\nmedians over the uninstrumented runs (added = minus the direct call in the same round):');
    for (const [name, list] of results) {
      if (list.length === 0) continue;
      const of = (pick: (m: Measured) => number) => median(list.map(pick));
      console.log(
        `  ${name.padEnd(20)} CPU ${of((m) => m.cpuUs).toFixed(0)} µs/call [${list.map((m) => m.cpuUs.toFixed(0)).join(' ')}], main thread ${of((m) => m.mainUs).toFixed(0)} µs, woken ${of((m) => m.wokenPerCall).toFixed(2)}/call, added p50 ${of((m) => m.p50Ms).toFixed(3)} ms [${list.map((m) => m.p50Ms.toFixed(2)).join(' ')}], added p99 ${of((m) => m.p99Ms).toFixed(3)} ms [${list.map((m) => m.p99Ms.toFixed(2)).join(' ')}]`,
      );
    }
  } finally {
    await stop(handler.child);
    dir.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
