import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startHandler } from '../helpers/handler-process';
import { serveForwardingToHandler } from '../helpers/serve-forwarding-to-handler';
import type { ServeProcess } from '../helpers/spawn-cli';
import { screenshot } from './browser';
import { postInStyle } from './post-in-style';

// What the handler did, in Chromium, for a call checked with a key the user has changed since in
// Settings: the details show the record of the key the call was checked with and say it is
// another key than the one set now. They showed the new key's record, a call rejected with it,
// beside a call the handler had rejected twice with the first key, and did not say so.
const FIRST_KEY = 'e2e-first-key';
const NEW_KEY = 'e2e-new-key';
const CHANGED =
  'This call was checked with another key than the one set now: what your handler did is shown for the key this call was checked with.';
let server: ServeProcess;
let page: Page;
let pageErrors: string[];
let rows: () => Locator;

serveForwardingToHandler(
  startHandler,
  () => ({ env: { FLOWENT_HMAC_KEY: FIRST_KEY } }),
  (served) => ({ server, page, pageErrors, rows } = served),
);

/** A call to the stand-in handler's route that answers every call 401 "Invalid signature", signed with `key`. */
async function postRejected(key: string): Promise<void> {
  expect(await postInStyle(server.baseUrl, key, 'go', 'refuses_signatures', { name: 'Renée', city: '北京' })).toBe(401);
}

/** The diagnosis box of the call in row `index` (newest first), once its details are open. */
async function diagnosisOfRow(index: number): Promise<Locator> {
  await rows().nth(index).click();
  const diagnosis = page
    .getByRole('complementary', { name: 'Call details' })
    .getByRole('group', { name: 'Your handler and the signature' });
  await diagnosis.waitFor();
  return diagnosis;
}

const validCounts = (diagnosis: Locator) =>
  diagnosis.locator('dl[aria-label="What your handler did so far"] dt:text-is("Valid signatures so far (as of now)") + dd').textContent();

describe.sequential("the handler's record of a call checked with a key changed since", () => {
  it("is the record of that call's key, said to be another key than the one set now", async () => {
    await postRejected(FIRST_KEY);
    await postRejected(FIRST_KEY);
    await expect.poll(() => rows().count()).toBe(2);
    const before = await diagnosisOfRow(1);
    await expect.poll(() => validCounts(before)).toBe('0 accepted, 2 rejected');
    expect(await before.getByTestId('handler-known-for').count()).toBe(0);

    // The user sets another key, as Settings offers it.
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('New HMAC key').fill(NEW_KEY);
    await settings.getByRole('button', { name: 'Save key' }).click();
    await expect.poll(() => settings.getByTestId('hmac-current').textContent()).toContain('for this session only');
    await page.keyboard.press('Escape');
    await expect.poll(() => settings.count()).toBe(0);

    // A call checked with the new key: its own record, nothing to say about keys.
    await postRejected(NEW_KEY);
    await expect.poll(() => rows().count()).toBe(3);
    const newest = await diagnosisOfRow(0);
    await expect.poll(() => validCounts(newest)).toBe('0 accepted, 1 rejected');
    expect(await newest.getByTestId('handler-known-for').count()).toBe(0);

    const older = await diagnosisOfRow(2);
    await expect.poll(() => validCounts(older)).toBe('0 accepted, 2 rejected');
    expect(await older.getByTestId('handler-known-for').allTextContents()).toEqual([CHANGED]);
    // Said before the record it is about, inside the box.
    const [note, facts] = await Promise.all([
      older.getByTestId('handler-known-for').boundingBox(),
      older.locator('dl[aria-label="What your handler did so far"]').boundingBox(),
    ]);
    expect(note!.y + note!.height).toBeLessThanOrEqual(facts!.y);
    await screenshot(page, 'handler-key-changed');
    expect(pageErrors).toEqual([]);
  });
});
