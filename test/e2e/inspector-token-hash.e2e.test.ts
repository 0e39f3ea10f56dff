import { expect, it } from 'vitest';
import { postSigned } from '../helpers/flowent-signer';
import { runCli } from '../helpers/spawn-cli';
import { openInspector, serveInspectorForFile, type ServedInspector } from './served-inspector';

// An inspector address opened in a tab that already shows the inspector changes only the hash:
// the browser does not load the page again, so the page must read the token from the hash itself.
const KEY = 'token-hash-e2e-key';
let served: ServedInspector;
serveInspectorForFile(
  () => ({ env: { FLOWENT_HMAC_KEY: KEY } }),
  (files) => (served = files),
);

const tokenOf = (address: string) => new URL(address).hash.replace('#token=', '');

/** Every address the page shows or links to, and everything it keeps in the browser's storage. */
async function whatThePageHolds(): Promise<string> {
  const { page } = served;
  const links = await page.locator('a[href]').evaluateAll((anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
  const stores = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
  return [page.url(), ...links, stores].join('\n');
}

it('the address opened again in the same tab is taken out of the address bar, and filters write none', async () => {
  const { server, page } = served;
  const token = tokenOf(server.inspectorUrl!);
  await page.goto(server.inspectorUrl!);
  await expect.poll(() => page.url()).not.toContain(token);
  await page.getByRole('searchbox', { name: 'Search request bodies' }).fill('ada');
  await expect.poll(() => page.url()).toContain('text=ada');
  expect(page.url()).not.toContain('#');
  const held = await whatThePageHolds();
  // The tab keeps it where a reload finds it (sessionStorage), and only there.
  expect(held.split(token)).toHaveLength(2);
  expect(held).toContain(`"flowent-companion.inspector-token":"${token}"`);
  await page.getByRole('searchbox', { name: 'Search request bodies' }).fill('');
  await expect.poll(() => page.url()).not.toContain('text=');
});

it('after rotate-token, the new address pasted into the same tab is taken at once, without a reload', async () => {
  const { server, page, dataDir, pageErrors } = served;
  const oldToken = tokenOf(server.inspectorUrl!);
  await openInspector(page, server.inspectorUrl!);
  await page.evaluate(() => Object.assign(window, { loadedOnce: true }));
  const rotated = await runCli(['inspector', 'rotate-token', '--data-dir', dataDir]);
  expect(rotated.code).toBe(0);
  const newAddress = /Inspector: +(\S+)/.exec(rotated.stdout)![1]!;
  const newToken = tokenOf(newAddress);
  await page.getByRole('heading', { name: 'The access token was changed' }).waitFor();
  // A mistyped token is a new one too: the page says it is refused, not that it was changed.
  await page.goto(`${new URL(newAddress).origin}/#token=mistyped`);
  await page.getByRole('heading', { name: 'This page\u2019s access token is not accepted' }).waitFor();
  expect(page.url()).not.toContain('mistyped');

  await page.goto(newAddress);
  await page.getByTestId('webhook-base-url').waitFor();
  expect(await page.evaluate(() => 'loadedOnce' in window)).toBe(true);
  await expect.poll(() => page.url()).not.toContain(newToken);
  // The live stream works with the new token: a call received now shows up by itself.
  expect((await postSigned(server.baseUrl, 'after_rotation', { n: 1 }, KEY)).status).toBe(200);
  await page
    .getByRole('listbox', { name: 'Calls' })
    .getByRole('option', { name: /after_rotation/ })
    .waitFor();
  await expect(page.getByRole('heading', { name: 'The access token was changed' }).count()).resolves.toBe(0);
  const held = await whatThePageHolds();
  expect(held).not.toContain(oldToken);
  expect(held.split(newToken)).toHaveLength(2);
  expect(held).toContain(`"flowent-companion.inspector-token":"${newToken}"`);
  // A reload still has access, from the tab's copy.
  await page.reload();
  await page.getByTestId('webhook-base-url').waitFor();
  expect(pageErrors).toEqual([]);
});
