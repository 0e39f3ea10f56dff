import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { inView, openAtSize } from './in-view';
import { serveInspectorForFile, shownCallTotal } from './served-inspector';
import { postSigned } from '../helpers/flowent-signer';

// The simulator on a laptop's window, over a few dozen calls: its form (action, schema, signing,
// seed, the parameters editor, the target) is taller than the dialog, and Send, the one thing a
// person opens it for, lay below the dialog's fold at 1280x720.
const KEY = 'e2e-simulator-fold-key';
const ACTIONS = ['send_email', 'create_ticket', 'charge_card'];
let page: Page;
let pageErrors: string[];
let rows: () => Locator;

serveInspectorForFile(
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    prepare: async (server) => {
      for (let n = 0; n < 30; n++) {
        expect((await postSigned(server.baseUrl, ACTIONS[n % ACTIONS.length]!, { n, recipient: 'ada@example.com' }, KEY)).status).toBe(200);
      }
    },
  }),
  (served) => ({ page, rows, pageErrors } = served),
);

const SIMULATOR = {
  open: async () => {
    await rows().first().click();
    await page.keyboard.press('s');
  },
  dialog: 'Simulate a Flowent call',
  ready: (dialog: Locator) => dialog.locator('.cm-editor'),
};

describe.sequential('the simulator on a laptop window', () => {
  for (const [width, height] of [
    [1280, 720],
    [1024, 640],
  ] as const) {
    it(`shows Send without scrolling at ${width}x${height}, and why a send failed beside it`, async () => {
      await expect.poll(() => shownCallTotal(page)).toBeGreaterThanOrEqual(30);
      const dialog = await openAtSize(page, { width, height }, SIMULATOR);
      const send = dialog.getByRole('button', { name: 'Send', exact: true });
      await screenshot(page, `simulator-fold-${width}`);
      expect(await inView(send)).toBe(true);
      // The title has room under it: the Action field sat against it.
      const [head, action] = [
        (await dialog.getByRole('heading').first().boundingBox())!,
        (await dialog.getByRole('combobox', { name: 'Action' }).boundingBox())!,
      ];
      expect(action.y - (head.y + head.height)).toBeGreaterThanOrEqual(12);
      // The parameters editor, what the form is for, whole above the Send row: at 1024x640 the
      // rows' margins (14-27 px between them) left 95 of its 160 px there.
      expect(await inView(dialog.locator('.json-editor'))).toBe(true);

      // Ctrl/Cmd+Enter sends from the editor as before; with no handler to send to, the reason is
      // said next to Send, in view, not under the form's end.
      await dialog.locator('.cm-content').click();
      await page.keyboard.press('ControlOrMeta+Enter');
      expect(await inView(dialog.getByRole('alert', { name: 'Simulator error' }))).toBe(true);
      expect(await inView(send)).toBe(true);

      // Sent to this companion, the result is brought into view whole, Send back in its place above it.
      await dialog.getByRole('button', { name: 'This companion' }).click();
      await send.click();
      const result = dialog.getByRole('region', { name: 'Simulator result' });
      expect(await inView(result.getByRole('heading', { name: 'Simulator result' }))).toBe(true);
      await expect.poll(async () => (await send.boundingBox())!.y).toBeLessThan((await result.boundingBox())!.y);
      expect(pageErrors).toEqual([]);
      await dialog.getByRole('button', { name: 'Close the simulator' }).click();
    }, 60_000);
  }
});
