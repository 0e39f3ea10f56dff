import { afterEach, describe, expect, it } from 'vitest';
import type { ElementHandle, Locator, Page, Request, Route } from 'playwright-core';
import { serveInspectorForFile } from './served-inspector';
import { useAccountGateway } from '../helpers/account-gateway';
import { postSigned } from '../helpers/flowent-signer';
import type { ServeProcess } from '../helpers/spawn-cli';

// A button pressed by keyboard whose work takes a while, in Chromium: Chromium moves the focus
// of a button that becomes disabled to the page's body, so a busy button must keep it (said
// unavailable, not disabled) while the work runs and after, and a second press does nothing.
const KEY = 'e2e-busy-key';
const API_TOKEN = 'api_e2e_busy_token';
let page: Page;
const SLOW = { timeout: 30_000 };

const { env } = useAccountGateway(KEY, API_TOKEN);

serveInspectorForFile(
  () => ({
    env: env(),
    prepare: async (served) => {
      expect((await postSigned(served.baseUrl, 'send_email', { recipient: 'ada@example.com' }, KEY)).status).toBe(200);
      // A mock of send_email's own that answers nothing: send_email forwards.
      await callApi(served, 'setMock', ['send_email', '{"status": 200, "body": {"result": "mocked", "error": ""}}', 'json']);
      await callApi(served, 'setAnswerMode', ['send_email', 'forward']);
    },
  }),
  (served) => ({ page } = served),
);

