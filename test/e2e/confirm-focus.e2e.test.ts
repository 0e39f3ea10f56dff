import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { serveInspectorForFile } from './served-inspector';
import { postSigned } from '../helpers/flowent-signer';
import type { ServeProcess } from '../helpers/spawn-cli';

// The questions asked in place (ConfirmBox), in Chromium: Esc takes the safe choice and closes
// only the question, and the keyboard goes back to what asked it instead of the page's body.
const KEY = 'e2e-confirm-key';
let server: ServeProcess;
let page: Page;
let rows: () => Locator;

serveInspectorForFile(
  () => ({ env: { FLOWENT_HMAC_KEY: KEY } }),
  (served) => ({ server, page, rows } = served),
);

/** What has the keyboard: its label or text, or BODY when it fell to the page. */
const focused = () =>
  page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return 'BODY';
    return active.getAttribute('aria-label') ?? active.textContent?.trim() ?? active.tagName;
  });

describe.sequential('questions asked in place', () => {
  it('Settings: Esc and Cancel close only "Clear history", and the keyboard is back on its button', async () => {
    expect((await postSigned(server.baseUrl, 'send_email', { recipient: 'ada@example.com' }, KEY)).status).toBe(200);
    await expect.poll(() => rows().count()).toBe(1);
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    const ask = settings.getByRole('group', { name: 'Confirm clearing history' });
    await settings.getByRole('button', { name: 'Clear history…' }).click();
    await expect.poll(focused).toBe('Cancel');
    await page.keyboard.press('Escape');
    await expect.poll(() => ask.count()).toBe(0);
    expect(await settings.count()).toBe(1);
    await expect.poll(focused).toBe('Clear history…');

    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('Cancel');
    await page.keyboard.press('Enter');
    await expect.poll(() => ask.count()).toBe(0);
    await expect.poll(focused).toBe('Clear history…');
    expect(await rows().count()).toBe(1);

    await page.keyboard.press('Escape');
    await expect.poll(() => settings.count()).toBe(0);
  });

  it('Answers: Esc on "Clear the mock" keeps the dialog, and the close question gives the keyboard back to the editor', async () => {
    await page.getByRole('button', { name: 'Answers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Answers' });
    const mock = dialog.getByRole('region', { name: 'Mock' });
    await mock.getByRole('button', { name: 'Insert example' }).click();
    await mock.getByRole('button', { name: 'Save mock' }).click();
    await page.getByText('Mock saved').waitFor();
    await mock.getByRole('button', { name: 'Clear mock' }).click();
    await expect.poll(focused).toBe('Keep it');
    await page.keyboard.press('Escape');
    await expect.poll(() => mock.getByRole('group', { name: 'Confirm clearing the mock' }).count()).toBe(0);
    expect(await dialog.count()).toBe(1);
    await expect.poll(focused).toBe('Clear mock');

    // Unsaved edits, then Esc from inside the editor: the question, then "Keep editing" by Enter.
    const editor = mock.locator('.cm-content');
    await editor.click();
    await page.keyboard.press('End');
    await page.keyboard.insertText(' ');
    const closeQuestion = dialog.getByRole('group', { name: 'Confirm discarding unsaved changes' });
    // Esc straight after the keystroke, not after the page has shown the edit: it counts as unsaved as typed.
    await page.keyboard.press('Escape');
    await expect.poll(focused).toBe('Keep editing');
    await page.keyboard.press('Enter');
    await expect.poll(() => closeQuestion.count()).toBe(0);
    await expect.poll(() => editor.evaluate((e) => e === document.activeElement)).toBe(true);

    // Esc in the question keeps editing too; only "Discard and close" closes.
    await page.keyboard.press('Escape');
    await expect.poll(focused).toBe('Keep editing');
    await page.keyboard.press('Escape');
    await expect.poll(() => closeQuestion.count()).toBe(0);
    expect(await dialog.count()).toBe(1);
    await expect.poll(() => editor.evaluate((e) => e === document.activeElement)).toBe(true);
    await page.keyboard.press('Escape');
    await closeQuestion.getByRole('button', { name: 'Discard and close' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('the replay editor warns once over its edits, naming the button that keeps them', async () => {
    await rows().first().click();
    const pane = page.getByRole('complementary', { name: 'Call details' });
    await pane.getByRole('button', { name: 'Edit parameters…' }).click();
    const content = pane.getByRole('group', { name: 'Edit parameters' }).locator('.cm-content');
    await content.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('{"recipient": "grace@example.com"}');
    await page.keyboard.press('Escape');
    const warning = page.getByText(
      'Unsaved changes to the edited parameters of call #1: press Esc again to discard them, or replay them first (Replay edited).',
    );
    await expect.poll(() => warning.count()).toBe(1);
    expect(await pane.getByRole('group', { name: 'Edit parameters' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => pane.getByRole('group', { name: 'Edit parameters' }).count()).toBe(0);
  });
});
