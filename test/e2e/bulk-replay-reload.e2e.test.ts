import { describe, expect, it } from 'vitest';
import type { Locator, Page, Route } from 'playwright-core';
import { postSigned } from '../helpers/flowent-signer';
import { startHandler } from '../helpers/handler-process';
import { serveForwardingToHandler } from '../helpers/serve-forwarding-to-handler';
import type { ServeProcess } from '../helpers/spawn-cli';

// A bulk replay whose end the inspector page never heard: the page reloaded while it ran, and
// its event stream was down when the run ended. The core keeps how the run ended, so the page
// shows it whole once it reads everything again, and a page opened later shows it as the last run.
// A real `serve`, a real handler whose `gated` action answers when the test says, Chromium.
const KEY = 'e2e-bulk-reload-key';
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
      // Two calls from Flowent, answered at once (released ahead); their replays wait for the test.
      await handler().release(2);
      for (let n = 1; n <= 2; n++) expect((await postSigned(served.baseUrl, 'gated', { n }, KEY)).status).toBe(200);
    },
  }),
  (served) => ({ server, page, pageErrors, rows } = served),
);

/** How many calls the history holds, asked of the inspector's API as the page asks it. */
async function storedCalls(): Promise<number> {
  const url = new URL(server.inspectorUrl!);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  const response = await fetch(`${url.origin}/api/call/listCalls`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify([{}]),
  });
  return ((await response.json()) as { value: { calls: unknown[] } }).value.calls.length;
}

/** The page's event stream fails (as a dropped connection does) until the returned function is called. */
async function dropEventStream(): Promise<() => Promise<void>> {
  const stream = (url: URL) => url.pathname === '/api/events';
  const refuse = (route: Route) => route.abort();
  await page.route(stream, refuse);
  return () => page.unroute(stream, refuse);
}

describe.sequential('bulk replay whose end the page missed', () => {
  it('a page reloaded during a run, its events down when the run ended, shows the run whole; so does a page opened later', async () => {
    await expect.poll(() => rows().count(), SLOW).toBe(2);
    await page.keyboard.press('r');
    let dialog = page.getByRole('dialog', { name: 'Bulk replay' });
    await dialog.getByRole('button', { name: 'This companion' }).click();
    await dialog.getByRole('button', { name: 'Replay these 2 calls' }).click();
    await expect.poll(() => dialog.textContent(), SLOW).toContain('Replaying 0 of 2…');

    // Reloaded while the run waits on the handler: the page finds the run going, then hears nothing.
    const restoreStream = await dropEventStream();
    await page.reload();
    await page.getByTestId('webhook-base-url').waitFor(SLOW);
    await page.getByRole('button', { name: 'Bulk replay: 0 of 2…' }).click(SLOW);
    dialog = page.getByRole('dialog', { name: 'Bulk replay' });
    await expect.poll(() => dialog.textContent(), SLOW).toContain('Replaying 0 of 2…');

    // The run ends (both replays stored) while the page hears nothing; then the stream comes back.
    await handler().release(2);
    await expect.poll(storedCalls, SLOW).toBe(4);
    await restoreStream();
    await expect.poll(() => dialog.textContent(), SLOW).toContain('Done: 2 of 2 calls replayed.');
    expect(await dialog.getByRole('progressbar', { name: 'Replayed so far' }).getAttribute('value')).toBe('2');
    await dialog.getByRole('button', { name: 'Passed 2' }).click();
    // Each through this companion's webhook, to the handler it forwards to.
    const forwarded = `forwarded to your handler at http://127.0.0.1:${handler().port}/actions/gated, behind this companion's webhook`;
    expect(await dialog.getByRole('list', { name: 'Passed calls' }).getByRole('listitem').allTextContents()).toEqual([
      `Call #1 → replay #3: 200 — ${forwarded}`,
      `Call #2 → replay #4: 200 — ${forwarded}`,
    ]);

    // A page opened after the run ended shows it as the last run, under the form of a new one.
    await page.reload();
    await expect.poll(() => rows().count(), SLOW).toBe(4);
    await page.getByRole('button', { name: 'Bulk replay…' }).click(SLOW);
    dialog = page.getByRole('dialog', { name: 'Bulk replay' });
    const last = dialog.locator('details.bulk-last-run');
    await last.waitFor(SLOW);
    expect(await last.locator('summary').textContent()).toBe('Last bulk replay: Done: 2 of 2 calls replayed.');
    await last.locator('summary').click();
    expect(await last.getByRole('button', { name: 'Passed 2' }).isEnabled()).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
