import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { serveInspectorForFile } from './served-inspector';
import { bigHar } from '../helpers/big-har';

// A 22 MB HAR imported through the page, as a person does it: while the file goes to the
// companion the page keeps drawing frames and answering, and the upload's progress is on screen
// (drawn in a frame, not only written into the page and painted after the upload).
const KEY = 'e2e-har-responsive-key';
const SIZE_MB = 22;
let page: Page;
let dataDir: string;
let pageErrors: string[];

serveInspectorForFile(
  () => ({ env: { FLOWENT_HMAC_KEY: KEY } }),
  (served) => ({ page, dataDir, pageErrors } = served),
);

/** A frame the page drew: when, and what the import's bar said in it. */
interface Frame {
  at: number;
  words: string | null;
}

/** What the page drew from the moment the file was chosen. */
interface Drawn {
  chosenAt: number;
  frames: Frame[];
}

/** Records every frame the page draws from now on, with the import bar's words in it, and when the file is chosen. */
async function recordFrames(): Promise<() => Promise<Drawn>> {
  await page.evaluate(() => {
    const drawn: Drawn = { chosenAt: 0, frames: [] };
    (window as unknown as { drawn: Drawn }).drawn = drawn;
    const frames = drawn.frames;
    document.addEventListener('change', () => (drawn.chosenAt = performance.now()), { capture: true, once: true });
    const draw = () => {
      const bar = document.querySelector('progress[aria-label="HAR import"]');
      const words = bar && document.getElementById(bar.getAttribute('aria-describedby') ?? '')?.textContent;
      frames.push({ at: performance.now(), words: words ?? null });
      requestAnimationFrame(draw);
    };
    requestAnimationFrame(draw);
  });
  return () => page.evaluate(() => (window as unknown as { drawn: Drawn }).drawn);
}

/** The page's word on the import, once it has one. */
const outcome = () =>
  page.evaluate(
    () =>
      [...document.querySelectorAll('.toast')].map((t) => t.textContent ?? '').find((t) => /^(Imported|Could not import)/.test(t)) ?? null,
  );

it(`keeps the page drawing and answering while a ${SIZE_MB} MB HAR uploads, and shows the upload's progress`, async () => {
  const har = bigHar(SIZE_MB * 1024 * 1024, KEY);
  const file = join(dataDir, 'calls.har');
  writeFileSync(file, har.text);
  const frames = await recordFrames();

  await page.getByLabel('HAR file to import').setInputFiles(file);
  // How long the page takes to run a line of script, asked every 300 ms until the import is over.
  const latencies: number[] = [];
  for (let said: string | null = null; said === null;) {
    const asked = performance.now();
    said = await outcome();
    latencies.push(performance.now() - asked);
    if (latencies.length > 600) throw new Error('The page said nothing of the import in 3 minutes.');
    if (said === null) await new Promise((resolve) => setTimeout(resolve, 300));
    else expect(said).toBe(`Imported ${har.entries.toLocaleString('en-US')} calls.`);
  }

  const { chosenAt, frames: drawn } = await frames();
  const uploading = drawn.filter((frame) => frame.words !== null && /^Uploading \d+(\.\d)? of \d+ MB$/.test(frame.words));
  // How long the upload lasted as drawn: from the choice to the first frame of a later stage.
  const nextStage = drawn.find((frame) => frame.at > chosenAt && frame.words !== null && !uploading.includes(frame));
  const uploadSpan = (nextStage?.at ?? chosenAt) - chosenAt;
  // From the choice of the file to the import's end, no stretch without a frame as long as 2 s
  // (a person sees a frozen page; a busy machine may stretch a frame to a few hundred ms).
  const times = [chosenAt, ...drawn.map((frame) => frame.at).filter((at) => at > chosenAt)];
  const gaps = times.slice(1).map((at, i) => at - times[i]!);
  const longest = Math.max(...gaps);
  console.log(
    `har-import-responsive figures: ${JSON.stringify({
      sizeMb: SIZE_MB,
      entries: har.entries,
      uploadFrames: uploading.length,
      uploadSpanMs: Math.round(uploadSpan),
      longestFrameGapMs: Math.round(longest),
      longestScriptAnswerMs: Math.round(Math.max(...latencies)),
    })}`,
  );
  // The upload's stage was drawn (before, the page froze for 16-21 s and no frame showed it). How
  // many counts of megabytes are drawn depends on how fast loopback takes the bytes: one is
  // enough; on a quiet machine the bytes go before the next frame, and nothing is there to draw.
  if (uploadSpan > 200) expect(uploading.length).toBeGreaterThan(0);
  expect(longest).toBeLessThan(2_000);
  expect(Math.max(...latencies)).toBeLessThan(2_000);
  expect(pageErrors).toEqual([]);
}, 240_000);
