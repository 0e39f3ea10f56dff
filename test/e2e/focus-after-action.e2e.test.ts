import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { serveInspectorForFile } from './served-inspector';
import { FakeEdge } from '../fixtures/ngrok-edge/fake-edge';
import { useAccountGateway } from '../helpers/account-gateway';
import { bigHar } from '../helpers/big-har';
import { postSigned } from '../helpers/flowent-signer';
import type { ServeProcess } from '../helpers/spawn-cli';

// Actions pressed with the keyboard, in Chromium: once the action is done, the keyboard is on a
// control a person can see, never on the page's body (where Chromium puts the focus of an
// element that goes away or turns disabled), so Tab goes on from where they were.
const KEY = 'e2e-focus-key';
const API_TOKEN = 'api_e2e_focus_token';
const SLOW = { timeout: 30_000 };
let server: ServeProcess;
let page: Page;
let dataDir: string;
let edge: FakeEdge;

beforeAll(async () => {
  edge = await FakeEdge.start();
});
afterAll(async () => {
  await edge?.stop();
});

const { env } = useAccountGateway(KEY, API_TOKEN);

serveInspectorForFile(
  () => ({
    env: { ...env(), NGROK_AUTHTOKEN: 'e2e-token' },
    ngrokEdge: edge.serverAddr,
    prepare: async (served) => {
      expect((await postSigned(served.baseUrl, 'send_email', { recipient: 'ada@example.com' }, KEY)).status).toBe(200);
    },
  }),
  (served) => ({ server, page, dataDir } = served),
);

/** Where the keyboard is: the focused element's tag, its name (a field's value), and whether a person can see it. */
function focused(): Promise<{ tag: string; name: string; visible: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const box = el?.getBoundingClientRect();
    return {
      tag: el?.tagName ?? 'none',
      name: (el?.getAttribute('aria-label') ?? (el instanceof HTMLInputElement ? el.value : el?.textContent) ?? '').trim(),
      visible: !!el && el !== document.body && !!box && box.width > 0 && box.height > 0 && el.checkVisibility(),
    };
  });
}

/**
 * Focuses the control and presses Enter on it, as a keyboard user does, once it can be used: a
 * button still disabled (Clear mock, until the mock just saved is read back) takes no focus, and
 * the Enter would go elsewhere.
 */
async function pressEnterOn(control: ReturnType<Page['getByRole']>): Promise<void> {
  await control.waitFor(SLOW);
  await expect.poll(() => control.isEnabled(), SLOW).toBe(true);
  await control.focus();
  await page.keyboard.press('Enter');
}

