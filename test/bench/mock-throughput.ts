/**
 * Mock and forwarding throughput: the real headless command (every call verified and stored
 * in SQLite before it is answered) against a bare node:http server answering fixed JSON, and
 * companion -> handler forwarding against calling the handler directly. Loopback, autocannon.
 *
 *   npx tsx test/bench/mock-throughput.ts [--seconds 10] [--connections 10]
 *
 * Every process is separate (servers, handler, autocannon in this one), so on a small machine
 * they compete for the same cores: compare the columns, not the absolute numbers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { makeTempDir } from '../helpers/temp-dir';

interface Histogram {
  average: number;
  p50: number;
  p99: number;
  total: number;
}
interface AutocannonResult {
  requests: Histogram;
  latency: Histogram;
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no types; this is the part of its programmatic API used here.
const autocannon = createRequire(__filename)('autocannon') as Autocannon;

const KEY = 'bench-key';
const CLI = resolve(__dirname, '../../main/cli/flowent-companion.cjs');
const BARE_SERVER = `
const http = require('node:http');
const body = Buffer.from(JSON.stringify({ result: 'ok', error: '' }));
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }); res.end(body); });
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port));
`;

function startProcess(args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
      if (!done) reject(new Error(`exited ${code}: ${output}`));
    });
  });
}

async function startCompanion(dataDir: string, extra: string[] = []) {
  const { child, match } = await startProcess([CLI, 'serve', '--port', '0', '--no-inspector', '--data-dir', dataDir, ...extra], /Webhook URL: +(http:\/\/\S+?)\/actions\/<action_name>[\s\S]*Press Ctrl-C/, { FLOWENT_HMAC_KEY: KEY });
  return { child, baseUrl: match[1] ?? '' };
}

async function startBare() {
  const { child, match } = await startProcess(['-e', BARE_SERVER], /listening (\d+)/);
  return { child, baseUrl: `http://127.0.0.1:${match[1]}` };
}

/** One uncounted second first, so JIT warm-up and connection setup do not count against anyone. */
async function load(url: string, body: string, seconds: number, connections: number): Promise<AutocannonResult> {
  await autocannon({ url, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections, duration: 1 });
  return autocannon({ url, method: 'POST', body, headers: { 'content-type': 'application/json' }, connections, duration: seconds });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

function storedCount(dataDir: string): number {
  const db = new Database(join(dataDir, 'history.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM calls').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function row(label: string, result: AutocannonResult): string {
  const failed = result.non2xx + result.errors + result.timeouts;
  return `${label.padEnd(34)}${result.requests.average.toFixed(0).padStart(9)} req/s${String(result.latency.p50).padStart(7)} ms${String(result.latency.p99).padStart(7)} ms${String(result['2xx']).padStart(10)}${String(failed).padStart(8)}`;
}

async function main() {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } } });
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const body = signedBody(flowentPayload('send_email', { recipient: 'user@example.com', subject: 'Welcome!' }), KEY);
  const mockDir = makeTempDir('fc-bench-mock-');
  const forwardDir = makeTempDir('fc-bench-forward-');
  const children: ChildProcess[] = [];
  try {
    console.log(`${seconds} s per run, ${connections} connections, loopback, ${body.length}-byte signed body\n`);
    console.log(`${''.padEnd(34)}${'requests'.padStart(15)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'2xx'.padStart(10)}${'failed'.padStart(8)}`);

    const bare = await startBare();
    children.push(bare.child);
    const bareResult = await load(`${bare.baseUrl}/actions/send_email`, body, seconds, connections);
    console.log(row('bare node:http, fixed JSON', bareResult));

    const companion = await startCompanion(mockDir.path);
    children.push(companion.child);
    const mockResult = await load(`${companion.baseUrl}/actions/send_email`, body, seconds, connections);
    console.log(row('companion, default mock', mockResult));
    await stop(companion.child);
    const storedMock = storedCount(mockDir.path);

    const forwarder = await startCompanion(forwardDir.path, ['--forward', `${bare.baseUrl}/actions/{action_name}`]);
    children.push(forwarder.child);
    const forwardResult = await load(`${forwarder.baseUrl}/actions/send_email`, body, seconds, connections);
    console.log(row('companion -> handler (forward)', forwardResult));
    const directResult = await load(`${bare.baseUrl}/actions/send_email`, body, seconds, connections);
    console.log(row('handler direct', directResult));
    await stop(forwarder.child);
    const storedForward = storedCount(forwardDir.path);

    // Stored counts include the warm-up second and calls in flight when a run ended.
    console.log(`\nstored: mock run ${storedMock} calls (${mockResult['2xx']} answered in the measured window); forward run ${storedForward} (${forwardResult['2xx']})`);
    console.log(`mock overhead vs bare: ${((1 - mockResult.requests.average / bareResult.requests.average) * 100).toFixed(0)}% fewer req/s`);
    console.log(`forward vs direct: ${((1 - forwardResult.requests.average / directResult.requests.average) * 100).toFixed(0)}% fewer req/s`);
  } finally {
    await Promise.all(children.map(stop));
    mockDir.remove();
    forwardDir.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