/** One API call as the inspector page makes it, with the token from the printed URL. */
async function callApi(served: ServeProcess, method: string, args: unknown[]): Promise<void> {
  const url = new URL(served.inspectorUrl!);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  const response = await fetch(`${url.origin}/api/call/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  const reply = (await response.json()) as { ok: boolean; value?: { ok?: boolean } };
  if (!reply.ok || reply.value?.ok === false) throw new Error(`${method} failed: ${JSON.stringify(reply)}`);
}

/** Where the page sends a call of `method`: a HAR export comes as a file from its own path. */
function pathOf(method: string): string {
  return method === 'exportHar' ? '/api/export-har' : `/api/call/${method}`;
}

/** Holds the page's next call of `method` until `release`, which lets it through or answers `refusal` instead. */
async function holdNext(method: string) {
  let held: Route | null = null;
  await page.route(`**${pathOf(method)}`, (route) => void (held = route), { times: 1 });
  return {
    held: () => held !== null,
    release: async (refusal?: unknown) => {
      await expect.poll(() => held !== null, SLOW).toBe(true);
      if (refusal)
        await held!.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: refusal }) });
      else await held!.continue();
    },
  };
}

/** The request listeners the checks added: each goes after its check, or every later one keeps counting. */
const counters: ((request: Request) => void)[] = [];
afterEach(() => {
  for (const counter of counters.splice(0)) page.off('request', counter);
});

/** How many calls of `method` the page sent, from now to the end of the check. */
function countCalls(method: string): () => number {
  let count = 0;
  const counter = (request: Request) => {
    if (request.url().endsWith(pathOf(method))) count++;
  };
  counters.push(counter);
  page.on('request', counter);
  return () => count;
}

/** The button itself, kept while its name changes ("Connect", "Connecting…"). */
async function handleOf(button: Locator): Promise<ElementHandle<HTMLElement>> {
  await button.waitFor(SLOW);
  return (await button.elementHandle()) as ElementHandle<HTMLElement>;
}

const hasFocus = (button: ElementHandle<HTMLElement>) => button.evaluate((el) => el === document.activeElement);
const unavailable = (button: ElementHandle<HTMLElement>) => button.evaluate((el) => el.getAttribute('aria-disabled'));

/**
 * Presses `button` with Enter while `method` is held: it keeps the focus and says it is busy, and
 * a second Enter sends nothing. Returns once the call is let through (or refused with `refusal`).
 */
async function pressWhileHeld(button: ElementHandle<HTMLElement>, method: string, refusal?: unknown): Promise<() => number> {
  const sent = countCalls(method);
  const hold = await holdNext(method);
  await button.focus();
  await page.keyboard.press('Enter');
  await expect.poll(hold.held, SLOW).toBe(true);
  // The page renders its busy state as the call goes: the focus is checked once it has.
  await expect.poll(() => button.evaluate((el) => el.matches('[aria-disabled="true"], :disabled')), SLOW).toBe(true);
  expect(await hasFocus(button)).toBe(true);
  expect(await unavailable(button)).toBe('true');
  await page.keyboard.press('Enter');
  await hold.release(refusal);
  return sent;
}

describe.sequential('busy buttons keep the keyboard focus', () => {
  it('Settings: Save key keeps it while the key is saved, and after', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('New HMAC key').fill('another-key');
    const save = await handleOf(settings.getByRole('button', { name: 'Save key' }));
    const sent = await pressWhileHeld(save, 'setHmacKey');
    await expect.poll(() => settings.getByTestId('hmac-current').textContent(), SLOW).toContain('for this session only');
    // The save emptied the field: Save stays unavailable, and still has the focus.
    expect(await hasFocus(save)).toBe(true);
    expect(await unavailable(save)).toBe('true');
    expect(sent()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => settings.count()).toBe(0);
  });

  it('Account: Connect keeps it while the session is exchanged, and after', async () => {
    await page.getByRole('button', { name: 'Account', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Flowent account' });
    await expect.poll(() => dialog.getByTestId('api-token-current').textContent(), SLOW).toContain('FLOWENT_API_TOKEN');
    const connect = await handleOf(dialog.getByRole('button', { name: 'Connect' }));
    const sent = await pressWhileHeld(connect, 'connectFlowent');
    await expect.poll(() => dialog.getByTestId('session-expiry').textContent(), SLOW).toMatch(/Session expires in/);
    await expect.poll(() => unavailable(connect), SLOW).toBeNull();
    expect(await hasFocus(connect)).toBe(true);
    expect(sent()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('Answers: "Answer send_email with its mock" keeps it while the mode is saved and when it is refused, then leaves it on the line saying the mock answers', async () => {
    await page.getByRole('button', { name: 'Answers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Answers' });
    await dialog.getByRole('combobox', { name: 'Answers for' }).selectOption('send_email');
    const mock = dialog.getByRole('region', { name: 'Mock' });
    const answer = await handleOf(mock.getByRole('button', { name: 'Answer send_email with its mock' }));
    const sent = await pressWhileHeld(answer, 'setAnswerMode', { ok: false, code: 'invalid-action', action: 'send_email' });
    await expect.poll(() => mock.getByRole('alert', { name: 'Mock error' }).count(), SLOW).toBe(1);
    await expect.poll(() => unavailable(answer), SLOW).toBeNull();
    expect(await hasFocus(answer)).toBe(true);
    expect(sent()).toBe(1);
    // Let through, the mock answers and the button goes: the keyboard lands on the line saying so.
    await page.keyboard.press('Enter');
    await expect.poll(() => answer.evaluate((el) => el.isConnected), SLOW).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), SLOW).toBe('mock-stored');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('Settings: Save limits keeps it while the limits are saved, and after', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    const limits = settings.getByRole('region', { name: 'History limits' });
    await limits.getByLabel('Keep at most (calls)').fill('4321');
    const save = await handleOf(limits.getByRole('button', { name: 'Save limits' }));
    const sent = await pressWhileHeld(save, 'setLimits');
    await expect.poll(() => unavailable(save), SLOW).toBeNull();
    expect(await hasFocus(save)).toBe(true);
    expect(await limits.getByLabel('Keep at most (calls)').inputValue()).toBe('4321');
    expect(sent()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => settings.count()).toBe(0);
  });

  it('Replay: Replay edited keeps it while the edited call is replayed, and after', async () => {
    await page.locator('[role="option"][data-call-id]').first().click();
    const pane = page.getByRole('complementary', { name: 'Call details' });
    await pane.getByRole('button', { name: 'Edit parameters…' }).click();
    const editor = pane.getByRole('group', { name: 'Edit parameters' });
    const send = await handleOf(editor.getByRole('button', { name: 'Replay edited' }));
    const sent = await pressWhileHeld(send, 'replayEdited');
    await expect.poll(() => unavailable(send), SLOW).toBeNull();
    expect(await hasFocus(send)).toBe(true);
    expect(sent()).toBe(1);
  });

  it('Export HAR keeps it while the calls are exported, and after', async () => {
    const exportHar = await handleOf(page.getByRole('button', { name: 'Export HAR' }));
    const downloaded = page.waitForEvent('download', SLOW);
    const sent = await pressWhileHeld(exportHar, 'exportHar');
    await downloaded;
    await expect.poll(() => unavailable(exportHar), SLOW).toBeNull();
    expect(await hasFocus(exportHar)).toBe(true);
    expect(sent()).toBe(1);
  });
});
