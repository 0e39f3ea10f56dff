import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { flowentPayload, signedAs } from '../helpers/flowent-signer';
import { screenshot } from './browser';
import { serveInspectorForFile } from './served-inspector';

// In Chromium, against a real serve: a Flowent call whose valid signature matches only styles
// other than the one learned from the other calls read "Valid signature: Go example ... and 8
// more styles that sign these bytes alike." and nothing more, though a handler written for the
// learned style rejects it in production.
const KEY = 'e2e-signed-unlike-key';
const PYTHON = 'Python example (as sent, ASCII escapes)';
const UNLIKE = `Signed unlike the other Flowent calls (learned: ${PYTHON}, from 4 calls); a handler that verifies as ${PYTHON} rejects it.`;
let page: Page;
let rows: () => Locator;

/** Text past ASCII and keys out of order: Python's and Go's examples sign it differently. */
const telling = (n: number) => flowentPayload('send_email', { zebra: `Zürich ${n}`, apple: n });

serveInspectorForFile(
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    prepare: async (server) => {
      const post = (body: string) =>
        fetch(`${server.baseUrl}/actions/send_email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      // #1-#3 signed as the Python example does, #4 plain (every style alike), #5 as the Go example does.
      for (let n = 0; n < 3; n++) await post(signedAs(telling(n), KEY, 'python'));
      await post(signedAs(flowentPayload('send_email', { to: 'a@example.com' }), KEY, 'go'));
      await post(signedAs(telling(9), KEY, 'go'));
    },
  }),
  (served) => ({ page, rows } = served),
);

/** The verdict line of the call with `id`, once its details are open. */
async function verdictLineOf(id: number): Promise<Locator> {
  await page.locator(`[data-call-id="${id}"]`).click();
  const pane = page.getByRole('complementary', { name: 'Call details' });
  await expect.poll(() => pane.getByTestId('call-id').textContent()).toBe(`#${id}`);
  return pane.getByTestId('verdict-line');
}

describe.sequential('a Flowent call signed unlike the learned style, in its details', () => {
  it('says so beside its valid verdict, with the learned style and what a handler written for it does', async () => {
    await expect.poll(() => rows().count()).toBe(5);
    const verdict = await verdictLineOf(5);
    await expect.poll(() => verdict.textContent()).toMatch(/^Valid signature: Go example \(sorted keys, Go escaping\)/);
    expect(await verdict.getByTestId('verdict-detail').textContent()).toBe(` ${UNLIKE}`);
    expect(await verdict.getAttribute('class')).toContain('tone-warn');
    await screenshot(page, 'signed-unlike-learned');
  });

  it('says nothing of the kind for a call the learned style signs, nor for one every style signs alike', async () => {
    for (const id of [4, 1]) {
      const verdict = await verdictLineOf(id);
      await expect.poll(() => verdict.textContent()).toMatch(/^Valid signature: /);
      expect(await verdict.textContent()).not.toContain('Signed unlike');
    }
  });
});
