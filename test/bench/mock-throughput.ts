/**
 * Side by side, in one run, one after another on the same machine and the same load tool
 * (autocannon, loopback):
 *
 *   mock answers   bare node:http answering fixed JSON | the companion (default mock, every
 *                  call verified and stored in SQLite before it is answered) | Mockoon CLI
 *                  (one route answering the same JSON)
 *   forwarding     the handler called directly | companion -> handler | Mockoon proxy mode ->
 *                  handler; throughput, then the added latency at a fixed rate (--rate)
 *   soak           --soak <s>: --soak-connections against the companion's mock, errors and
 *                  the companion's RSS at start, every 10 s, and at the end
 *
 *   npm run build && npx tsx test/bench/mock-throughput.ts [--seconds 10] [--connections 10] [--rate 500]
 *     [--rate-seconds 10] [--soak 0] [--soak-connections 200] [--soak-warmup 0]
 *     [--only mock,forward,soak]
 *
 * Every server is a separate process and autocannon runs in this one, so on a small machine
 * they compete for the same cores: compare the columns, not the absolute numbers.
 */
import type { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { makeTempDir } from '../helpers/temp-dir';
import {
  cpuSeconds,
  fixedRate,
  freePort,
  load,
  rateRow,
  row,
  rssMb,
  soakLoad,
  startBare,
  startCompanion,
  startMockoon,
  stop,
  storedCount,
  type AutocannonResult,
} from './bench-kit';

const KEY = 'bench-key';
const ACTION = 'send_email';
const PATH = `/actions/${ACTION}`;

const ratio = (a: AutocannonResult, b: AutocannonResult) => (a.requests.average / b.requests.average).toFixed(2);

/** Runs the load and returns it with the server process's CPU microseconds per answered call (warm-up included in both). */
async function measured(child: ChildProcess, url: string, body: string, seconds: number, connections: number) {
  const pid = child.pid ?? 0;
  const before = cpuSeconds(pid);
  const result = await load(url, body, seconds, connections);
  const cpu = cpuSeconds(pid) - before;
  return { result, cpuPerCallUs: (cpu * 1e6) / result['2xx'] };
}
const cpuNote = (label: string, value: number) => `${label} ${value.toFixed(0)} µs`;

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      rate: { type: 'string', default: '500' },
      'rate-seconds': { type: 'string', default: '10' },
      soak: { type: 'string', default: '0' },
      'soak-connections': { type: 'string', default: '200' },
      'soak-warmup': { type: 'string', default: '0' },
      only: { type: 'string', default: 'mock,forward,soak' },
    },
  });
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const rate = Number(values.rate);
  const rateSeconds = Number(values['rate-seconds']);
  const soakSeconds = Number(values.soak);
  const soakConnections = Number(values['soak-connections']);
  const soakWarmup = Number(values['soak-warmup']);
  const only = new Set(values.only.split(','));
  const body = signedBody(flowentPayload(ACTION, { recipient: 'user@example.com', subject: 'Welcome!' }), KEY);
  const dir = makeTempDir('fc-bench-');
  const children: ChildProcess[] = [];
  const track = <T extends { child: ChildProcess }>(started: T): T => {
    children.push(started.child);
    return started;
  };
  const header = `${''.padEnd(36)}${'requests'.padStart(15)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'2xx'.padStart(10)}${'failed'.padStart(8)}`;
  try {
    console.log(`${seconds} s per run (after 1 s of warm-up), ${connections} connections, loopback, ${body.length}-byte signed body\n`);
    const bare = track(await startBare());

    if (only.has('mock')) {
      console.log(header);
      const bareRun = await measured(bare.child, bare.baseUrl + PATH, body, seconds, connections);
      const bareResult = bareRun.result;
      console.log(row('bare node:http, fixed JSON', bareResult));

      const mockDir = makeTempDir('fc-bench-mock-');
      const companion = track(await startCompanion(mockDir.path, KEY));
      const mockRun = await measured(companion.child, companion.baseUrl + PATH, body, seconds, connections);
      const mockResult = mockRun.result;
      console.log(row('companion, default mock, stored', mockResult));
      await stop(companion.child);
      const stored = storedCount(mockDir.path);
      mockDir.remove();

      const mockoon = track(await startMockoon(dir.path, await freePort(), ACTION));
      const mockoonRun = await measured(mockoon.child, mockoon.baseUrl + PATH, body, seconds, connections);
      const mockoonResult = mockoonRun.result;
      console.log(row('Mockoon CLI 9.9.0, one route', mockoonResult));
      await stop(mockoon.child);

      // Stored counts include the warm-up second and calls in flight when a run ended.
      console.log(`\nstored: ${stored} calls for ${mockResult['2xx']} answered in the measured window (plus the warm-up second)`);
      console.log(
        `companion / Mockoon: ${ratio(mockResult, mockoonResult)}x   companion / bare node:http: ${ratio(mockResult, bareResult)}x`,
      );
      // Counted over warm-up + run, divided by the run's answers: a slight overestimate, equal for all three.
      console.log(
        `server CPU per answered call: ${cpuNote('bare', bareRun.cpuPerCallUs)}, ${cpuNote('companion', mockRun.cpuPerCallUs)}, ${cpuNote('Mockoon', mockoonRun.cpuPerCallUs)}\n`,
      );
    }

    if (only.has('forward')) {
      const forwardDir = makeTempDir('fc-bench-forward-');
      const forwarder = track(await startCompanion(forwardDir.path, KEY, ['--forward', `${bare.baseUrl}/actions/{action_name}`]));
      const proxy = track(await startMockoon(dir.path, await freePort(), ACTION, bare.baseUrl));
      console.log(header);
      const directResult = await load(bare.baseUrl + PATH, body, seconds, connections);
      console.log(row('handler direct', directResult));
      const forwardRun = await measured(forwarder.child, forwarder.baseUrl + PATH, body, seconds, connections);
      const forwardResult = forwardRun.result;
      console.log(row('companion -> handler (forward)', forwardResult));
      const proxyRun = await measured(proxy.child, proxy.baseUrl + PATH, body, seconds, connections);
      const proxyResult = proxyRun.result;
      console.log(row('Mockoon proxy mode -> handler', proxyResult));
      console.log(`\ncompanion forward / Mockoon proxy: ${ratio(forwardResult, proxyResult)}x`);
      console.log(
        `forwarder CPU per answered call: ${cpuNote('companion', forwardRun.cpuPerCallUs)}, ${cpuNote('Mockoon', proxyRun.cpuPerCallUs)}\n`,
      );

      console.log(`${rate} calls/s for ${rateSeconds} s (after 200 warm-up calls), latency per call`);
      console.log(
        `${''.padEnd(36)}${'p50'.padStart(12)}${'p99'.padStart(13)}${'max'.padStart(12)}${'ok'.padStart(8)}${'failed'.padStart(8)}`,
      );
      const direct = await fixedRate(bare.baseUrl + PATH, body, rate, rateSeconds);
      console.log(rateRow('handler direct', direct));
      const viaCompanion = await fixedRate(forwarder.baseUrl + PATH, body, rate, rateSeconds);
      console.log(rateRow('companion -> handler', viaCompanion));
      const viaMockoon = await fixedRate(proxy.baseUrl + PATH, body, rate, rateSeconds);
      console.log(rateRow('Mockoon proxy -> handler', viaMockoon));
      console.log(
        `\nadded p99: companion ${(viaCompanion.p99Ms - direct.p99Ms).toFixed(3)} ms, Mockoon ${(viaMockoon.p99Ms - direct.p99Ms).toFixed(3)} ms`,
      );
      console.log(
        `added p50: companion ${(viaCompanion.p50Ms - direct.p50Ms).toFixed(3)} ms, Mockoon ${(viaMockoon.p50Ms - direct.p50Ms).toFixed(3)} ms\n`,
      );
      await stop(forwarder.child);
      await stop(proxy.child);
      forwardDir.remove();
    }

    if (only.has('soak') && soakSeconds > 0) {
      const soakDir = makeTempDir('fc-bench-soak-');
      const companion = track(await startCompanion(soakDir.path, KEY));
      const pid = companion.child.pid ?? 0;
      // Optional: the same load first, uncounted, so the soak measures a warm server.
      if (soakWarmup > 0) await soakLoad(companion.baseUrl + PATH, body, soakWarmup, soakConnections);
      const samples: string[] = [`0 s ${rssMb(pid).toFixed(1)} MB`];
      const started = Date.now();
      const sampler = setInterval(() => samples.push(`${Math.round((Date.now() - started) / 1000)} s ${rssMb(pid).toFixed(1)} MB`), 10_000);
      const result = await soakLoad(companion.baseUrl + PATH, body, soakSeconds, soakConnections);
      clearInterval(sampler);
      samples.push(`end ${rssMb(pid).toFixed(1)} MB`);
      await stop(companion.child);
      const stored = storedCount(soakDir.path);
      soakDir.remove();
      console.log(
        `soak: ${soakConnections} connections for ${soakSeconds} s against the companion's mock (autocannon timeout 10 s; ${soakWarmup > 0 ? `after ${soakWarmup} s of the same load, uncounted` : 'from a cold start'})`,
      );
      console.log(header);
      console.log(row('companion, default mock, stored', result));
      console.log(
        `errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}; latency max ${result.latency.max} ms; stored ${stored} for ${result['2xx']} answered`,
      );
      console.log(`companion RSS: ${samples.join(', ')}`);
    }
  } finally {
    await Promise.all(children.map(stop));
    dir.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
