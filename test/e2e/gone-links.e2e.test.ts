// The Account tab, in Chromium on a real serve's inspector, after linked actions were deleted on
// Flowent by its own admin (DELETE on the Gateway stand-in's REST API): it says which links
// Flowent no longer has and what to do, and its Unlink unlinks them, another profile's too.
// Found gone by the command's list (another process) and by the page's own list of actions.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { serveInspectorForFile } from './served-inspector';
import { useAccountGateway } from '../helpers/account-gateway';
import { runCli, type ServeProcess } from '../helpers/spawn-cli';

const KEY = 'e2e-gone-links-key';
const API_TOKEN = 'api_e2e_gone_links';
let server: ServeProcess;
let page: Page;
let dataDir: string;
let pageErrors: string[];

const { gateway, env } = useAccountGateway(KEY, API_TOKEN);
serveInspectorForFile(
  () => ({ env: env() }),
  (served) => ({ server, page, dataDir, pageErrors } = served),
);

const dialog = () => page.getByRole('dialog', { name: 'Flowent account' });
const accountTab = () => dialog().getByRole('tabpanel', { name: 'Account' });
const goneList = () => accountTab().getByRole('list', { name: 'Linked actions Flowent no longer has' });

/**
 * The command on the serve's data folder, with the stand-in as the account: a profile staging,
 * once added, is the same tenant under another name.
 */
function actions(...args: string[]) {
  return runCli(['actions', ...args, '--data-dir', dataDir], { ...env(), FLOWENT_API_TOKEN_STAGING: API_TOKEN });
}

/** Registers `name` at the running serve (--here), which links it, in the active profile or `more`'s --profile. */
async function registerHere(name: string, ...more: string[]): Promise<void> {
  const schema = join(dataDir, 'schema.json');
  writeFileSync(schema, JSON.stringify({ type: 'object', properties: { city: { type: 'string' } } }));
  const registered = await actions('register', name, '--description', `Does ${name}`, '--schema', `@${schema}`, '--here', ...more);
  expect(registered.code, registered.stderr).toBe(0);
}

/** Deletes the action on Flowent as its admin would: a session of its own and DELETE /actions/<name>. */
async function deleteOnFlowent(name: string): Promise<void> {
  const exchange = await fetch(`${gateway().baseUrl}/token/exchange`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ api_token: API_TOKEN }),
  });
  const { jwt_token } = (await exchange.json()) as { jwt_token: string };
  const deleted = await fetch(`${gateway().baseUrl}/actions/${name}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${jwt_token}` },
  });
  expect(deleted.status).toBe(200);
}

const goneWords = (name: string, profile = 'default') =>
  `${name} (${profile}): Flowent no longer has this action; register it again or unlink it (Unlink, beside this).`;

describe.sequential('links to actions Flowent no longer has, on the Account tab', () => {
  it('says which, and what to do, once a list from Flowent left them out', async () => {
    await registerHere('send_email');
    await registerHere('get_weather');
    await deleteOnFlowent('get_weather');
    expect((await actions('list')).code).toBe(0);

    await page.getByRole('button', { name: 'Account', exact: true }).click();
    await expect
      .poll(
        () =>
          accountTab()
            .getByText(/linked actions?:/)
            .textContent(),
        { timeout: 15_000 },
      )
      .toBe('2 linked actions: send_email (default), get_weather (default, gone from Flowent).');
    expect(await goneList().getByRole('listitem').allTextContents()).toEqual([`${goneWords('get_weather')} Unlink`]);
    await screenshot(page, 'account-gone-link');
  }, 60_000);

  it('its Unlink unlinks it', async () => {
    await goneList().getByRole('button', { name: 'Unlink get_weather (default)' }).click();
    await expect
      .poll(() =>
        accountTab()
          .getByText(/linked actions?:/)
          .textContent(),
      )
      .toBe('1 linked action: send_email (default).');
    expect(await goneList().count()).toBe(0);
    expect((await actions('links')).stdout).toBe(`send_email  default  ${server.baseUrl}/actions/send_email\n`);
  });

  it("the page's own list of actions finds one gone too", async () => {
    await registerHere('lookup_order');
    await deleteOnFlowent('lookup_order');
    await dialog().getByRole('tab', { name: 'Actions' }).click();
    await expect.poll(() => dialog().getByTestId('action-row-send_email').count(), { timeout: 15_000 }).toBe(1);
    await dialog().getByRole('tab', { name: 'Account' }).click();
    await expect.poll(() => goneList().getByRole('listitem').allTextContents()).toEqual([`${goneWords('lookup_order')} Unlink`]);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it("unlinks another profile's from that profile, the active profile's staying", async () => {
    expect((await actions('profile', 'add', 'staging', gateway().baseUrl)).code).toBe(0);
    await registerHere('lookup_weather', '--profile', 'staging');
    await deleteOnFlowent('lookup_weather');
    expect((await actions('list', '--profile', 'staging')).code).toBe(0);
    // Changed by commands in a terminal, while the dialog stays open: serve tells the page, which reads it again.
    await expect
      .poll(() => goneList().getByRole('listitem').allTextContents())
      .toEqual([`${goneWords('lookup_order')} Unlink`, `${goneWords('lookup_weather', 'staging')} Unlink`]);

    await goneList().getByRole('button', { name: 'Unlink lookup_weather (staging)' }).click();
    await expect.poll(() => goneList().getByRole('listitem').allTextContents()).toEqual([`${goneWords('lookup_order')} Unlink`]);
    expect((await actions('links')).stdout).toBe(
      `send_email  default  ${server.baseUrl}/actions/send_email\nlookup_order  default  ${server.baseUrl}/actions/lookup_order  gone from Flowent\n`,
    );
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
