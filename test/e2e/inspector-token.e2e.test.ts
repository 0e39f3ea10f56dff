import { expect, it } from 'vitest';
import type { Browser } from './browser';
import { screenshot } from './browser';
import { openInspector, serveInspectorForFile } from './served-inspector';
import type { ServeProcess } from '../helpers/spawn-cli';

let server: ServeProcess;
let browser: Browser;

serveInspectorForFile(
  () => ({ env: { FLOWENT_HMAC_KEY: 'token-e2e-key' }, open: false }),
  (served) => ({ server, browser } = served),
);

it('the event stream opens with a ticket, the token never in a URL; the Settings button changes the token and other pages are told', async () => {
  const oldToken = new URL(server.inspectorUrl!).hash.replace('#token=', '');
  const requested: string[] = [];
  browser.context.on('request', (request) => requested.push(request.url()));
  const page = browser.page;
  await openInspector(page, server.inspectorUrl!);
  const other = await browser.context.newPage();
  await openInspector(other, server.inspectorUrl!);
  await expect.poll(() => requested.filter((url) => url.includes('/api/events?')).length).toBeGreaterThanOrEqual(2);
  for (const url of requested.filter((u) => u.includes('/api/events?'))) expect(url).toMatch(/\/api\/events\?ticket=[A-Za-z0-9_-]+$/);
  expect(requested.filter((url) => url.includes(oldToken))).toEqual([]);
  // Read once, the token leaves the address: a filter written to it, a copied link and the
  // history entries made from here on hold none; a reload of the tab still has access.
  expect(page.url()).not.toContain(oldToken);
  await page.getByRole('searchbox', { name: 'Search request bodies' }).fill('ada');
  await expect.poll(() => page.url()).toContain('text=ada');
  expect(page.url()).not.toContain(oldToken);
  await page.reload();
  await page.getByTestId('webhook-base-url').waitFor();
  expect(page.url()).not.toContain(oldToken);

  await page.keyboard.press(',');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('button', { name: 'Change access token…' }).click();
  await settings.getByRole('button', { name: 'Change the token' }).click();
  // This page reloads with the new token, kept for its tab, and works; the other one says its
  // token was replaced.
  const tabToken = () => page.evaluate(() => sessionStorage.getItem('flowent-companion.inspector-token'));
  await expect.poll(tabToken, { timeout: 30_000 }).toMatch(new RegExp(`^(?!${oldToken}$)[A-Za-z0-9_-]+$`));
  await page.getByTestId('webhook-base-url').waitFor();
  const newToken = (await tabToken())!;
  expect(newToken).not.toBe(oldToken);
  expect(page.url()).not.toContain(newToken);
  await other.getByRole('heading', { name: 'The access token was changed' }).waitFor();
  await screenshot(other, 'token-rotated');
  const refused = await fetch(`${new URL(server.inspectorUrl!).origin}/api/call/getStatus`, {
    method: 'POST',
    headers: { authorization: `Bearer ${oldToken}`, 'content-type': 'application/json' },
    body: '[]',
  });
  expect(refused.status).toBe(401);
  await other.close();
});
