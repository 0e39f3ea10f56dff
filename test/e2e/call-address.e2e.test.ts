import { expect, it } from 'vitest';
import { postSigned } from '../helpers/flowent-signer';
import { openInspector, serveInspectorForFile, type ServedInspector } from './served-inspector';

// The selected call is in the page's address (#call=N): a reload or coming back keeps it, and an
// address names what it shows. The inspector's token travels in the same hash (#token=...): it
// must still be taken out of the address and kept for the tab only, with a call beside it.
const KEY = 'call-address-e2e-key';
let served: ServedInspector;
serveInspectorForFile(
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    prepare: async (server) => {
      for (const action of ['send_email', 'create_ticket', 'lookup_order']) {
        expect((await postSigned(server.baseUrl, action, { n: 1 }, KEY)).status).toBe(200);
      }
    },
  }),
  (files) => (served = files),
);

const tokenOf = (address: string) => new URL(address).hash.replace('#token=', '');

/** The id in the details' title, once the details of a call are shown. */
async function shownId(): Promise<string> {
  const id = served.page.getByRole('complementary', { name: 'Call details' }).getByTestId('call-id');
  await id.waitFor();
  return (await id.textContent()) ?? '';
}

/** Every address the page shows, and everything it keeps in the browser's storage. */
async function whatThePageHolds(): Promise<string> {
  const { page } = served;
  const stores = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
  return [page.url(), stores].join('\n');
}

it('a selected call goes in the address, beside the filters, and a reload shows it again', async () => {
  const { page, server, rows, pageErrors } = served;
  const token = tokenOf(server.inspectorUrl!);
  await rows().filter({ hasText: 'create_ticket' }).click();
  expect(await shownId()).toBe('#2');
  await expect.poll(() => new URL(page.url()).hash).toBe('#call=2');
  await page.keyboard.press('j');
  await expect.poll(() => new URL(page.url()).hash).toBe('#call=1');
  // A filter writes the query and leaves the call in the hash; the token is in neither.
  await page.getByRole('searchbox', { name: 'Search request bodies' }).fill('n');
  await expect.poll(() => page.url()).toContain('text=n');
  expect(new URL(page.url()).hash).toBe('#call=1');
  expect(page.url()).not.toContain(token);

  await page.reload();
  expect(await shownId()).toBe('#1');
  expect(await page.getByRole('listbox', { name: 'Calls' }).getByRole('option', { selected: true }).textContent()).toContain('send_email');
  // The reload had access through the tab's copy of the token, which is kept there only.
  const held = await whatThePageHolds();
  expect(held.split(token)).toHaveLength(2);
  expect(held).toContain(`"flowent-companion.inspector-token":"${token}"`);
  // Away and back again, the same call.
  await page.goto('about:blank');
  await page.goBack();
  expect(await shownId()).toBe('#1');
  expect(pageErrors).toEqual([]);
});

it('an address with the token and a call opens that call, and the token leaves the address', async () => {
  const { page, server, pageErrors } = served;
  const token = tokenOf(server.inspectorUrl!);
  // Opened afresh, as a link is: the page loads with both in its hash.
  await page.goto('about:blank');
  await openInspector(page, `${server.inspectorUrl!}&call=3`);
  expect(await shownId()).toBe('#3');
  await expect.poll(() => new URL(page.url()).hash).toBe('#call=3');
  expect(page.url()).not.toContain(token);

  // Opened again in the same tab (only the hash changes, the page is not loaded again).
  await page.goto(`${server.inspectorUrl!}&call=2`);
  expect(await shownId()).toBe('#2');
  await expect.poll(() => page.url()).not.toContain(token);
  expect(new URL(page.url()).hash).toBe('#call=2');
  // The live stream still works with the token taken from that address.
  expect((await postSigned(server.baseUrl, 'after_link', { n: 1 }, KEY)).status).toBe(200);
  await page
    .getByRole('listbox', { name: 'Calls' })
    .getByRole('option', { name: /after_link/ })
    .waitFor();
  expect((await whatThePageHolds()).split(token)).toHaveLength(2);

  // A call the history no longer has (or never had) says so.
  await page.goto(`${new URL(server.inspectorUrl!).origin}/#call=99`);
  await page.getByText('There is no call #99 in the history (it may have been cleared).').waitFor();
  expect(pageErrors).toEqual([]);
});
