/// <reference lib="dom" />
// Code passed to page.evaluate runs in the page: these tests need the DOM types too.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { serveInspectorForFile } from './served-inspector';
import { postSigned } from '../helpers/flowent-signer';
import type { ServeProcess } from '../helpers/spawn-cli';
import { callList, rowIdAt } from './call-list-place';

// The list is replaced by an empty state while there is nothing to show, and a new list comes
// back with the rows: arrivals are still counted, and the rows being read still kept in place,
// on that new list. The first run starts this way, with an empty history.
const KEY = 'e2e-arrivals-key';
let server: ServeProcess;
let page: Page;
let rows: () => Locator;

const send = (n: number) => postSigned(server.baseUrl, 'send_email', { n }, KEY);

serveInspectorForFile(
  () => ({ env: { FLOWENT_HMAC_KEY: KEY } }),
  (served) => ({ server, page, rows } = served),
);

const list = () => callList(page);
const rowAt = (y: number) => rowIdAt(page, y);

/** Scrolls ten rows down, sends `count` calls, and checks they are counted while the rows read stay put. */
async function readWhileCallsArrive(count: number, firstId: number, name: string): Promise<void> {
  await list().evaluate((el) => (el.scrollTop = 10 * 32));
  const reading = String(firstId - 10);
  await expect.poll(() => rowAt(5)).toBe(reading);
  for (let n = 1; n <= count; n++) await send(5000 + n);
  const pill = page.getByRole('button', { name: `↑ ${count} new` });
  await pill.waitFor();
  expect(await rowAt(5)).toBe(reading);
  await screenshot(page, name);
  await pill.click();
  await expect.poll(() => list().evaluate((el) => el.scrollTop)).toBe(0);
  expect(await pill.count()).toBe(0);
}

describe.sequential('calls arriving after the list was empty', () => {
  it('counts them and keeps the rows being read in place on a first run, whose history starts empty', async () => {
    await page.getByRole('region', { name: 'No calls yet' }).waitFor();
    for (let n = 1; n <= 60; n++) await send(n);
    await expect.poll(() => rows().count()).toBeGreaterThanOrEqual(30);
    await expect.poll(() => rows().first().getAttribute('data-call-id')).toBe('60');
    await readWhileCallsArrive(2, 60, 'arrivals-after-first-run');
  });

  it('does the same after a filter matched nothing and was set back', async () => {
    const status = page.getByRole('combobox', { name: 'Status' });
    await status.selectOption('3xx');
    await page.getByRole('region', { name: 'No matching calls' }).waitFor();
    await status.selectOption('');
    await expect.poll(() => rows().first().getAttribute('data-call-id')).toBe('62');
    await readWhileCallsArrive(2, 62, 'arrivals-after-filter');
  });
});
