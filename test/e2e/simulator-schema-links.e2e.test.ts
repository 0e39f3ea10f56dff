import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { serveInspectorForFile } from './served-inspector';

// The simulator's schema links under its left-aligned form, in Chromium: stretched to the
// dialog's width by the column they sit in, their words stood centered under the form.
let page: Page;
const SLOW = { timeout: 30_000 };

serveInspectorForFile(
  () => ({ env: { FLOWENT_HMAC_KEY: 'e2e-simulator-links-key' } }),
  (served) => ({ page } = served),
);

describe('the simulator’s schema links', () => {
  it('start where the form starts, and are as wide as their words', async () => {
    await page.getByRole('button', { name: 'Simulate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Simulate a Flowent call' });
    await dialog.getByRole('combobox', { name: 'Action' }).fill('send_email');
    const define = dialog.getByRole('button', { name: 'Define a schema here' });
    await define.waitFor(SLOW);
    const schemaLine = await dialog.getByLabel('Action schema').boundingBox();
    const link = await define.boundingBox();
    expect(link!.x - schemaLine!.x).toBeLessThan(4);
    expect(link!.width).toBeLessThan(schemaLine!.width / 2);
  }, 60_000);
});
