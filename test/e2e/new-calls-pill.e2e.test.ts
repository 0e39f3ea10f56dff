import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { serveInspectorForFile, shownCallTotal } from './served-inspector';
import { postSigned } from '../helpers/flowent-signer';
import type { ServeProcess } from '../helpers/spawn-cli';
import { callList } from './call-list-place';

// The list's pills for calls that arrived out of sight ("↑ 3 new" scrolled away, "2 new calls:
// show" under a search) in a 1024x640 window, whose list is about 500 px wide: floated over the
// first row's centre, they covered its signature mark.
const KEY = 'e2e-new-calls-pill-key';
let server: ServeProcess;
let page: Page;
let rows: () => Locator;

const send = (action: string, n: number) => postSigned(server.baseUrl, action, { n }, KEY);

serveInspectorForFile(
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    prepare: async (started) => {
      server = started;
      for (let n = 1; n <= 40; n++) await send(n % 2 ? 'send_email' : 'create_ticket', n);
    },
  }),
  (served) => ({ server, page, rows } = served),
);

type Box = { x: number; y: number; width: number; height: number };

const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The first row the list shows whole, under its top edge (scrolled, rows above it are cut). */
async function firstShownRow(): Promise<Locator> {
  const top = (await callList(page).boundingBox())!.y;
  for (let i = 0; i < (await rows().count()); i++) {
    const box = await rows().nth(i).boundingBox();
    if (box && box.y >= top - 1) return rows().nth(i);
  }
  throw new Error('no row in view');
}

/** The pill covers no row, its signature mark least of all: it sits above the rows. */
async function expectOffTheRows(pill: Locator): Promise<void> {
  const pillBox = (await pill.boundingBox())!;
  const row = await firstShownRow();
  const mark = (await row.locator('.col-verdict > *').first().boundingBox())!;
  expect(overlap(pillBox, mark)).toBe(false);
  expect(pillBox.y + pillBox.height).toBeLessThanOrEqual((await callList(page).boundingBox())!.y);
}

describe.sequential('the new-calls pill in a narrow list', () => {
  it('"↑ 3 new", scrolled away, sits off the rows and still goes back to the top', async () => {
    await page.setViewportSize({ width: 1024, height: 640 });
    await expect.poll(() => shownCallTotal(page)).toBe(40);
    await callList(page).evaluate((el) => (el.scrollTop = 10 * 32));
    for (let n = 1; n <= 3; n++) await send('send_email', 100 + n);
    const pill = page.getByRole('button', { name: '↑ 3 new' });
    await pill.waitFor();
    await screenshot(page, 'new-calls-pill-scrolled');
    await expectOffTheRows(pill);
    await pill.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => callList(page).evaluate((el) => el.scrollTop)).toBe(0);
    expect(await pill.count()).toBe(0);
  });

  it('"2 new calls: show", under a search, sits off the rows, below the count line', async () => {
    const search = page.getByRole('searchbox');
    await search.fill('send_email');
    const count = page.getByTestId('search-count').filter({ hasText: 'contain' });
    await count.waitFor();
    for (let n = 1; n <= 2; n++) await send('send_email', 200 + n);
    const pill = page.getByRole('button', { name: '2 new calls: show' });
    await pill.waitFor();
    await screenshot(page, 'new-calls-pill-search');
    await expectOffTheRows(pill);
    const countBox = (await count.boundingBox())!;
    expect((await pill.boundingBox())!.y).toBeGreaterThanOrEqual(countBox.y + countBox.height);
    await pill.click();
    await expect.poll(() => pill.count()).toBe(0);
    await search.fill('');
  });
});
