/**
 * How long the headless command takes to start, side by side in one run with what Node itself
 * needs: `node -e 0` (a process that does nothing) and a bare node:http server that listens on
 * one port and says so. Every figure is whole-process wall time from spawn, as a user waits for
 * it: until the process exits, or for servers until they print that they listen (`serve`
 * prints its banner's last line once the webhook and the inspector both listen).
 *
 *   npm run build && npx tsx test/bench/startup-bench.ts [--runs 20] [--calls 1000] [--cli out/main/cli.js] [--skip <case>]
 *
 * `--cli` times another build of the command (an older checkout's, say); `--skip=--version`
 * leaves out a case that build does not have.
 *
 * The cases run in rounds, one of each per round in turn, so a machine that slows down mid-run
 * slows every case alike; the goals are ratios of medians taken from the same run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fillHistory } from './fill-history';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    calls: { type: 'string', default: '1000' },
    cli: { type: 'string', default: 'out/main/cli.js' },
    skip: { type: 'string', multiple: true, default: [] },
  },
});
const RUNS = Number(values.runs);
const CLI = resolve(values.cli ?? 'out/main/cli.js');

const BARE_SERVER = `require('node:http').createServer((q, s) => s.end()).listen(0, '127.0.0.1', function () { console.log('listening ' + this.address().port); });`;

interface Case {
  label: string;
  args: string[];
  /** For a server: what it prints once it listens; it is then stopped. Otherwise the case ends when the process exits. */
  ready?: RegExp;
  /** Checked on what a finished run printed, so a broken command cannot pass for a fast one. */
  expect?: RegExp;
}

/** Wall milliseconds from spawn to exit (or to `ready`), failing when the output is not what the case expects. */
function timeOnce(testCase: Case, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, testCase.args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let readyAt: number | null = null;
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (testCase.ready && readyAt === null && testCase.ready.test(output)) {
        readyAt = elapsed();
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', fail);
    child.on('close', (code) => {
      const ms = elapsed();
      if (testCase.ready) {
        if (readyAt === null) fail(new Error(`${testCase.label} exited (${code}) before it was ready:\n${output}`));
        else done(readyAt);
        return;
      }
      if (code !== 0 || (testCase.expect && !testCase.expect.test(output))) {
        fail(new Error(`${testCase.label} exited ${code} with unexpected output:\n${output}`));
        return;
      }
      done(ms);
    });
  });
}

function median(sorted: number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'flowent-startup-'));
  try {
    fillHistory(dataDir, Number(values.calls));
    const env = { ...process.env, FLOWENT_COMPANION_DATA_DIR: dataDir, FLOWENT_HMAC_KEY: 'startup-bench-key', NO_COLOR: '1' };
    const allCases: Case[] = [
      { label: 'node -e 0', args: ['-e', '0'] },
      { label: 'bare node:http listening', args: ['-e', BARE_SERVER], ready: /listening \d+/ },
      {
        label: 'serve listening (both ports)',
        args: [CLI, 'serve', '--port', '0', '--inspector-port', '0'],
        ready: /Press Ctrl-C to stop\./,
      },
      { label: 'calls --limit 5', args: [CLI, 'calls', '--limit', '5'], expect: /(.*\n){5}/ },
      { label: '--help', args: [CLI, '--help'], expect: /Usage: flowent-companion/ },
      { label: '--version', args: [CLI, '--version'], expect: /\d+\.\d+\.\d+/ },
    ];
    const cases = allCases.filter((testCase) => !values.skip?.includes(testCase.label));
    // One uncounted round: files into the page cache, the history's WAL settled.
    for (const testCase of cases) await timeOnce(testCase, env);
    const times = new Map<string, number[]>(cases.map((testCase) => [testCase.label, []]));
    for (let round = 0; round < RUNS; round++) {
      for (const testCase of cases) times.get(testCase.label)?.push(await timeOnce(testCase, env));
    }

    const medians = new Map<string, number>();
    console.log(
      `Start-up, ${RUNS} runs each (${new Date().toISOString()}, load average ${loadavg()[0]?.toFixed(2)}, Node ${process.version})`,
    );
    console.log(`${'case'.padEnd(32)}${'min'.padStart(9)}${'median'.padStart(9)}${'max'.padStart(9)}`);
    for (const [label, list] of times) {
      const sorted = [...list].sort((a, b) => a - b);
      medians.set(label, median(sorted));
      const cell = (ms: number | undefined) => `${(ms ?? NaN).toFixed(1)}`.padStart(9);
      console.log(`${label.padEnd(32)}${cell(sorted[0])}${cell(median(sorted))}${cell(sorted[sorted.length - 1])}  ms`);
    }
    const ratio = (a: string, b: string) => (medians.get(a) ?? NaN) / (medians.get(b) ?? NaN);
    const goals: [string, string, number][] = [
      ['serve listening (both ports)', 'bare node:http listening', 3],
      ['calls --limit 5', 'node -e 0', 2.5],
      ['--help', 'node -e 0', 2],
      ['--version', 'node -e 0', 2],
    ];
    console.log('\nGoal (ratio of medians)');
    for (const [a, b, limit] of goals.filter(([a]) => medians.has(a))) {
      const value = ratio(a, b);
      console.log(`${`${a} / ${b}`.padEnd(60)}${value.toFixed(2).padStart(6)}x  (goal ${limit}x: ${value <= limit ? 'met' : 'NOT met'})`);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
