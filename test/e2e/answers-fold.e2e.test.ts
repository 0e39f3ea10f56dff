import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { openAtSize } from './in-view';
import { serveInspectorForFile } from './served-inspector';
import { postSigned } from '../helpers/flowent-signer';

// Answers at 1280x720, a laptop's window, with a dozen actions called: the mock editor is what
// a user opens the dialog for, and stacked under the list of actions it began below the
// dialog's fold, so editing a mock began with scrolling to it.
const KEY = 'e2e-answers-fold-key';
const ACTIONS = Array.from({ length: 12 }, (_, i) => `action_${String(i).padStart(2, '0')}`);
let page: Page;
let pageErrors: string[];
let rows: () => Locator;

serveInspectorForFile(
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    prepare: async (server) => {
      for (const action of ACTIONS) expect((await postSigned(server.baseUrl, action, {}, KEY)).status).toBe(200);
    },
  }),
  (served) => ({ page, rows, pageErrors } = served),
);

/** How many pixels of `locator` show inside the window's height. */
async function shownHeight(locator: Locator): Promise<number> {
  const box = (await locator.boundingBox())!;
  const height = page.viewportSize()!.height;
  return Math.max(0, Math.min(box.y + box.height, height) - Math.max(box.y, 0));
}

const ANSWERS = {
  open: async () => {
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('menuitem', { name: 'Answers' }).click();
  },
  dialog: 'Answers',
  ready: (dialog: Locator) => dialog.locator('.cm-editor'),
};

describe.sequential('the Answers dialog on a laptop window', () => {
  it('shows the mock editor without scrolling, beside the list of actions', async () => {
    await expect.poll(() => rows().count()).toBe(ACTIONS.length);
    const dialog = await openAtSize(page, { width: 1280, height: 720 }, ANSWERS);
    await screenshot(page, 'answers-fold-1280');
    expect(await shownHeight(dialog.locator('.mock-editor'))).toBeGreaterThanOrEqual(150);
  }, 60_000);

  it('brings an action picked from "Answers for" into the list\'s view', async () => {
    const dialog = page.getByRole('dialog', { name: 'Answers' });
    const last = ACTIONS[ACTIONS.length - 1]!;
    await dialog.getByRole('combobox', { name: 'Answers for' }).selectOption(last);
    const row = dialog.getByRole('row', { name: new RegExp(`^${last}\\b`) });
    const [rowBox, listBox] = [(await row.boundingBox())!, (await dialog.locator('.answers-list').boundingBox())!];
    expect(rowBox.y).toBeGreaterThanOrEqual(listBox.y);
    expect(rowBox.y + rowBox.height).toBeLessThanOrEqual(listBox.y + listBox.height + 1);
    expect(await shownHeight(dialog.locator('.mock-editor'))).toBeGreaterThanOrEqual(150);
    expect(pageErrors).toEqual([]);
    await dialog.getByRole('button', { name: 'Close answers' }).click();
  }, 60_000);

  it('shows the mock editor without scrolling in the narrowest window the screen is made for, 1024x640', async () => {
    const dialog = await openAtSize(page, { width: 1024, height: 640 }, ANSWERS);
    await screenshot(page, 'answers-fold-1024');
    expect(await shownHeight(dialog.locator('.mock-editor'))).toBeGreaterThanOrEqual(150);
    await dialog.getByRole('button', { name: 'Close answers' }).click();
  }, 60_000);

  it('keeps a long list to a part of a narrower window, stacked over the answer', async () => {
    const dialog = await openAtSize(page, { width: 900, height: 720 }, ANSWERS);
    const listBox = (await dialog.locator('.answers-list').boundingBox())!;
    expect(listBox.height).toBeLessThanOrEqual(0.36 * 720);
    await screenshot(page, 'answers-fold-900');
    await dialog.getByRole('button', { name: 'Close answers' }).click();
  }, 60_000);
});
