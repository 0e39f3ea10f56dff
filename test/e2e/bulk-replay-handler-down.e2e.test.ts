import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { postSigned } from '../helpers/flowent-signer';
import { closedPort } from '../helpers/handler-process';
import { serveInspectorForFile } from './served-inspector';

// Bulk replay to a handler nobody runs, from the inspector: a real `serve` holding Flowent's
// calls, a port that was listened on and then closed, driven in Chromium. The dialog's result
// must say why nothing was replayed, not "Done: 5 of 5 calls replayed".
const KEY = 'e2e-bulk-down-key';
let page: Page;
let pageErrors: string[];
let rows: () => Locator;
const SLOW = { timeout: 30_000 };

serveInspectorForFile(
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    prepare: async (served) => {
      // Five calls of send_email, two of notify: the companion's mock answers them (no handler set).
      for (let n = 1; n <= 5; n++) expect((await postSigned(served.baseUrl, 'send_email', { n }, KEY)).status).toBe(200);
      for (let n = 1; n <= 2; n++) expect((await postSigned(served.baseUrl, 'notify', { n }, KEY)).status).toBe(200);
    },
  }),
  (served) => ({ page, pageErrors, rows } = served),
);

/** Replays the calls of `action` to `target` from the Bulk replay dialog; the dialog once its run ended. */
async function bulkReplay(action: string, count: number, target: string): Promise<Locator> {
  await page.getByRole('combobox', { name: 'Action' }).selectOption(action);
  await expect.poll(() => rows().count(), SLOW).toBe(count);
  await page.getByRole('button', { name: 'Bulk replay…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Bulk replay' });
  await dialog.getByRole('textbox', { name: 'Bulk replay target URL' }).fill(target);
  await dialog.getByRole('button', { name: `Replay these ${count} calls` }).click();
  await dialog.getByRole('heading', { name: 'Bulk replay result' }).waitFor(SLOW);
  return dialog;
}

describe.sequential('bulk replay to a handler that is not running, from the inspector', () => {
  it('stops after 3 refused connections and says why, and that none was replayed', async () => {
    await expect.poll(() => rows().count(), SLOW).toBe(7);
    const port = await closedPort();
    const dialog = await bulkReplay('send_email', 5, `http://127.0.0.1:${port}/actions/{action_name}`);
    await expect.poll(() => dialog.textContent(), SLOW).toContain('Stopped: 0 of 5 calls replayed, 3 reached nobody, 2 not sent.');
    expect(await dialog.textContent()).not.toContain('Done:');
    // The toast that tells the run's end says what stopped it, not "done: 5 calls replayed".
    await page
      .getByText(
        `Bulk replay stopped: your handler at http://127.0.0.1:${port}/actions/send_email refused the connection (nothing is listening)`,
      )
      .waitFor(SLOW);
    expect(await dialog.getByRole('note', { name: 'Why the replays failed' }).textContent()).toBe(
      `Stopped after 3 calls: your handler at http://127.0.0.1:${port}/actions/send_email refused the connection (nothing is listening). 2 calls not sent. Start your handler and run again.`,
    );
    expect(await dialog.getByRole('button', { name: 'Failed 3' }).isEnabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Not sent 2' }).click();
    const notSent = dialog.getByRole('list', { name: 'Calls not sent' }).getByRole('listitem');
    expect(await notSent.count()).toBe(2);
    expect(await notSent.first().textContent()).toBe(
      `Call #4: not sent — The run stopped before sending it: your handler at http://127.0.0.1:${port}/actions/send_email refused the connection (nothing is listening), for 3 replays in a row. Start your handler and run again.`,
    );
    await dialog.getByRole('button', { name: 'Close bulk replay' }).click();
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('names the one cause every failed replay shares when too few failed to stop the run', async () => {
    const port = await closedPort();
    const dialog = await bulkReplay('notify', 2, `http://127.0.0.1:${port}/actions/{action_name}`);
    await expect.poll(() => dialog.textContent(), SLOW).toContain('Done: 0 of 2 calls replayed, 2 reached nobody.');
    expect(await dialog.getByRole('note', { name: 'Why the replays failed' }).textContent()).toBe(
      `All 2 failed replays: your handler at http://127.0.0.1:${port}/actions/notify refused the connection (nothing is listening). Start your handler and run again.`,
    );
    await dialog.getByRole('button', { name: 'Close bulk replay' }).click();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
