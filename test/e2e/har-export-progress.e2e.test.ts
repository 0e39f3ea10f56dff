import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fillHistory } from '../bench/fill-history';
import { startServe, type ServeProcess } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { launchBrowser, screenshot, type Browser } from './browser';
import { openInspector } from './served-inspector';

// The page's export at its cap, 10,000 filled calls (22 MB of HAR), through a real serve: the
// page waited 3.3-3.5 s on this machine with "Exporting…" alone. Now a bar beside the buttons
// counts the calls the core has written, and the page keeps drawing frames meanwhile.
const CALLS = 10_000;
const dir = makeTempDir('fc-e2e-export-');
let server: ServeProcess;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  fillHistory(dir.path, CALLS);
  server = await startServe(['--port', '0', '--data-dir', dir.path], { FLOWENT_HMAC_KEY: 'e2e-export-progress-key' });
  browser = await launchBrowser();
  browser.page.on('pageerror', (error) => pageErrors.push(error.message));
  await openInspector(browser.page, server.inspectorUrl ?? '');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  server?.child.kill('SIGTERM');
  await server?.exited;
  dir.remove();
});

/** A frame the page drew: when, and what the export's bar said in it (null: no bar). */
interface Frame {
  at: number;
  words: string | null;
  value: number | null;
}

it(`counts the calls of a ${CALLS.toLocaleString('en-US')}-call export beside a bar, and keeps drawing frames`, async () => {
  const page = browser.page;
  await page.evaluate(() => {
    const frames: Frame[] = [];
    (window as unknown as { frames_: Frame[] }).frames_ = frames;
    const draw = () => {
      const bar = document.querySelector<HTMLProgressElement>('progress[aria-label="HAR export"]');
      const words = bar && document.getElementById(bar.getAttribute('aria-describedby') ?? '')?.textContent;
      frames.push({ at: performance.now(), words: words ?? null, value: bar ? bar.value : null });
      requestAnimationFrame(draw);
    };
    requestAnimationFrame(draw);
  });
  const downloaded = page.waitForEvent('download', { timeout: 120_000 });
  const pressedAt = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Export HAR' }).click();
  const download = await downloaded;
  await page.getByText(/^Downloaded 10,000 calls as flowent-calls-.*\.har$/).waitFor({ timeout: 30_000 });
  await screenshot(page, 'har-export-done');
  const drawn = await page.evaluate(() => (window as unknown as { frames_: Frame[] }).frames_);
  expect(await page.getByRole('progressbar', { name: 'HAR export' }).count()).toBe(0);

  const counted = drawn.filter((frame) => frame.words !== null);
  const done = counted.map((frame) => Number(/^([\d,]+) of 10,000 calls$/.exec(frame.words!)?.[1]?.replace(/,/g, '')));
  // Every frame with the bar said "N of 10,000 calls" with the bar at N, and N never went back.
  expect(counted.length).toBeGreaterThan(0);
  expect(done.every((n) => Number.isInteger(n))).toBe(true);
  expect(counted.map((frame) => frame.value)).toEqual(done);
  expect(done).toEqual([...done].sort((a, b) => a - b));
  // Drawn while the core was still writing, not only once the file was whole.
  expect(done.some((n) => n < CALLS)).toBe(true);

  const times = [pressedAt, ...drawn.map((frame) => frame.at).filter((at) => at > pressedAt)];
  const longest = Math.max(...times.slice(1).map((at, i) => at - times[i]!));
  console.log(
    `har-export-progress figures: ${JSON.stringify({
      framesWithBar: counted.length,
      distinctCounts: new Set(done).size,
      barSpanMs: Math.round(counted.at(-1)!.at - counted[0]!.at),
      longestFrameGapMs: Math.round(longest),
    })}`,
  );
  // A person sees a frozen page past a second or two; a busy machine may stretch a frame.
  expect(longest).toBeLessThan(2_000);
  const har = JSON.parse(readFileSync(await download.path(), 'utf8')) as { log: { entries: unknown[] } };
  expect(har.log.entries).toHaveLength(CALLS);
  expect(pageErrors).toEqual([]);
}, 180_000);
