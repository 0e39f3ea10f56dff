/**
 * How long the first call a fresh `serve --forward` forwards takes, against the second, as a
 * caller waits for each (wall time of the POST over loopback, to a handler that answers at once),
 * and the serve's RSS after both. Each round starts a serve on a fresh data folder, waits a
 * second after its banner (Flowent's first call does not come the instant it starts), then sends
 * two calls.
 *
 *   npm run build && npx tsx test/bench/first-forward.ts [--runs 9] [--cli out/main/cli.js --cli <other build>/main/cli.js]
 *
 * Given several `--cli`, the builds take turns, one serve of each per round, so a machine that
 * slows down mid-run slows every build alike.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '9' },
    cli: { type: 'string', multiple: true, default: ['out/main/cli.js'] },
  },
});
const RUNS = Number(values.runs);
const BUILDS = (values.cli ?? []).map((cli) => resolve(cli));
const SETTLE_MS = 1_000;

interface Round {
  firstMs: number;
  secondMs: number;
  rssMb: number;
}

/** One POST of an unsigned call with a fresh timestamp (no key is set, so it is forwarded), timed until its answer is read. */
function post(port: number): Promise<number> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const body = JSON.stringify({ action_name: 'lookup_order', parameters: {}, timestamp: Math.floor(Date.now() / 1000) });
    const request = http.request({ host: '127.0.0.1', port, path: '/actions/lookup_order', method: 'POST' }, (response) => {
      if (response.statusCode !== 200) fail(new Error(`the serve answered ${response.statusCode}, not the handler's 200`));
      response.resume();
      response.on('end', () => done(performance.now() - started));
    });
    request.on('error', fail);
    request.setHeader('content-type', 'application/json');
    request.end(body);
  });
}

async function round(cli: string, target: string): Promise<Round> {
  const dataDir = mkdtempSync(join(tmpdir(), 'first-forward-'));
  const env = { ...process.env };
  delete env.FLOWENT_HMAC_KEY;
  const serve = spawn(
    process.execPath,
    [cli, 'serve', '--port', '0', '--inspector-port', '0', '--data-dir', dataDir, '--forward', target],
    {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    let printed = '';
    const port = await new Promise<number>((done, fail) => {
      serve.once('exit', (code) => fail(new Error(`serve exited (${code}) before it listened`)));
      serve.stdout.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
        const webhook = /Webhook URL: +http:\/\/127\.0\.0\.1:(\d+)\//.exec(printed);
        if (webhook && printed.includes('Ctrl-C')) done(Number(webhook[1]));
      });
    });
    await new Promise((done) => setTimeout(done, SETTLE_MS));
    const firstMs = await post(port);
    const secondMs = await post(port);
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${serve.pid}/status`, 'utf8'))?.[1]);
    return { firstMs, secondMs, rssMb: rssKb / 1024 };
  } finally {
    serve.kill('SIGTERM');
    await new Promise((done) => (serve.exitCode === null ? serve.once('exit', done) : done(null)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (list: number[]): number => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;

async function main(): Promise<void> {
  const handler = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      response.end('{"result":"ok","error":""}');
    });
  });
  await new Promise<void>((done) => handler.listen(0, '127.0.0.1', done));
  const target = `http://127.0.0.1:${(handler.address() as AddressInfo).port}/actions/{action_name}`;
  console.log(`node ${process.version}, ${RUNS} rounds, load average ${loadavg()[0]!.toFixed(1)} at start`);
  const rounds = new Map<string, Round[]>(BUILDS.map((cli) => [cli, []]));
  for (let run = 0; run < RUNS; run++) for (const cli of BUILDS) rounds.get(cli)!.push(await round(cli, target));
  for (const [cli, list] of rounds) {
    console.log(`\n${cli}`);
    console.log(
      `  first call  median ${median(list.map((r) => r.firstMs)).toFixed(1)} ms  (${list.map((r) => r.firstMs.toFixed(0)).join(' ')})`,
    );
    console.log(`  second call median ${median(list.map((r) => r.secondMs)).toFixed(1)} ms`);
    console.log(`  RSS after both     ${median(list.map((r) => r.rssMb)).toFixed(1)} MB`);
  }
  console.log(`\nload average ${loadavg()[0]!.toFixed(1)} at end`);
  handler.close();
}

void main();
