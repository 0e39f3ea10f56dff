import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { inView, openAtSize } from './in-view';
import { serveInspectorForFile } from './served-inspector';
import { useAccountGateway } from '../helpers/account-gateway';

// Flowent account's form for an action in the narrowest window the screen is made for, 1024x640:
// Register sat on the dialog's bottom edge, and once the form said what was wrong with a field,
// below it.
const KEY = 'e2e-account-form-fold-key';
const API_TOKEN = 'api_e2e_form_fold';
let page: Page;
let pageErrors: string[];

const { env } = useAccountGateway(KEY, API_TOKEN);
serveInspectorForFile(
  () => ({ env: env() }),
  (served) => ({ page, pageErrors } = served),
);

const dialog = () => page.getByRole('dialog', { name: 'Flowent account' });

const REGISTER_FORM = {
  open: async () => {
    await page.locator('.app-name').click();
    await page.keyboard.press('f');
    await dialog().getByRole('tab', { name: 'Actions' }).click();
    await dialog().getByRole('button', { name: 'Register an action…' }).click({ timeout: 15_000 });
  },
  dialog: 'Flowent account',
  ready: (opened: Locator) => opened.getByRole('form', { name: 'Register an action' }),
};

describe.sequential('registering an action on a small window', () => {
  for (const [width, height] of [
    [1024, 640],
    [1280, 720],
  ] as const) {
    it(`keeps Register in view at ${width}x${height} while the fields say what is wrong with them`, async () => {
      const form = REGISTER_FORM.ready(await openAtSize(page, { width, height }, REGISTER_FORM));
      await form.getByLabel('Name').fill('Not A Name');
      await form.getByLabel('Description').fill('');
      await form.getByLabel('Webhook URL').fill('not a url');
      await form.getByLabel('Description').focus();
      await form.getByLabel('Name').focus();
      await expect.poll(() => form.getByText('is not an action name').count()).toBeGreaterThan(0);
      await screenshot(page, `account-form-fold-${width}`);
      expect(await inView(form.getByRole('button', { name: 'Register', exact: true }))).toBe(true);
      expect(await inView(form.getByRole('button', { name: 'Cancel' }))).toBe(true);
      expect(pageErrors).toEqual([]);
      await page.getByRole('button', { name: 'Close Flowent account' }).click();
    }, 60_000);
  }
});
