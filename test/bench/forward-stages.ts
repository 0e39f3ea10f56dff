/**
 * Where a forwarded call's time goes, stage by stage, in the companion and in the minimal
 * node:http proxy, at a fixed rate: each server runs under forward-stages-preload.cjs, which
 * times the stages from inside it through node:http's and the client library's diagnostics
 * channels (the shipped command has no hook of its own). Rounds alternate the two; each prints
 * p50 / p90 / p99 per stage, and the end the medians of the rounds' p50s.
 *
 *   npm run build && npx tsx test/bench/forward-stages.ts [--rounds 3] [--rate 300] [--seconds 10]
 *
 * Stages (in microseconds):
 *   to the answer head  the request's head parsed -> the handler's answer head back; in the
 *                    companion also split (node:http's client does not tell when it sends):
 *     to the forward sent  reading the body whole, checking it and its signature, picking the
 *                    route and making the forward (also shown alone) until its head is sent
 *     the handler    the forward's head sent -> the answer head: the handler's own work and
 *                    the loopback both ways
 *   after the answer the answer head -> the answer handed to the operating system: the
 *                    companion reads the answer whole, learns from it, stores the call with it
 *                    (the transaction, also shown alone) and writes the answer; the proxy pipes
 */
import { join } from 'node:path';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { ChildProcess } from 'node:child_process';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { makeTempDir } from '../helpers/temp-dir';
import { fixedRate, startBare, startCompanion, startMinimalProxy, stop, type RateResult } from './bench-kit';

const KEY = 'bench-key';
const ACTION = 'send_email';
const PRELOAD = join(__dirname, 'forward-stages-preload.cjs');

interface Stages {
  arrived: number;
  forwarded?: number;
  headSent?: number;
  answerHead?: number;
  answerBody?: number;
  transactionStart?: number;
  transactionEnd?: number;
  answered?: number;
}

const SPANS: { label: string; from: keyof Stages; to: keyof Stages }[] = [
  { label: 'to the answer head', from: 'arrived', to: 'answerHead' },
  { label: '  to the forward sent', from: 'arrived', to: 'headSent' },
  { label: '    of which the forward made', from: 'forwarded', to: 'headSent' },
  { label: '  the handler', from: 'headSent', to: 'answerHead' },
  { label: 'after the answer', from: 'answerHead', to: 'answered' },
  { label: '  of which the transaction', from: 'transactionStart', to: 'transactionEnd' },
  { label: 'arrived -> answered', from: 'arrived', to: 'answered' },
];

async function main() {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '3' },
      rate: { type: 'string', default: '300' },
      seconds: { type: 'string', default: '10' },
    },
  });
  const rounds = Number(values.rounds);
  const rate = Number(values.rate);
  const seconds = Number(values.seconds);
  const body = signedBody(flowentPayload(ACTION, { recipient: 'user@example.com', subject: 'Welcome!' }), KEY);
  const dir = makeTempDir('fc-bench-stages-');
  const children: ChildProcess[] = [];
  const stagesFile = (name: string) => join(dir.path, `${name}.json`);
  const instrumented = (name: string) => ({ nodeArgs: ['--require', PRELOAD], env: { FLOWENT_BENCH_STAGES_FILE: stagesFile(name) } });
  const medians = new Map<string, number[]>();
  try {
    const handler = await startBare();
    children.push(handler.child);
    const path = `/actions/${ACTION}`;
    const proxy = await startMinimalProxy(handler.baseUrl, instrumented('proxy'));
    children.push(proxy.child);
    const companion = await startCompanion(
      join(dir.path, 'history'),
      KEY,
      ['--forward', `${handler.baseUrl}/actions/{action_name}`],
      instrumented('companion'),
    );
    children.push(companion.child);
    console.log(
      `${rate} calls/s for ${seconds} s per server and round (after 200 warm-up calls), loopback, ${body.length}-byte signed body\n`,
    );
    for (let round = 1; round <= rounds; round++) {
      console.log(`--- round ${round} of ${rounds}, load average ${loadavg()[0]!.toFixed(2)}`);
      const direct = await fixedRate(handler.baseUrl + path, body, rate, seconds);
      console.log(`handler direct: p50 ${us(direct.p50Ms * 1000)} p99 ${us(direct.p99Ms * 1000)} µs`);
      for (const [name, server] of [
        ['proxy', proxy],
        ['companion', companion],
      ] as const) {
        const timed = await fixedRate(server.baseUrl + path, body, rate, seconds, () => void server.child.kill('SIGUSR2'));
        const calls = await collect(server.child, stagesFile(name));
        report(name, timed, direct, calls, medians);
      }
    }
    console.log(`\nMedians of the rounds' p50s (µs)`);
    for (const [key, figures] of medians) console.log(`${key.padEnd(44)}${us(median(figures)).padStart(8)}`);
  } finally {
    await Promise.all(children.map(stop));
    dir.remove();
  }
}

/** Asks the server for the calls it finished since the last ask (the warm-up's are dropped). */
async function collect(child: ChildProcess, file: string): Promise<Stages[]> {
  rmSync(file, { force: true });
  child.kill('SIGUSR2');
  for (let waited = 0; !existsSync(file); waited += 20) {
    if (waited > 5_000) throw new Error(`${file} was not written: is the preload loaded?`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 50));
  return JSON.parse(readFileSync(file, 'utf8')) as Stages[];
}

function report(name: string, timed: RateResult, direct: RateResult, calls: Stages[], medians: Map<string, number[]>): void {
  const added = (timed.p50Ms - direct.p50Ms) * 1000;
  console.log(`${name}: ${calls.length} calls timed inside, added p50 ${us(added)} µs (client side, over the direct call)`);
  keep(medians, `${name}: added p50 (client side)`, added);
  for (const span of SPANS) {
    const figures = calls
      .filter((call) => call[span.from] !== undefined && call[span.to] !== undefined)
      .map((call) => (call[span.to]! - call[span.from]!) * 1000);
    if (figures.length === 0) continue;
    figures.sort((a, b) => a - b);
    const at = (q: number) => figures[Math.min(figures.length - 1, Math.floor(q * figures.length))]!;
    console.log(
      `  ${span.label.padEnd(32)} p50 ${us(at(0.5)).padStart(6)}  p90 ${us(at(0.9)).padStart(6)}  p99 ${us(at(0.99)).padStart(6)}  (${figures.length} calls)`,
    );
    keep(medians, `${name}: ${span.label.trim()}`, at(0.5));
  }
}

function keep(medians: Map<string, number[]>, key: string, figure: number): void {
  const figures = medians.get(key) ?? [];
  figures.push(figure);
  medians.set(key, figures);
}

function median(figures: number[]): number {
  const sorted = [...figures].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function us(figure: number): string {
  return figure.toFixed(0);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
