import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { serveInspectorForFile } from './served-inspector';
import { HISTORY_PAGE_CAP, postPageFillingCall } from '../helpers/history-page-cap';
import { makeTempDir } from '../helpers/temp-dir';
import type { ServeProcess } from '../helpers/spawn-cli';

// The page's banner while Flowent's calls cannot be stored, in Chromium on a real `serve` whose
// history is full for real (its page count capped: SQLITE_FULL). Its count of refused calls
// changes about once a second: a screen reader must hear the fault once, not at each count.
const KEY = 'storage-banner-key';
const flags = makeTempDir('fc-full-flag-');
/** The history is full while this file exists (see history-page-cap.cjs). */
const FULL_WHILE = join(flags.path, 'full');
afterAll(() => flags.remove());
let server: ServeProcess;
let page: Page;

serveInspectorForFile(
  () => ({ env: { FLOWENT_HMAC_KEY: KEY, FC_HISTORY_FULL_WHILE: FULL_WHILE }, preload: HISTORY_PAGE_CAP }),
  (served) => ({ server, page } = served),
);

const post = (n: number) => postPageFillingCall(server.baseUrl, n, KEY);

/**
 * Records what a screen reader is told from now on: for each change of the page, the text of the
 * live region it is in (an alert or status, or aria-live other than off), or of a live region
 * that appears.
 */
async function listenAsScreenReader(): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const LIVE = '[role="alert"], [role="status"], [role="log"], [aria-live]:not([aria-live="off"])';
    const told: string[] = [];
    (window as unknown as { told: string[] }).told = told;
    new MutationObserver((records) => {
      const regions = new Set<Element>();
      for (const record of records) {
        const target = record.target instanceof Element ? record.target : record.target.parentElement;
        const around = target?.closest(LIVE);
        if (around) regions.add(around);
        for (const added of record.addedNodes) {
          if (!(added instanceof Element)) continue;
          if (added.matches(LIVE)) regions.add(added);
          added.querySelectorAll(LIVE).forEach((inside) => regions.add(inside));
        }
      }
      for (const region of regions) if (region.textContent) told.push(region.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => [...(window as unknown as { told: string[] }).told]);
}

it('reads the fault out once as it starts, while its count of refused calls goes on changing on screen', async () => {
  await page.getByRole('region', { name: 'No calls yet' }).waitFor();
  expect(await post(0)).toBe(200);
  const told = await listenAsScreenReader();

  writeFileSync(FULL_WHILE, '');
  let n = 1;
  while ((await post(n)) !== 503) if (++n > 50) throw new Error('the history never became full');
  // By its label, whatever its role: the test is about what is read out.
  const banner = page.locator('[aria-label="Calls cannot be stored"]');
  await expect.poll(() => banner.textContent()).toContain('1 call refused so far');
  // More refused, over more than two seconds: the count is told again at least twice.
  const until = Date.now() + 2_500;
  let refused = 1;
  while (Date.now() < until) {
    expect(await post(++n)).toBe(503);
    refused++;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await expect.poll(() => banner.textContent()).toContain(`${refused} calls refused so far`);

  const aboutTheFault = (await told()).filter((text) => /cannot be stored|refused so far/.test(text));
  expect(aboutTheFault).toHaveLength(1);
  expect(aboutTheFault[0]).toMatch(
    /^Calls cannot be stored: the disk is full, since .*\. Free space on the disk holding .*: the next call is stored again by itself\.$/,
  );
  // The count is on screen, after what is read out.
  expect(await banner.textContent()).toBe(
    `${aboutTheFault[0]} ${refused} calls refused so far: Flowent got 503 for each (it may send them again); they are not in the history.`,
  );

  rmSync(FULL_WHILE);
  await expect.poll(() => post(++n)).toBe(200);
  await page.getByRole('status', { name: 'Calls are stored again' }).waitFor();
  expect(await banner.count()).toBe(0);
});
