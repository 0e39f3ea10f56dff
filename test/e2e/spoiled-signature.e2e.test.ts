import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { postSigned } from '../helpers/flowent-signer';
import { startHandler } from '../helpers/handler-process';
import { serveForwardingToHandler } from '../helpers/serve-forwarding-to-handler';

// The Simulate dialog's "Spoil the signature" in Chromium, against a real `serve` forwarding to
// the stand-in handler: its result judges the answer in send --wrong-signature's words (a 400
// for the parameters is not a refusal for the signature, nor is a 401 from a route that accepted
// no valid call a proof), and the calls it stored say in the
// list and the details that their signature was spoiled on purpose; the verdict filter finds them.
const KEY = 'e2e-spoiled-key';
let page: Page;
let pageErrors: string[];
let rows: () => Locator;
const SLOW = { timeout: 30_000 };
const SPOILED = 'signature spoiled on purpose by send --wrong-signature / Simulate';

serveForwardingToHandler(
  startHandler,
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    // A call of Flowent's own, signed right, for the list to hold beside the simulated ones.
    prepare: async (server) => {
      expect((await postSigned(server.baseUrl, 'ok', { n: 1 }, KEY)).status).toBe(200);
    },
  }),
  (served) => ({ page, pageErrors, rows } = served),
);

/** Sends `action` from the Simulate dialog with its signature spoiled, and gives the result's region. */
async function simulateSpoiled(action: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Simulate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Simulate a Flowent call' });
  const actionField = dialog.getByRole('combobox', { name: 'Action' });
  // The known actions fill the field once loaded: typed before, the name would be mixed with it.
  await expect.poll(() => actionField.inputValue()).not.toBe('');
  await actionField.fill(action);
  await dialog.locator('.cm-editor').waitFor(SLOW);
  const spoil = dialog.getByRole('checkbox', { name: /Spoil the signature/ });
  if (!(await spoil.isChecked())) await spoil.check();
  await dialog.getByRole('button', { name: 'Send' }).click();
  const result = dialog.getByRole('region', { name: 'Simulator result' });
  await expect
    .poll(() => result.getByLabel('Signature check').textContent(), SLOW)
    .toContain(action === 'refuses_signatures' ? '(401)' : '400');
  return result;
}

describe.sequential('a spoiled signature in the inspector', () => {
  it("judges the handler's answer: a 401 from a route that accepted no valid call proves nothing, a 400 for something else fails", async () => {
    await expect.poll(() => rows().count(), SLOW).toBe(1);
    const refused = await simulateSpoiled('refuses_signatures');
    expect(await refused.getByLabel('Signature check').textContent()).toBe(
      'Your handler refused the call with a wrong signature (401), but it has not accepted a call with a valid signature yet: ' +
        'this proves nothing, as it may refuse every call (a check in front of it, such as CSRF, or another key). ' +
        'Send it a call with a valid signature and see that it accepts it, then spoil the signature again.',
    );
    expect(await refused.getAttribute('class')).toContain('replay-failed');
    await page.getByRole('button', { name: 'Close the simulator' }).click();

    const otherwise = await simulateSpoiled('checks_parameters_first');
    expect(await otherwise.getByLabel('Signature check').textContent()).toBe(
      'Your handler refused the call, but not clearly for its signature: it answered 400 with "Missing parameter: recipient". ' +
        'Check that it verifies the signature before anything else (its JSON, its parameters, its path) and answers a wrong one with 401 {"error":"Invalid signature"}, as Flowent\'s docs do.',
    );
    expect(await otherwise.getAttribute('class')).toContain('replay-failed');
    await page.getByRole('button', { name: 'Close the simulator' }).click();
  }, 60_000);

  it('lists and details the stored calls as spoiled on purpose, and the verdict filter still finds them', async () => {
    await expect.poll(() => rows().count(), SLOW).toBe(3);
    const badges = rows().locator('[data-verdict]');
    expect(
      await badges.evaluateAll((els) => els.map((el) => [el.getAttribute('data-verdict'), el.getAttribute('aria-label'), el.textContent])),
    ).toEqual([
      ['invalid', `invalid: ${SPOILED}`, 'spoiled'],
      ['invalid', `invalid: ${SPOILED}`, 'spoiled'],
      ['valid', null, 'valid'],
    ]);

    await page.getByRole('combobox', { name: 'Verdict' }).selectOption('invalid');
    await expect.poll(() => rows().count(), SLOW).toBe(2);
    await rows().first().click();
    const verdict = page.getByRole('complementary', { name: 'Call details' }).getByTestId('verdict-line');
    await expect
      .poll(() => verdict.textContent(), SLOW)
      .toBe(
        'Signature spoiled on purpose by send --wrong-signature / Simulate. ' +
          'Your handler refused the call, but not clearly for its signature: it answered 400 with "Missing parameter: recipient". ' +
          'Check that it verifies the signature before anything else (its JSON, its parameters, its path) and answers a wrong one with 401 {"error":"Invalid signature"}, as Flowent\'s docs do.',
      );
    expect(await verdict.getAttribute('class')).toContain('tone-warn');
    await rows().nth(1).click();
    await expect
      .poll(() => verdict.textContent(), SLOW)
      .toMatch(
        /^Signature spoiled on purpose .*Simulate\. Your handler refused the call with a wrong signature \(401\), but .*: this proves nothing/,
      );
    expect(await verdict.getAttribute('class')).toContain('tone-warn');

    await page.getByRole('combobox', { name: 'Verdict' }).selectOption('valid');
    await expect.poll(() => rows().count(), SLOW).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
