import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { serveInspectorForFile } from './served-inspector';
import { postSigned } from '../helpers/flowent-signer';

// A replay or a simulated call sent to "This companion", a real `serve` whose forwarding meets
// a closed port and whose mock answers in the handler's place (--fallback-to-mock), driven in
// Chromium: the result must say the mock answered, and why forwarding failed, as `replay` and
// `send` do. A bare 200 reads as the handler's success.
const KEY = 'e2e-mock-in-place-key';
/** A handler address nothing listens on. */
const NOWHERE = 'http://127.0.0.1:9/actions/{action_name}';
const REFUSED = 'Forwarding failed: Your handler at http://127.0.0.1:9/actions/send_email refused the connection';
const SLOW = { timeout: 30_000 };
let page: Page;
let pageErrors: string[];
let rows: () => Locator;

serveInspectorForFile(
  () => ({
    args: ['--forward', NOWHERE, '--fallback-to-mock'],
    env: { FLOWENT_HMAC_KEY: KEY },
    prepare: async (server) => {
      expect((await postSigned(server.baseUrl, 'send_email', { to: 'ada@example.com' }, KEY)).status).toBe(200);
    },
  }),
  (served) => ({ page, pageErrors, rows } = served),
);

describe.sequential('the mock answering in place of a handler that gave no answer', () => {
  it("says so in a replay's result, with why forwarding failed", async () => {
    await expect.poll(() => rows().count(), SLOW).toBe(1);
    await rows().first().click();
    const pane = page.getByRole('complementary', { name: 'Call details' });
    await pane.getByRole('button', { name: 'This companion' }).click();
    await pane.getByRole('button', { name: 'Replay re-signed' }).click();
    const result = pane.getByRole('region', { name: 'Replay result' });
    await result.waitFor(SLOW);
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('200 from the mock: your handler gave no answer');
    expect(text).toContain(REFUSED);
    expect(await result.getByRole('note', { name: 'Forwarding' }).textContent()).toContain(REFUSED);
    await screenshot(page, 'replay-mock-in-place');
  }, 60_000);

  it("says so in a simulated call's result, with why forwarding failed", async () => {
    await page.getByRole('button', { name: 'Simulate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Simulate a Flowent call' });
    const actionField = dialog.getByRole('combobox', { name: 'Action' });
    // The known actions load after the dialog opens and fill the field with the first one.
    await expect.poll(() => actionField.inputValue()).not.toBe('');
    await actionField.fill('send_email');
    await dialog.locator('.cm-editor').waitFor(SLOW);
    await dialog.getByRole('button', { name: 'This companion' }).click();
    await dialog.getByRole('button', { name: 'Send' }).click();
    const result = dialog.getByRole('region', { name: 'Simulator result' });
    await result.waitFor(SLOW);
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('200 from the mock: your handler gave no answer');
    expect(text).toContain(REFUSED);
    expect(await result.getByRole('note', { name: 'Forwarding' }).textContent()).toContain(REFUSED);
    await dialog.getByRole('button', { name: 'Close the simulator' }).click();
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("says so beside a bulk replay's counts and in its Passed list, with why forwarding failed", async () => {
    // The call from Flowent, its replay and the simulated call: only the first is replayed.
    await expect.poll(() => rows().count(), SLOW).toBe(3);
    await page.getByRole('button', { name: 'Bulk replay…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bulk replay' });
    await dialog.getByRole('button', { name: 'This companion' }).click();
    await dialog.getByRole('button', { name: 'Replay this call' }).click();
    await expect.poll(() => dialog.textContent(), SLOW).toContain('Done: 1 of 1 calls replayed.');
    // It passed, as the same answer to a single replay does; but no handler was tested.
    expect(await dialog.getByRole('note', { name: 'Answered by the mock' }).textContent()).toBe(
      '1 replay answered from the mock: your handler gave no answer.',
    );
    await dialog.getByRole('button', { name: 'Passed 1' }).click();
    expect(await dialog.getByRole('list', { name: 'Passed calls' }).getByRole('listitem').allTextContents()).toEqual([
      `Call #1 → replay #4: 200 from the mock: your handler gave no answer — forwarded to your handler at http://127.0.0.1:9/actions/send_email, behind this companion's webhook — ${REFUSED}: nothing is listening on 127.0.0.1:9. Start your handler, or check the port.`,
    ]);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
