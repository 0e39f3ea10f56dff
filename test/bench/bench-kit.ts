/**
 * What the throughput benchmarks share: starting the servers under test as separate
 * processes (the companion's headless command, a bare node:http server, Mockoon's CLI),
 * autocannon, a fixed-rate load with microsecond latencies, and reading a process's RSS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CLI } from '../helpers/spawn-cli';

interface Histogram {
  average: number;
  max: number;
  p50: number;
  p99: number;
  total: number;
}
export interface AutocannonResult {
  requests: Histogram;
  latency: Histogram;
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const localRequire = createRequire(__filename);
// autocannon ships no types; this is the part of its programmatic API used here.
const autocannon = localRequire('autocannon') as Autocannon;

export const FIXED_ANSWER = JSON.stringify({ result: 'ok', error: '' });
const MOCKOON_CLI = localRequire.resolve('@mockoon/cli/bin/run.js');
const BARE_SERVER = `
const http = require('node:http');
const body = Buffer.from(${JSON.stringify(FIXED_ANSWER)});
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }); res.end(body); });
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
`;

/**
 * The smallest honest forwarding proxy: every request piped to the handler over a keep-alive
 * agent, the answer's status, headers and body piped back. What any hop costs on this machine,
 * with nothing stored or checked.
 */
const MINIMAL_PROXY = `
const http = require('node:http');
const target = new URL(process.argv[1]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
const server = http.createServer((req, res) => {
  const upstream = http.request(
    { agent, host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
    (answer) => { res.writeHead(answer.statusCode, answer.headers); answer.pipe(res); },
  );
  upstream.on('error', () => { res.writeHead(502); res.end(); });
  req.pipe(upstream);
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
`;

/** The benchmark-only preload that records the event loop's delay and GC pauses (see the file). */
export const LOOP_DELAY_PRELOAD = join(__dirname, 'loop-delay-preload.cjs');

export interface Started {
  child: ChildProcess;
  baseUrl: string;
}

/** How a server process is started besides its own arguments: node flags and environment. */
export interface Instrumented {
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
  /** Another tree's built command instead of COMPANION_CLI, to run two trees by turns. */
  cli?: string;
}

