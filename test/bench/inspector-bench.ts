/**
 * Inspector benchmark: a history of 100,000 calls, the inspector opened in Chromium, then a
 * burst of 1,000 calls a second. Reports time to first paint, time until the first rows
 * show, and the longest frame during the burst. With `--arrival-seconds`, then calls at
 * `--arrival-rate` a second for that long, and the page's JavaScript heap (after a garbage
 * collection) every `--sample-seconds`.
 *
 *   npm run build && npx tsx test/bench/inspector-bench.ts [--calls 100000] [--burst-seconds 3]
 *     [--arrival-seconds 600 --arrival-rate 100 --sample-seconds 60] [--page-profile burst.cpuprofile]
 *
 * Goals: first paint < 1.5 s; no frame over 100 ms during the burst; a flat heap while calls arrive.
 * `longTasks`/`longestTaskMs`: the page's own tasks over 50 ms during the burst (what of a long
 * frame is the page's work rather than the machine's load).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../e2e/browser';
import { signedBody, flowentPayload } from '../helpers/flowent-signer';
import { startServe } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { fillHistory } from './fill-history';

const KEY = 'bench-key';

async function main() {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string', default: '100000' },
      'burst-seconds': { type: 'string', default: '3' },
      'arrival-seconds': { type: 'string', default: '0' },
      'arrival-rate': { type: 'string', default: '100' },
      'sample-seconds': { type: 'string', default: '60' },
      'page-profile': { type: 'string' },
    },
  });
  const count = Number(values.calls);
  const burstSeconds = Number(values['burst-seconds']);
  const dir = makeTempDir('fc-bench-');
  try {
    let began = Date.now();
    fillHistory(dir.path, count);
    console.log(`filled ${count} calls in ${Date.now() - began} ms`);

    const server = await startServe(['--port', '0', '--data-dir', dir.path], { FLOWENT_HMAC_KEY: KEY });
    if (!server.inspectorUrl) throw new Error('the inspector did not start');
    const browser = await launchBrowser();
    try {
      const page = browser.page;
      began = Date.now();
      await page.goto(server.inspectorUrl);
      await page.locator('[role="option"]').first().waitFor({ timeout: 30_000 });
      const firstRowsMs = Date.now() - began;
      // Page scripts are passed as strings: tsx rewrites functions with helpers the page lacks.
      const paint = (await page.evaluate(
        `Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, Math.round(e.startTime)]))`,
      )) as Record<string, number>;

      // Frame gaps measured inside the page while calls arrive, and the page's own long tasks:
      // a frame gap also counts the time the machine gave the browser to other processes, a
      // long task only the page's own work on its main thread.
      await page.evaluate(`(() => {
        window.maxFrame = 0;
        window.frames_ = 0;
        window.longTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.longTasks.push(entry.duration);
        }).observe({ type: 'longtask' });
        let last = performance.now();
        const tick = (now) => {
          window.maxFrame = Math.max(window.maxFrame, now - last);
          window.frames_ += 1;
          last = now;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      })()`);
      const profiler = values['page-profile'] ? await page.context().newCDPSession(page) : null;
      if (profiler) {
        await profiler.send('Profiler.enable');
        await profiler.send('Profiler.start');
      }
      const sent = await burst(server.baseUrl, 1000, burstSeconds);
      if (profiler) {
        // The page's JavaScript during the burst, for test/bench/cpu-profile-summary.ts.
        const { profile } = await profiler.send('Profiler.stop');
        writeFileSync(values['page-profile']!, JSON.stringify(profile));
        await profiler.detach();
      }
      await page.waitForTimeout(500);
      const frames = (await page.evaluate(
        `({ maxFrameMs: Math.round(window.maxFrame), frames: window.frames_, longTasks: window.longTasks.length, longestTaskMs: Math.round(Math.max(0, ...window.longTasks)) })`,
      )) as { maxFrameMs: number; frames: number; longTasks: number; longestTaskMs: number };
      const shown = await page.locator('[role="option"]').count();
      const heap = await heapWhileArriving(page, server.baseUrl, {
        seconds: Number(values['arrival-seconds']),
        rate: Number(values['arrival-rate']),
        sampleSeconds: Number(values['sample-seconds']),
      });

      console.log(
        JSON.stringify(
          {
            storedCalls: count,
            firstContentfulPaintMs: paint['first-contentful-paint'],
            firstPaintMs: paint['first-paint'],
            firstRowsMs,
            burstCallsSent: sent,
            ...frames,
            rowsInDom: shown,
            heapWhileArriving: heap,
          },
          null,
          2,
        ),
      );
    } finally {
      await browser.close();
      server.child.kill('SIGTERM');
      await server.exited;
    }
  } finally {
    rmSync(dir.path, { recursive: true, force: true });
  }
}

/**
 * The page's JavaScript heap, after a garbage collection, at the start and every
 * `sampleSeconds` while calls arrive at `rate` a second for `seconds`: what an inspector left
 * open holds.
 */
async function heapWhileArriving(
  page: Page,
  baseUrl: string,
  { seconds, rate, sampleSeconds }: { seconds: number; rate: number; sampleSeconds: number },
): Promise<{ atSecond: number; heapMb: number; callsSent: number }[]> {
  if (seconds <= 0) return [];
  const cdp = await page.context().newCDPSession(page);
  const sample = async (atSecond: number, callsSent: number) => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return { atSecond, heapMb: Math.round((usedSize / 1024 / 1024) * 10) / 10, callsSent };
  };
  const samples = [await sample(0, 0)];
  let sent = 0;
  for (let at = 0; at < seconds; at += sampleSeconds) {
    const span = Math.min(sampleSeconds, seconds - at);
    sent += await burst(baseUrl, rate, span);
    samples.push(await sample(at + span, sent));
  }
  await cdp.detach();
  return samples;
}

/**
 * Sends `perSecond` signed calls a second for `seconds`, paced in 10 ms slices, over a pool of
 * keep-alive connections (a new connection per call would measure the client, not the app).
 */
async function burst(baseUrl: string, perSecond: number, seconds: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const url = new URL(`${baseUrl}/actions/send_email`);
  const sendOne = (n: number) =>
    new Promise<void>((resolve) => {
      const body = signedBody(flowentPayload('send_email', { n }), KEY);
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', () => resolve());
      req.end(body);
    });
  // Paced by the clock, not by counting slices: a timer fires late by a millisecond or so, and
  // at one call per 10 ms slice that alone lost a tenth of the rate.
  const slice = 10;
  const start = Date.now();
  const end = start + seconds * 1000;
  const inFlight: Promise<void>[] = [];
  let sent = 0;
  while (Date.now() < end) {
    const due = Math.floor(((Date.now() - start) * perSecond) / 1000);
    while (sent < due) inFlight.push(sendOne(sent++));
    await new Promise((resolve) => setTimeout(resolve, slice));
  }
  await Promise.all(inFlight);
  agent.destroy();
  return sent;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
