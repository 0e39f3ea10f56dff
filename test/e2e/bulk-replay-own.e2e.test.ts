import { describe, expect, it } from 'vitest';
import type { Locator, Page, Route } from 'playwright-core';
import { postSigned } from '../helpers/flowent-signer';
import { handlerUrl, startHandler } from '../helpers/handler-process';
import { serveForwardingToHandler } from '../helpers/serve-forwarding-to-handler';
import type { ServeProcess } from '../helpers/spawn-cli';

// Bulk replay aimed at "This companion" (the serve's own webhook, which forwards to the
// handler), from the inspector: a real `serve`, a real handler process, driven in Chromium.
// Such a run is over in milliseconds, so its events can reach the page before the answer to
// the request that started it: the page must follow it to its end all the same.
const KEY = 'e2e-bulk-own-key';
let server: ServeProcess;
let page: Page;
let pageErrors: string[];
let rows: () => Locator;
const SLOW = { timeout: 30_000 };

const handler = serveForwardingToHandler(
  startHandler,
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    prepare: async (served) => {
      // 15 calls from Flowent, 10 of them of action ok: the run replays the list's filter.
      for (let n = 1; n <= 15; n++) {
        expect((await postSigned(served.baseUrl, n % 3 === 0 ? 'slow_ok' : 'ok', { n }, KEY)).status).toBe(200);
      }
    },
  }),
  (served) => ({ server, page, pageErrors, rows } = served),
);

/**
 * Holds the answer to the page's next startBulkReplay until `release` is called: the order in
 * which a fast run's start and its events reach a busy page is not the order they were sent.
 */
async function holdNextStart(): Promise<{ release: () => Promise<void> }> {
  let held: Route | null = null;
  let answer: Awaited<ReturnType<Route['fetch']>> | null = null;
  const pattern = '**/api/call/startBulkReplay';
  await page.route(pattern, async (route) => {
    held = route;
    answer = await route.fetch();
  });
  return {
    release: async () => {
      await expect.poll(() => answer !== null, SLOW).toBe(true);
      await held!.fulfill({ response: answer! });
      await page.unroute(pattern);
    },
  };
}

describe.sequential('bulk replay to this companion from the inspector', () => {
  it('follows a run whose events came before the answer that started it, to its end', async () => {
    await expect.poll(() => rows().count(), SLOW).toBe(15);
    await page.getByRole('combobox', { name: 'Action' }).selectOption('ok');
    await expect.poll(() => rows().count(), SLOW).toBe(10);
    await page.keyboard.press('r');
    const dialog = page.getByRole('dialog', { name: 'Bulk replay' });
    await dialog.getByRole('button', { name: 'This companion' }).click();
    const target = dialog.getByRole('textbox', { name: 'Bulk replay target URL' });
    expect(await target.inputValue()).toBe(`${server.baseUrl}/actions/{action_name}`);
    const start = await holdNextStart();
    await dialog.getByRole('button', { name: 'Replay these 10 calls' }).click();
    // Every replay is stored (its row is in the list) before the page learns the run's id.
    await expect.poll(() => rows().count(), SLOW).toBe(20);
    await start.release();
    await expect.poll(() => dialog.textContent(), SLOW).toContain('Done: 10 of 10 calls replayed.');
    expect(await dialog.getByRole('progressbar', { name: 'Replayed so far' }).getAttribute('value')).toBe('10');
    expect(await dialog.getByRole('button', { name: 'Passed 10' }).isEnabled()).toBe(true);
    // Each replay went through the companion to the handler, and is stored once, as a replay.
    expect((await handler().received()).length).toBe(25);
    await dialog.getByRole('button', { name: 'Close bulk replay' }).click();
    await page.getByRole('button', { name: 'Bulk replay…' }).waitFor(SLOW);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('lists the calls that failed with their answer and why, each in one line', async () => {
    // The list still shows action ok: its 10 calls from Flowent and their 10 replays.
    await expect.poll(() => rows().count(), SLOW).toBe(20);
    await page.getByRole('button', { name: 'Bulk replay…' }).click();
    // It opens on a new run's form (the last run folded below it).
    const dialog = page.getByRole('dialog', { name: 'Bulk replay' });
    await dialog.getByRole('textbox', { name: 'Bulk replay target URL' }).fill(handlerUrl(handler(), 'error500'));
    await dialog.getByRole('button', { name: 'Replay these 10 calls' }).click();
    await expect.poll(() => dialog.textContent(), SLOW).toContain('Done: 10 of 10 calls replayed.');
    await dialog.getByRole('button', { name: 'Failed 10' }).click();
    const failed = dialog.getByRole('list', { name: 'Failed calls' }).getByRole('listitem');
    expect(await failed.count()).toBe(10);
    // Call #1's replay is the first stored after the 15 calls and the last run's 10 replays.
    expect(await failed.first().textContent()).toBe(
      'Call #1 → replay #26: 200 → 500 — Your handler answered 500; Flowent treats anything but 2xx as a failed action (the flow takes its "on action failure" branch).',
    );
    expect(await dialog.getByRole('note', { name: 'Answered by the mock' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('moves the keyboard focus from "New bulk replay" to the new form’s first field', async () => {
    const dialog = page.getByRole('dialog', { name: 'Bulk replay' });
    // The test before leaves its run's result open.
    if (await dialog.isVisible()) await dialog.getByRole('button', { name: 'Close bulk replay' }).click();
    await page.getByRole('button', { name: 'Bulk replay…' }).click();
    await dialog.getByRole('textbox', { name: 'Bulk replay target URL' }).fill(handlerUrl(handler(), 'ok'));
    await dialog.getByRole('button', { name: /^Replay these \d+ calls$/ }).click();
    await dialog.getByRole('heading', { name: 'Bulk replay result' }).waitFor(SLOW);
    await dialog.getByRole('button', { name: 'New bulk replay' }).focus();
    await page.keyboard.press('Enter');
    const first = dialog.getByRole('spinbutton', { name: 'Replays at once' });
    await first.waitFor(SLOW);
    // A keyboard user goes on from the form's first field, not from the top of the page.
    await expect.poll(() => first.evaluate((field) => field === document.activeElement), SLOW).toBe(true);
    await dialog.getByRole('button', { name: 'Close bulk replay' }).click();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