function startProcess(
  command: string,
  args: string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let done = false;
    const onData = (chunk: Buffer) => {
      if (done) return; // keep draining, stop looking
      output += chunk.toString();
      const match = output.match(ready);
      if (match) {
        done = true;
        resolvePromise({ child, match });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      if (!done) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${output}`));
    });
  });
}

/**
 * The built command under test: this checkout's build, or another tree's (FLOWENT_BENCH_CLI,
 * e.g. a `git archive` of an older commit built in place), so two trees run interleaved.
 */
const COMPANION_CLI = process.env.FLOWENT_BENCH_CLI ?? CLI;

export async function startCompanion(dataDir: string, key: string, extra: string[] = [], how: Instrumented = {}): Promise<Started> {
  const { child, match } = await startProcess(
    process.execPath,
    [...(how.nodeArgs ?? []), how.cli ?? COMPANION_CLI, 'serve', '--port', '0', '--no-inspector', '--data-dir', dataDir, ...extra],
    /Webhook URL: +(http:\/\/\S+?)\/actions\/<action_name>[\s\S]*Press Ctrl-C/,
    { ...how.env, FLOWENT_HMAC_KEY: key },
  );
  return { child, baseUrl: match[1] ?? '' };
}

export async function startBare(): Promise<Started> {
  const { child, match } = await startProcess(process.execPath, ['-e', BARE_SERVER], /listening (\d+)/);
  return { child, baseUrl: `http://127.0.0.1:${match[1]}` };
}

/** The minimal node:http forwarding proxy in front of `target` (an origin). */
export async function startMinimalProxy(target: string, how: Instrumented = {}): Promise<Started> {
  const { child, match } = await startProcess(
    process.execPath,
    [...(how.nodeArgs ?? []), '-e', MINIMAL_PROXY, target],
    /listening (\d+)/,
    how.env,
  );
  return { child, baseUrl: `http://127.0.0.1:${match[1]}` };
}

/**
 * Mockoon's CLI serving one environment: one route answering FIXED_ANSWER, or (with
 * `proxyTo`) no route and proxy mode on, so every call is passed to that URL. Built with
 * @mockoon/commons' own builders so the file is what Mockoon's app would save. Mockoon has
 * no flag to turn request logging off; `--disable-log-to-file` keeps it to stdout.
 */
export async function startMockoon(dir: string, port: number, action: string, proxyTo: string | null = null): Promise<Started> {
  const commons = localRequire('@mockoon/commons') as {
    BuildEnvironment: (params: Record<string, boolean>) => Record<string, unknown> & { routes: unknown[]; rootChildren: unknown[] };
    BuildHTTPRoute: (hasDefault: boolean, options: Record<string, unknown>) => Record<string, unknown> & { uuid: string };
    BuildRouteResponse: () => Record<string, unknown>;
  };
  const environment = commons.BuildEnvironment({ hasDefaultRoute: false, hasContentTypeHeader: true, hasCorsHeaders: false });
  Object.assign(environment, { name: 'flowent-bench', port, hostname: '127.0.0.1' });
  if (proxyTo === null) {
    const route = commons.BuildHTTPRoute(false, {});
    const response = { ...commons.BuildRouteResponse(), statusCode: 200, body: FIXED_ANSWER, default: true, disableTemplating: true };
    Object.assign(route, { method: 'post', endpoint: `actions/${action}`, responses: [response] });
    environment.routes = [route];
    environment.rootChildren = [{ type: 'route', uuid: route.uuid }];
  } else {
    Object.assign(environment, { proxyMode: true, proxyHost: proxyTo });
  }
  const file = join(dir, proxyTo === null ? 'mockoon-mock.json' : 'mockoon-proxy.json');
  writeFileSync(file, JSON.stringify(environment, null, 2));
  const { child } = await startProcess(
    process.execPath,
    [MOCKOON_CLI, 'start', '--data', file, '--port', String(port), '--disable-log-to-file', '--disable-admin-api'],
    /Server started on port|started on port/i,
  );
  return { child, baseUrl: `http://127.0.0.1:${port}` };
}

/**
 * One uncounted second first, so JIT warm-up and connection setup do not count against anyone;
 * `onMeasuring` is called between the two, where a caller takes its first CPU sample.
 */
export async function load(
  url: string,
  body: string,
  seconds: number,
  connections: number,
  onMeasuring = () => {},
): Promise<AutocannonResult> {
  const options = { url, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections };
  await autocannon({ ...options, duration: 1 });
  onMeasuring();
  return autocannon({ ...options, duration: seconds });
}

/** Autocannon without warm-up, for the soak. */
export function soakLoad(url: string, body: string, seconds: number, connections: number): Promise<AutocannonResult> {
  return autocannon({
    url,
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
    connections,
    duration: seconds,
    timeout: 10,
  });
}

export interface RateResult {
  sent: number;
  ok: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * `rate` calls a second for `seconds`, each timed with hrtime (autocannon's latencies are
 * whole milliseconds, too coarse for a 2 ms budget). A keep-alive pool large enough that a
 * call never waits for a socket.
 */
export async function fixedRate(url: string, body: string, rate: number, seconds: number, onMeasuring = () => {}): Promise<RateResult> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  let failed = 0;
  const one = () =>
    new Promise<void>((done) => {
      const started = process.hrtime.bigint();
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
            else failed++;
            done();
          });
        },
      );
      req.on('error', () => {
        failed++;
        done();
      });
      req.end(body);
    });
  // Warm-up: connections opened and JIT settled before anything is counted.
  await Promise.all(Array.from({ length: 200 }, one));
  latencies.length = 0;
  failed = 0;
  onMeasuring();
  const total = rate * seconds;
  const inFlight: Promise<void>[] = [];
  const start = process.hrtime.bigint();
  for (let i = 0; i < total; i++) {
    const due = start + BigInt(Math.round((i * 1e9) / rate));
    const wait = Number(due - process.hrtime.bigint()) / 1e6;
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(one());
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { sent: total, ok: latencies.length, failed, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: latencies[latencies.length - 1] ?? NaN };
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

export function storedCount(dataDir: string): number {
  const db = new Database(join(dataDir, 'history.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/**
 * CPU seconds (user + system) a process has used, from /proc (Linux). CPU per call is the
 * figure that survives a shared, loaded machine: throughput depends on what else runs.
 */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of stat; 12 and 13 after the name.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Waits until a process has used no CPU for a whole second (at most 30 s): work a run left
 * behind (the text indexer's catch-up, the last checkpoints) belongs to that run's calls.
 */
export async function untilIdle(pid: number): Promise<void> {
  let last = cpuSeconds(pid);
  for (let waited = 0; waited < 30; waited++) {
    await new Promise((done) => setTimeout(done, 1000));
    const now = cpuSeconds(pid);
    if (now - last < 0.005) return;
    last = now;
  }
}

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

export function row(label: string, result: AutocannonResult): string {
  const failed = result.non2xx + result.errors + result.timeouts;
  return `${label.padEnd(36)}${result.requests.average.toFixed(0).padStart(9)} req/s${String(result.latency.p50).padStart(7)} ms${String(result.latency.p99).padStart(7)} ms${String(result['2xx']).padStart(10)}${String(failed).padStart(8)}`;
}

export function rateRow(label: string, result: RateResult): string {
  return `${label.padEnd(36)}${result.p50Ms.toFixed(3).padStart(9)} ms${result.p99Ms.toFixed(3).padStart(10)} ms${result.maxMs.toFixed(1).padStart(9)} ms${String(result.ok).padStart(8)}${String(result.failed).padStart(8)}`;
}

export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
  });
}
