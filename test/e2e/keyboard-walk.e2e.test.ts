import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { postSigned } from '../helpers/flowent-signer';
import { startHandler } from '../helpers/handler-process';
import { serveForwardingToHandler } from '../helpers/serve-forwarding-to-handler';
import type { ServeProcess } from '../helpers/spawn-cli';

// A keyboard walk through Settings, the profiles, the handler section, bulk replay and the
// list's new-calls pill, in Chromium against a real `serve` forwarding to a real handler: every
// control is reached by Tab and pressed by Enter or Space, and once it has done its work the
// keyboard is on a control a person can see, never on the page's body.
const KEY = 'e2e-walk-key';
const SLOW = { timeout: 30_000 };
let server: ServeProcess;
let page: Page;
let pageErrors: string[];

serveForwardingToHandler(
  startHandler,
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    prepare: async (served) => {
      for (let n = 1; n <= 3; n++) expect((await postSigned(served.baseUrl, 'ok', { n }, KEY)).status).toBe(200);
    },
  }),
  (served) => ({ server, page, pageErrors } = served),
);

interface Focused {
  tag: string;
  name: string;
  visible: boolean;
}

/** Where the keyboard is: the focused element's tag, its name (a field's label), and whether a person can see it. */
function focused(): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const box = el?.getBoundingClientRect();
    const label = el instanceof HTMLInputElement || el instanceof HTMLSelectElement ? el.labels?.[0]?.textContent : null;
    return {
      tag: el?.tagName ?? 'none',
      name: (el?.getAttribute('aria-label') ?? label ?? el?.textContent ?? '').trim(),
      visible: !!el && el !== document.body && !!box && box.width > 0 && box.height > 0 && el.checkVisibility(),
    };
  });
}

const button = (name: string): Focused => ({ tag: 'BUTTON', name, visible: true });

/** Presses Tab until the keyboard is on the control named `name` (a person walking to it), and fails if it never gets there. */
async function tabTo(name: string | RegExp, limit = 60): Promise<Focused> {
  const passed: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const now = await focused();
    if (typeof name === 'string' ? now.name === name : name.test(now.name)) {
      expect(now.visible).toBe(true);
      return now;
    }
    passed.push(now.name);
  }
  throw new Error(`Tab never reached "${String(name)}"; it went through: ${passed.join(' | ')}`);
}

/** Walks to the control with Tab and presses `key` on it. */
async function press(name: string | RegExp, key: 'Enter' | ' ' = 'Enter'): Promise<void> {
  await tabTo(name);
  await page.keyboard.press(key);
}

const dialogCount = (name: string) => page.getByRole('dialog', { name }).count();

