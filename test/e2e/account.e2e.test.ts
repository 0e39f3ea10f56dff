import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { serveInspectorForFile } from './served-inspector';
import { useAccountGateway } from '../helpers/account-gateway';
import type { ServeProcess } from '../helpers/spawn-cli';

const KEY = 'e2e-account-key';
const API_TOKEN = 'api_e2e_token';
let server: ServeProcess;
let page: Page;
let pageErrors: string[];
let rows: () => Locator;

const dialog = () => page.getByRole('dialog', { name: 'Flowent account' });

/** An action registered straight on the Gateway (as another machine would), pointing at this companion. */
async function seedAction(name: string, webhookUrl: string): Promise<void> {
  const exchange = await fetch(`${gateway().baseUrl}/token/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api_token: API_TOKEN }),
  });
  const { jwt_token } = (await exchange.json()) as { jwt_token: string };
  const created = await fetch(`${gateway().baseUrl}/actions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt_token}` },
    body: JSON.stringify({
      name,
      description: `Looks up ${name}`,
      webhook_url: webhookUrl,
      json_schema: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
    }),
  });
  if (created.status !== 201 && created.status !== 200)
    throw new Error(`seeding ${name} failed: ${created.status} ${await created.text()}`);
}

const { gateway, env } = useAccountGateway(KEY, API_TOKEN);

serveInspectorForFile(
  () => ({
    env: env(),
    prepare: (started) => seedAction('lookup_order', `${started.baseUrl}/actions/lookup_order`),
  }),
  (served) => ({ server, page, pageErrors, rows } = served),
);

describe.sequential('the Flowent account, from the inspector', () => {
  it('connects with the token from the environment and shows the session countdown', async () => {
    // The seeding's registration check is the first call in the history.
    await expect.poll(() => rows().count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('button', { name: 'Account', exact: true }).click();
    await expect.poll(() => dialog().getByTestId('api-token-current').textContent(), { timeout: 15_000 }).toContain('FLOWENT_API_TOKEN');
    await dialog().getByRole('button', { name: 'Connect' }).click();
    await expect
      .poll(() => dialog().getByTestId('session-expiry').textContent(), { timeout: 15_000 })
      .toMatch(/Session expires in 2[34]:\d\d:\d\d/);
    expect(await page.locator('body').textContent()).not.toContain(API_TOKEN);
    await screenshot(page, 'account-dialog');
  }, 120_000);

  it('lists the actions Flowent holds', async () => {
    await dialog().getByRole('tab', { name: 'Actions' }).click();
    const row = dialog().getByTestId('action-row-lookup_order');
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain(`${server.baseUrl}/actions/lookup_order`);
    await screenshot(page, 'account-actions');
  });

  it("registers an action here; Flowent's registration check arrives in the history with the result beside it", async () => {
    await dialog().getByRole('button', { name: 'Register an action…' }).click();
    const form = dialog().getByRole('form', { name: 'Register an action' });
    await form.getByLabel('Name').fill('send_email');
    await form.getByLabel('Description').fill('Sends an email');
    const editor = page.getByRole('textbox', { name: 'JSON Schema (JSON)' });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('{"type": "object", "properties": {"recipient": {"type": "string"}}, "required": ["recipient"]}');
    const here = form.getByRole('region', { name: 'Register here' });
    await here.getByRole('combobox', { name: 'Register at' }).selectOption({ label: `This computer ${server.baseUrl}` });
    await expect.poll(() => here.getByTestId('register-here-url').textContent()).toBe(`${server.baseUrl}/actions/send_email`);
    await here.getByRole('button', { name: 'Register send_email here' }).click();
    await expect
      .poll(() => here.getByTestId('register-here-result').textContent(), { timeout: 30_000 })
      .toContain(`Registered send_email → ${server.baseUrl}/actions/send_email`);
    await screenshot(page, 'account-registered-here');
    expect(
      gateway()
        .stored()
        .map((a) => a.name)
        .sort(),
    ).toEqual(['lookup_order', 'send_email']);

    await page.getByRole('button', { name: 'Close Flowent account' }).click();
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(2);
    await rows().first().click();
    const pane = page.getByRole('complementary', { name: 'Call details' });
    await expect
      .poll(() => pane.getByTestId('registration-result').textContent(), { timeout: 15_000 })
      .toBe(`Registration of send_email: accepted by Flowent (registered with webhook_url ${server.baseUrl}/actions/send_email)`);
    await screenshot(page, 'account-registration-check');
  }, 60_000);

  it("checks a Flowent call's parameters against the registered schema", async () => {
    // The list caches the schemas, so the check works offline later.
    await page.getByRole('button', { name: 'Account', exact: true }).click();
    await dialog().getByRole('tab', { name: 'Actions' }).click();
    await expect.poll(() => dialog().getByTestId('action-row-send_email').textContent(), { timeout: 15_000 }).toContain('linked');
    await page.getByRole('button', { name: 'Close Flowent account' }).click();

    const answer = await gateway().executeAction('send_email', { subject: 'hello' });
    expect(answer.status).toBeLessThan(500);
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(3);
    await rows().first().click();
    const problems = page.getByRole('list', { name: 'Parameter problems' });
    await expect.poll(() => problems.textContent(), { timeout: 15_000 }).toContain('parameters.recipient');
    await screenshot(page, 'account-parameter-problems');
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
