/**
 * Inspector benchmark: a history of 100,000 calls, the inspector opened in Chromium, then a
 * burst of 1,000 calls a second. Reports time to first paint, time until the first rows
 * show, and the longest frame during the burst.
 *
 *   npm run build && npx tsx test/bench/inspector-bench.ts [--calls 100000] [--burst-seconds 3]
 *
 * Goals: first paint < 1.5 s; no frame over 100 ms during the burst.
 */
import { rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../e2e/browser';
import { signedBody, flowentPayload } from '../helpers/flowent-signer';
import { startServe } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { fillHistory } from './fill-history';

const KEY = 'bench-key';

async function main() {
  const { values } = parseArgs({
    options: { calls: { type: 'string', default: '100000' }, 'burst-seconds': { type: 'string', default: '3' } },
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

      // Frame gaps measured inside the page while calls arrive.
      await page.evaluate(`(() => {
        window.maxFrame = 0;
        window.frames_ = 0;
        let last = performance.now();
        const tick = (now) => {
          window.maxFrame = Math.max(window.maxFrame, now - last);
          window.frames_ += 1;
          last = now;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      })()`);
      const sent = await burst(server.baseUrl, 1000, burstSeconds);
      await page.waitForTimeout(500);
      const frames = (await page.evaluate(`({ maxFrameMs: Math.round(window.maxFrame), frames: window.frames_ })`)) as {
        maxFrameMs: number;
        frames: number;
      };
      const shown = await page.locator('[role="option"]').count();

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
  const slice = 10;
  const perSlice = Math.round((perSecond * slice) / 1000);
  const end = Date.now() + seconds * 1000;
  const inFlight: Promise<void>[] = [];
  let sent = 0;
  while (Date.now() < end) {
    const sliceStart = Date.now();
    for (let i = 0; i < perSlice; i++) inFlight.push(sendOne(sent++));
    const wait = slice - (Date.now() - sliceStart);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
  await Promise.all(inFlight);
  agent.destroy();
  return sent;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
