/// <reference lib="dom" />
// Code passed to page.evaluate runs in the page: these tests need the DOM types too.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { closedPort } from '../helpers/handler-process';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { screenshot } from './browser';
import { serveInspectorForFile } from './served-inspector';

// An action name has up to 100 characters and no space to break at. At 1024 px the call's
// details (its title, the "no schema known for …" line, the URL it was forwarded to) ran 869 px
// wide in a 506 px pane, and in Answers one long name pushed every row's "Answered by" out of view.
const KEY = 'e2e-long-names-key';
const LONG = `create_customer_record_${'with_every_detail_'.repeat(4)}and_more`.slice(0, 100);
let page: Page;
let rows: () => Locator;
let stopped = 0;

beforeAll(async () => {
  stopped = await closedPort();
});

serveInspectorForFile(
  () => ({
    // Forwarded to a handler that is not running: the details say where the call was sent, its name in the URL.
    args: ['--forward', `http://127.0.0.1:${stopped}/webhooks/flowent/actions/{action_name}`],
    env: { FLOWENT_HMAC_KEY: KEY },
    prepare: async (server) => {
      for (const action of [LONG, 'send_email'])
        await fetch(`${server.baseUrl}/actions/${action}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: signedBody(flowentPayload(action), KEY),
        });
    },
  }),
  (served) => ({ page, rows } = served),
);

/** The elements inside `container` whose right edge is past its right edge (by class and start of text). */
function pastTheRight(container: Locator): Promise<string[]> {
  return container.evaluate((box) => {
    const right = box.getBoundingClientRect().right;
    return Array.from(box.querySelectorAll('*'))
      .filter((element) => element.getClientRects().length > 0 && element.getBoundingClientRect().right > right + 0.5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}: ${(element.textContent ?? '').slice(0, 40)}`);
  });
}

describe.sequential('a 100-character action name at 1024x700', () => {
  it('wraps in the call details: nothing runs past the pane, and it does not scroll sideways', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await expect.poll(() => rows().count()).toBe(2);
    await page.locator('[data-call-id="1"]').click();
    const pane = page.getByRole('complementary', { name: 'Call details' });
    await expect.poll(() => pane.getByTestId('verdict-line').count()).toBe(1);
    expect(await pane.locator('.detail-title').textContent()).toContain(LONG);
    // Where it was forwarded to, its name in the URL.
    await expect.poll(() => pane.getByText(`/webhooks/flowent/actions/${LONG}`, { exact: false }).count()).toBeGreaterThan(0);
    await screenshot(page, 'long-name-details-1024');
    expect(await pastTheRight(pane)).toEqual([]);
    const { scroll, client } = await pane.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(scroll).toBeLessThanOrEqual(client);
  });

  it('wraps in the Answers route list: every row’s "Answered by" is in view', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.locator('.app-name').click();
    await page.keyboard.press('a');
    const dialog = page.getByRole('dialog', { name: 'Answers' });
    const table = dialog.getByRole('table', { name: 'What answers each action' });
    await table.waitFor();
    await screenshot(page, 'long-name-answers-1024');
    expect(await pastTheRight(dialog)).toEqual([]);
    const dialogBox = (await dialog.boundingBox())!;
    for (const cell of await table.locator('tbody td').all()) {
      const box = (await cell.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(dialogBox.x + dialogBox.width);
      expect(box.width).toBeGreaterThan(150);
    }
    // Beside the list, the answer's sentences break the name over lines: it ran past the column's edge, cut off.
    const mockUse = dialog.getByTestId('mock-stored');
    expect(await mockUse.textContent()).toContain(LONG);
    expect(await mockUse.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await dialog.getByRole('button', { name: 'Close answers' }).click();
  });
});