describe.sequential('a keyboard walk, in Chromium', () => {
  it('Settings: every section reached by Tab; the questions and Clear key give the keyboard back; Esc goes back to Settings', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialogCount('Settings'), SLOW).toBe(1);
    // Save key and Save authtoken wait, disabled, for something typed.
    for (const name of ['New HMAC key', 'New ngrok authtoken', 'Keep at most (calls)', 'Save limits', 'Change access token…'])
      await tabTo(name);
    await press(/^Clear history/);
    await expect.poll(focused, SLOW).toEqual(button('Cancel'));
    await page.keyboard.press(' ');
    await expect.poll(focused, SLOW).toEqual(button('Clear history…'));
    await press('Change access token…');
    await expect.poll(focused, SLOW).toEqual(button('Cancel'));
    await page.keyboard.press('Enter');
    await expect.poll(focused, SLOW).toEqual(button('Change access token…'));

    // A key for this run, saved with Enter in its field, then cleared: the keyboard goes back to the field.
    const hmac = page.getByRole('region', { name: 'HMAC key' });
    await tabTo('New HMAC key');
    await page.keyboard.type('a-key-for-this-run');
    await page.keyboard.press('Enter');
    await expect.poll(() => hmac.getByTestId('hmac-current').textContent(), SLOW).toBe('Set (for this session only).');
    await press('Clear key');
    await expect.poll(() => hmac.getByTestId('hmac-current').textContent(), SLOW).toBe('Set (from FLOWENT_HMAC_KEY).');
    await expect.poll(focused, SLOW).toMatchObject({ tag: 'INPUT', name: 'New HMAC key', visible: true });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialogCount('Settings')).toBe(0);
    await expect.poll(focused).toEqual(button('Settings'));
  });

  it('Profiles: Add profile… opens on the name, Save lands on the new profile, Use, Delete and Keep each leave the keyboard in the row', async () => {
    await page.getByRole('button', { name: 'Account', exact: true }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Flowent account' });
    await dialog.waitFor(SLOW);
    await press('Add profile…');
    await expect.poll(focused, SLOW).toMatchObject({ tag: 'INPUT', name: 'Profile name', visible: true });
    await press('Cancel');
    await expect.poll(focused, SLOW).toEqual(button('Add profile…'));

    await page.keyboard.press(' ');
    await expect.poll(focused, SLOW).toMatchObject({ tag: 'INPUT', name: 'Profile name' });
    await page.keyboard.type('staging');
    await page.keyboard.press('Tab');
    await page.keyboard.type(`${server.baseUrl}/gateway`);
    await page.keyboard.press('Enter');
    await dialog.getByTestId('profile-staging').waitFor(SLOW);
    await expect.poll(focused, SLOW).toEqual(button('Use staging'));

    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByTestId('profile-staging').textContent(), SLOW).toContain('active');
    await expect.poll(focused, SLOW).toEqual(button('Edit profile staging'));
    await page.keyboard.press('Enter');
    await expect.poll(focused, SLOW).toMatchObject({ tag: 'INPUT', name: 'Gateway base URL', visible: true });
    await press('Cancel');
    await expect.poll(focused, SLOW).toEqual(button('Edit profile staging'));

    // The question takes the keyboard on its safe choice, as every question here does.
    await press('Delete profile staging');
    await expect.poll(focused, SLOW).toEqual(button('Keep'));
    await page.keyboard.press('Enter');
    await expect.poll(focused, SLOW).toEqual(button('Delete profile staging'));
    // Esc takes the question back as Keep does, and leaves the dialog open.
    await page.keyboard.press('Enter');
    await expect.poll(focused, SLOW).toEqual(button('Keep'));
    await page.keyboard.press('Escape');
    await expect.poll(focused, SLOW).toEqual(button('Delete profile staging'));
    expect(await dialogCount('Flowent account')).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(focused, SLOW).toEqual(button('Keep'));
    await page.keyboard.press('Shift+Tab');
    await expect.poll(focused).toEqual(button('Delete staging for good'));
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.getByTestId('profile-staging').count(), SLOW).toBe(0);
    await expect.poll(focused, SLOW).toEqual(button('Add profile…'));
    await page.keyboard.press('Escape');
    await expect.poll(() => dialogCount('Flowent account')).toBe(0);
  });

  it("The handler section: Check my handler's verifier… and its Cancel go back and forth by keyboard", async () => {
    await page.getByRole('listbox', { name: 'Calls' }).focus();
    await page.keyboard.press('ArrowDown');
    const section = page.getByRole('complementary', { name: 'Call details' }).getByRole('region', { name: 'Your handler' });
    await section.waitFor(SLOW);
    await press("Check my handler's verifier…");
    await expect.poll(focused, SLOW).toEqual(button('Send the calls'));
    await press('Cancel');
    await expect.poll(focused, SLOW).toEqual(button("Check my handler's verifier…"));
  });

  it('Bulk replay: opened by keyboard, its checkbox turned by Space, run by Enter, New bulk replay back to the form, Esc back to its button', async () => {
    await page.getByRole('listbox', { name: 'Calls' }).focus();
    await press(/^Bulk replay/);
    const dialog = page.getByRole('dialog', { name: 'Bulk replay' });
    await dialog.waitFor(SLOW);
    // Every dialog opens on its close button; its first field is the next Tab.
    await expect.poll(focused, SLOW).toEqual(button('Close bulk replay'));
    await page.keyboard.press('Tab');
    await expect.poll(focused).toMatchObject({ tag: 'INPUT', name: 'Replays at once', visible: true });
    const resign = dialog.getByRole('checkbox', { name: 'Re-sign with a fresh timestamp' });
    const resigned = await resign.isChecked();
    await press('Re-sign with a fresh timestamp', ' ');
    await expect.poll(() => resign.isChecked()).toBe(!resigned);
    await page.keyboard.press(' ');
    await expect.poll(() => resign.isChecked()).toBe(resigned);
    await press(/^Replay these \d+ calls?$/);
    await expect.poll(() => dialog.getByRole('button', { name: 'New bulk replay' }).count(), SLOW).toBe(1);
    // The form went as the run started: the keyboard is on the run's heading, not the page's body.
    await expect.poll(focused, SLOW).toMatchObject({ tag: 'H3', visible: true });
    await press('New bulk replay');
    await expect.poll(focused, SLOW).toMatchObject({ tag: 'INPUT', name: 'Replays at once', visible: true });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialogCount('Bulk replay')).toBe(0);
    await expect.poll(focused).toMatchObject({ tag: 'BUTTON', name: expect.stringMatching(/^Bulk replay/), visible: true });
  });

  it('The new-calls pill of a search: reached by Tab, shown by Enter, the keyboard then on the list', async () => {
    // A search holds arriving matches back, behind the pill, so the rows being read stay put.
    const search = page.getByRole('searchbox');
    await search.fill('ok');
    await page.getByTestId('search-count').filter({ hasText: 'contain' }).waitFor(SLOW);
    for (let n = 1; n <= 2; n++) await postSigned(server.baseUrl, 'ok', { late: n }, KEY);
    const pill = page.getByRole('button', { name: /new calls?: show$/ });
    await pill.waitFor(SLOW);
    await search.focus();
    await press(/new calls?: show$/);
    await expect.poll(() => pill.count(), SLOW).toBe(0);
    await expect.poll(focused, SLOW).toEqual({ tag: 'DIV', name: 'Calls', visible: true });
    await search.fill('');
    expect(pageErrors).toEqual([]);
  });
});