describe.sequential('where the keyboard lands after an action, in Chromium', () => {
  it('Import HAR: on Import HAR once the calls are in', async () => {
    const file = join(dataDir, 'one-call.har');
    writeFileSync(file, bigHar(1, KEY).text);
    const chooser = page.waitForEvent('filechooser', SLOW);
    await pressEnterOn(page.getByRole('button', { name: 'Import HAR' }));
    await (await chooser).setFiles(file);
    await expect.poll(() => page.locator('.toast').allTextContents(), SLOW).toContain('Imported 1 call.');
    await expect.poll(focused, SLOW).toEqual({ tag: 'BUTTON', name: 'Import HAR', visible: true });
  });

  it('Open and Close tunnel: on the button, which says what it does next', async () => {
    await page.getByTestId('tunnel-pill').click();
    const tunnel = page.getByRole('region', { name: 'Tunnel' });
    await pressEnterOn(tunnel.getByRole('button', { name: 'Open tunnel' }));
    await expect.poll(() => page.getByTestId('tunnel-pill').getAttribute('data-state'), SLOW).toBe('online');
    await expect.poll(focused, SLOW).toEqual({ tag: 'BUTTON', name: 'Close tunnel', visible: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('tunnel-pill').getAttribute('data-state'), SLOW).toBe('offline');
    await expect.poll(focused, SLOW).toEqual({ tag: 'BUTTON', name: 'Open tunnel', visible: true });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog', { name: 'Public URL' }).count()).toBe(0);
  });

  it("Clear filters, the bar's or the empty list's: on the search box once the filters are cleared", async () => {
    const bar = page.getByRole('search');
    const verdict = bar.getByRole('combobox', { name: 'Verdict' });
    const clearInBar = bar.getByRole('button', { name: 'Clear filters' });
    const noMatch = page.getByRole('region', { name: 'No matching calls' });
    for (const clear of [noMatch.getByRole('button', { name: 'Clear filters' }), clearInBar]) {
      await verdict.selectOption('invalid');
      await pressEnterOn(clear);
      await expect.poll(() => clearInBar.isDisabled(), SLOW).toBe(true);
      await expect.poll(focused, SLOW).toEqual({ tag: 'INPUT', name: 'Search request bodies', visible: true });
    }
  });

  it('Replay: Send to this companion instead lands on the target it filled in', async () => {
    await page.locator('[role="option"][data-call-id]').first().click();
    const replay = page.getByRole('complementary', { name: 'Call details' }).getByRole('region', { name: 'Replay' });
    await pressEnterOn(replay.getByRole('button', { name: 'Replay as is' }));
    const instead = replay.getByRole('alert', { name: 'Replay error' }).getByRole('button', { name: 'Send to this companion instead' });
    await pressEnterOn(instead);
    await expect.poll(() => instead.count(), SLOW).toBe(0);
    await expect.poll(focused, SLOW).toEqual({ tag: 'INPUT', name: `${server.baseUrl}/actions/{action_name}`, visible: true });
  });

  it('Answers: Clear the mock, confirmed by keyboard, lands on what answers now; Remove target on the target field', async () => {
    await page.getByRole('button', { name: 'Answers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Answers' });
    await dialog.getByRole('combobox', { name: 'Answers for' }).selectOption('send_email');
    const mock = dialog.getByRole('region', { name: 'Mock' });
    await pressEnterOn(mock.getByRole('button', { name: 'Insert example' }));
    await pressEnterOn(mock.getByRole('button', { name: 'Save mock' }));
    await page.getByText('Mock saved').first().waitFor(SLOW);
    await pressEnterOn(mock.getByRole('button', { name: 'Clear mock' }));
    await pressEnterOn(mock.getByRole('button', { name: 'Clear the mock' }));
    await expect.poll(() => mock.getByRole('button', { name: 'Clear mock' }).isDisabled(), SLOW).toBe(true);
    await expect.poll(focused, SLOW).toMatchObject({ tag: 'P', name: expect.stringMatching(/^No mock of its own/), visible: true });

    const route = dialog.getByRole('region', { name: 'Answer mode' });
    const field = route.getByLabel('Forward target URL');
    await field.fill(`${server.baseUrl}/nowhere`);
    await pressEnterOn(route.getByRole('button', { name: 'Save target' }));
    await expect.poll(() => route.getByRole('button', { name: 'Save target' }).isDisabled(), SLOW).toBe(false);
    await field.fill('');
    await pressEnterOn(route.getByRole('button', { name: 'Remove target' }));
    await expect.poll(() => route.getByRole('button', { name: 'Save target' }).isDisabled(), SLOW).toBe(true);
    await expect.poll(focused, SLOW).toEqual({ tag: 'INPUT', name: '', visible: true });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('Simulator: Define a schema here lands in the schema to define, and Save and Cancel go back to its button', async () => {
    await page.getByRole('button', { name: 'Simulate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Simulate a Flowent call' });
    const action = dialog.getByRole('combobox', { name: 'Action' });
    await action.fill('lookup_invoice');
    const schema = dialog.getByLabel('Action schema');
    await pressEnterOn(schema.getByRole('button', { name: 'Define a schema here' }));
    await expect.poll(focused, SLOW).toMatchObject({ tag: 'TEXTAREA', name: 'Schema to define', visible: true });
    await pressEnterOn(schema.getByRole('button', { name: 'Cancel' }));
    await expect.poll(focused, SLOW).toEqual({ tag: 'BUTTON', name: 'Define a schema here', visible: true });
    await page.keyboard.press('Enter');
    await expect.poll(focused, SLOW).toMatchObject({ tag: 'TEXTAREA', visible: true });
    await pressEnterOn(schema.getByRole('button', { name: 'Save the schema' }));
    await expect.poll(focused, SLOW).toEqual({ tag: 'BUTTON', name: 'Edit the schema', visible: true });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it("The list's Load older calls and new-calls pill: on the list, with the calls they brought", async () => {
    const file = join(dataDir, 'many-calls.har');
    writeFileSync(file, bigHar(250 * 1000, KEY, 1000).text);
    await page.getByLabel('HAR file to import').setInputFiles(file);
    await expect.poll(() => page.locator('.toast').allTextContents(), SLOW).toContainEqual(expect.stringMatching(/^Imported 2\d\d calls/));
    const onList = { tag: 'DIV', name: 'Calls', visible: true };
    await pressEnterOn(page.getByRole('button', { name: 'Load older calls' }));
    await expect.poll(() => page.locator('.list-footer').count(), SLOW).toBe(0);
    await expect.poll(focused, SLOW).toEqual(onList);

    await page.getByTestId('call-list-scroll').evaluate((el) => (el.scrollTop = 10 * 32));
    await postSigned(server.baseUrl, 'send_email', { recipient: 'late@example.com' }, KEY);
    const pill = page.getByRole('button', { name: '↑ 1 new' });
    await pressEnterOn(pill);
    await expect.poll(() => pill.count(), SLOW).toBe(0);
    await expect.poll(focused, SLOW).toEqual(onList);
  });

  it("Register an action: on its first field, back on Register an action… after Cancel, on the new action's row once registered", async () => {
    await page.getByRole('button', { name: 'Account', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Flowent account' });
    await dialog.getByRole('tab', { name: 'Actions' }).click();
    await pressEnterOn(dialog.getByRole('button', { name: 'Register an action…' }));
    await expect.poll(focused, SLOW).toMatchObject({ tag: 'INPUT', visible: true });
    const form = dialog.getByRole('form', { name: 'Register an action' });
    await pressEnterOn(form.getByRole('button', { name: 'Cancel' }));
    await expect.poll(focused, SLOW).toEqual({ tag: 'BUTTON', name: 'Register an action…', visible: true });

    await page.keyboard.press('Enter');
    await form.getByLabel('Name').fill('lookup_order');
    await form.getByLabel('Description').fill('Looks up an order');
    await form.getByLabel('Webhook URL').fill(`${server.baseUrl}/actions/lookup_order`);
    await pressEnterOn(form.getByRole('button', { name: 'Register', exact: true }));
    await expect.poll(focused, SLOW).toEqual({ tag: 'BUTTON', name: 'lookup_order', visible: true });
  });

  it("An action's Edit form: on its first field it can change, then on Edit after Cancel and after Save", async () => {
    const dialog = page.getByRole('dialog', { name: 'Flowent account' });

    await pressEnterOn(dialog.getByRole('button', { name: 'lookup_order' }));
    await expect.poll(focused, SLOW).toEqual({ tag: 'BUTTON', name: '← All actions', visible: true });
    await page.keyboard.press('Tab');
    await expect.poll(focused).toEqual({ tag: 'BUTTON', name: 'Edit', visible: true });
    await page.keyboard.press('Enter');
    await expect.poll(focused, SLOW).toEqual({ tag: 'INPUT', name: 'Looks up an order', visible: true });
    await pressEnterOn(dialog.getByRole('button', { name: 'Cancel' }));
    await expect.poll(focused, SLOW).toEqual({ tag: 'BUTTON', name: 'Edit', visible: true });

    await page.keyboard.press('Enter');
    await expect.poll(focused, SLOW).toMatchObject({ tag: 'INPUT' });
    await page.keyboard.type(' by its id');
    await pressEnterOn(dialog.getByRole('button', { name: 'Save changes' }));
    await expect.poll(() => dialog.getByRole('form').count(), SLOW).toBe(0);
    await expect.poll(focused, SLOW).toEqual({ tag: 'BUTTON', name: 'Edit', visible: true });
    expect(await dialog.getByRole('region', { name: 'Action lookup_order' }).textContent()).toContain('Looks up an order by its id');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });
});
