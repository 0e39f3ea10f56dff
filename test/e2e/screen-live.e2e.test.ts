/// <reference lib="dom" />
// Code passed to page.evaluate runs in the page: these tests need the DOM types too.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { seriousAxeViolations } from './axe';
import { screenshot } from './browser';
import { serveInspectorForFile } from './served-inspector';
import { postSigned } from '../helpers/flowent-signer';
import type { ServeProcess } from '../helpers/spawn-cli';
import { callList, rowIdAt } from './call-list-place';

// Calls arriving while someone reads the list: seen (a pill, a highlight), never pulling the
// rows being read or the selection away.
const KEY = 'e2e-live-key';
const SEEDED = 60;
let server: ServeProcess;
let page: Page;
let rows: () => Locator;

const send = (n: number) => postSigned(server.baseUrl, 'send_email', { n }, KEY);

serveInspectorForFile(
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    prepare: async (started) => {
      server = started;
      for (let n = 1; n <= SEEDED; n++) await send(n);
    },
  }),
  (served) => ({ server, page, rows } = served),
);

const list = () => callList(page);
const selectedId = () => page.locator('[role="option"][aria-selected="true"]').getAttribute('data-call-id');
const rowAt = (y: number) => rowIdAt(page, y);

describe.sequential('calls arriving while the list is read', () => {
  it('counts new calls in a pill while scrolled away, keeps the rows being read in place, and the pill goes back to the top', async () => {
    await expect.poll(() => rows().count()).toBeGreaterThanOrEqual(30);
    await list().evaluate((el) => (el.scrollTop = 10 * 32));
    await expect.poll(() => rowAt(5)).toBe(String(SEEDED - 10));
    for (let n = 1; n <= 3; n++) await send(1000 + n);
    const pill = page.getByRole('button', { name: '↑ 3 new' });
    await pill.waitFor();
    expect(await rowAt(5)).toBe(String(SEEDED - 10));
    await screenshot(page, 'live-new-pill');
    await pill.click();
    await expect.poll(() => list().evaluate((el) => el.scrollTop)).toBe(0);
    expect(await rowAt(5)).toBe(String(SEEDED + 3));
    expect(await pill.count()).toBe(0);
  });

  it('highlights new rows briefly', async () => {
    // Recorded as it happens: the highlight is meant to fade, a poll could miss it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { freshSeen: string[] }).freshSeen = seen;
      new MutationObserver((changes) => {
        for (const c of changes) {
          const el = c.target as HTMLElement;
          if (el.dataset.fresh !== undefined && el.dataset.callId) seen.push(el.dataset.callId);
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-fresh'], childList: true });
    });
    await send(2001);
    await expect.poll(() => page.evaluate(() => (window as unknown as { freshSeen: string[] }).freshSeen)).toContain(String(SEEDED + 4));
    await screenshot(page, 'live-highlight');
    // And it fades: the row ends up like the others.
    await expect.poll(() => page.locator(`[data-call-id="${SEEDED + 4}"]`).getAttribute('data-fresh')).toBeNull();
  });

  it('never moves the keyboard selection when calls arrive, at the top or scrolled away', async () => {
    await rows().first().click();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    const chosen = await selectedId();
    const before = await page.locator(`[data-call-id="${chosen}"]`).boundingBox();
    await list().evaluate((el) => (el.scrollTop = 2 * 32));
    const scrolled = await page.locator(`[data-call-id="${chosen}"]`).boundingBox();
    expect(scrolled!.y).toBeLessThan(before!.y);
    for (let n = 1; n <= 2; n++) await send(3000 + n);
    await page.getByRole('button', { name: '↑ 2 new' }).waitFor();
    expect(await selectedId()).toBe(chosen);
    // Still where the user left it on the screen, not scrolled to or pushed away.
    expect((await page.locator(`[data-call-id="${chosen}"]`).boundingBox())!.y).toBe(scrolled!.y);
    await page.keyboard.press('ArrowDown');
    await expect.poll(selectedId).toBe(String(Number(chosen) - 1));
  });

  it('the inline parameters editor follows the theme: axe finds nothing serious in dark or light', async () => {
    const pane = page.getByRole('complementary', { name: 'Call details' });
    await pane.getByRole('button', { name: 'Edit parameters…' }).click();
    await pane.locator('.cm-editor').waitFor();
    for (const theme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      const found = await seriousAxeViolations(page, '[aria-label="Call details"]');
      expect(found, `${theme}: ${JSON.stringify(found, null, 1)}`).toEqual([]);
      await screenshot(page, `replay-editor-${theme}`);
    }
  });

  it("a search's pill for new matches sits on the column headings' row, below the count line, off the rows", async () => {
    const search = page.getByRole('searchbox');
    await search.fill('send_email');
    await page.getByTestId('search-count').filter({ hasText: 'contain' }).waitFor();
    for (let n = 1; n <= 2; n++) await send(2000 + n);
    const pill = page.getByRole('button', { name: /new calls: show$/ });
    await pill.waitFor();
    const [pillBox, count, headings] = [
      (await pill.boundingBox())!,
      (await page.getByTestId('search-count').boundingBox())!,
      (await page.locator('.call-list-header').boundingBox())!,
    ];
    // Placed from the list's top, it covered the count line; placed over the rows, their marks.
    expect(pillBox.y).toBeGreaterThanOrEqual(count.y + count.height);
    expect(pillBox.y + pillBox.height).toBeLessThanOrEqual(headings.y + headings.height);
    await screenshot(page, 'live-search-pill');
    await search.fill('');
    await expect.poll(() => page.getByTestId('search-count').textContent()).toBe('');
  });
});
