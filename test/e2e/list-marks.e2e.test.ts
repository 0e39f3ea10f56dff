/// <reference lib="dom" />
// Code passed to evaluate runs in the page: this test needs the DOM types too.
import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startHandler } from '../helpers/handler-process';
import { serveForwardingToHandler } from '../helpers/serve-forwarding-to-handler';
import type { ServeProcess } from '../helpers/spawn-cli';
import { screenshot } from './browser';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';

// The list's marks at the smallest screen, in Chromium on a real `serve`: a registration check
// the handler refused carries its verdict and the handler mark, both whole; its TEST tag, which
// the verdict says already, gives them the room.
let server: ServeProcess;
let page: Page;
let rows: () => Locator;

serveForwardingToHandler(
  startHandler,
  () => ({ env: { FLOWENT_HMAC_KEY: 'list-marks-key' } }),
  (served) => ({ server, page, rows } = served),
);

it('at 1024x700 a refused registration check shows its verdict and its handler mark whole; TEST, said by the verdict, gives way', async () => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const check = JSON.stringify({ action_name: 'refuses_signatures', parameters: {}, timestamp: Math.floor(Date.now() / 1000), test: true });
  const answer = await fetch(`${server.baseUrl}/actions/refuses_signatures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: check,
  });
  expect(answer.status).toBe(401);
  await expect.poll(() => rows().count()).toBe(1);
  const row = rows().first();
  const mark = row.getByTestId('handler-mark');
  await mark.waitFor();
  // In the text still (the row's words), not shown: "unsigned test" says it.
  expect(await row.getByText('TEST', { exact: true }).count()).toBe(1);
  expect(await row.getByText('TEST', { exact: true }).isVisible()).toBe(false);
  const cut = (element: Element) => {
    const box = element.getBoundingClientRect();
    const cell = element.closest('.col-verdict')!.getBoundingClientRect();
    return element.scrollWidth > element.clientWidth + 1 || box.right > cell.right + 0.5;
  };
  expect(await mark.evaluate(cut)).toBe(false);
  const verdict = row.locator('[data-verdict]');
  expect(await verdict.textContent()).toBe('unsigned test');
  expect(await verdict.evaluate(cut)).toBe(false);
  await screenshot(page, 'list-marks-1024');
});

it('at 1024x700 a replay is tagged with one letter, so its action keeps the room; the tag still says what it is', async () => {
  const sent = await fetch(`${server.baseUrl}/actions/lookup_order`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: signedBody(flowentPayload('lookup_order', { order: 7 }), 'list-marks-key'),
  });
  expect(sent.status).toBe(200);
  await expect.poll(() => rows().count()).toBe(2);
  await rows().first().click();
  await page.getByRole('complementary', { name: 'Call details' }).getByRole('button', { name: 'Replay re-signed' }).click();
  await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(3);
  const tag = rows().first().getByTestId('source-tag');
  expect(await tag.textContent()).toBe('replay');
  expect(await tag.getAttribute('title')).toMatch(/^A replay of a stored call/);
  expect((await tag.boundingBox())!.width).toBeLessThan(24);
  // The action's name starts right after it: the tag takes a quarter of the cell at most (its word took over half).
  const cell = await rows()
    .first()
    .locator('.col-action')
    .evaluate((element) => {
      const tagBox = element.querySelector('.source-tag')!.getBoundingClientRect();
      return {
        taken:
          tagBox.right +
          parseFloat(getComputedStyle(element.querySelector('.source-tag')!).marginRight) -
          element.getBoundingClientRect().left,
        width: element.clientWidth,
      };
    });
  expect(cell.taken).toBeLessThanOrEqual(cell.width / 4);
  // The letter sits in the middle of its dashed ring: it touched the top, with the room below it.
  const { above, below } = await inkGaps(page, tag);
  expect(Math.abs(above - below), `above ${above} px, below ${below} px`).toBeLessThanOrEqual(1);
  await screenshot(page, 'list-source-tag-1024');
});

it('at 1024x640 and 1280x720 a replay of "create_ticket" shows the name whole beside its tag, or over it', async () => {
  const sent = await fetch(`${server.baseUrl}/actions/create_ticket`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: signedBody(flowentPayload('create_ticket', { title: 'Printer on fire' }), 'list-marks-key'),
  });
  expect(sent.status).toBe(200);
  await expect.poll(() => rows().count()).toBe(4);
  await rows().first().click();
  await page.getByRole('complementary', { name: 'Call details' }).getByRole('button', { name: 'Replay re-signed' }).click();
  await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(5);
  const replay = rows().first();
  expect(await replay.getByTestId('source-tag').textContent()).toBe('replay');
  for (const [width, height] of [
    [1024, 640],
    [1280, 720],
  ] as const) {
    await page.setViewportSize({ width, height });
    // The cell and the name in it: neither holds more than it shows (the name ran 2 px past the cell's edge, "create_tic…").
    const cut = await replay.locator('.col-action').evaluate((cell) => {
      const name = cell.querySelector(':scope > span[title]:not(.source-tag)')!;
      return {
        name: name.textContent,
        cell: cell.scrollWidth - cell.clientWidth,
        inName: name.scrollWidth - name.clientWidth,
        pastCell: name.getBoundingClientRect().right - cell.getBoundingClientRect().right,
      };
    });
    expect(cut).toEqual({ name: 'create_ticket', cell: 0, inName: 0, pastCell: expect.toSatisfy((px: number) => px <= 0) });
    // The tag is still seen, inside the row.
    const [tagBox, rowBox] = [(await replay.getByTestId('source-tag').boundingBox())!, (await replay.boundingBox())!];
    expect(tagBox.y).toBeGreaterThanOrEqual(rowBox.y);
    expect(tagBox.y + tagBox.height).toBeLessThanOrEqual(rowBox.y + rowBox.height);
    await screenshot(page, `list-replay-name-${width}`);
  }
});

/**
 * The rows between the badge's box and the ink of the letter inside it, above and below, read
 * from its pixels as drawn (the letter is a ::before, which has no box to measure): the badge's
 * own screenshot decoded by the page's canvas, looked at in the columns of its middle, where
 * the letter is, leaving out the dashed ring at the top and bottom edges.
 */
async function inkGaps(page: Page, badge: Locator): Promise<{ above: number; below: number }> {
  const png = (await badge.screenshot()).toString('base64');
  return page.evaluate(async (data) => {
    const image = new Image();
    image.src = `data:image/png;base64,${data}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data: pixels, width, height } = context.getImageData(0, 0, image.width, image.height);
    const at = (x: number, y: number) => [0, 1, 2].map((c) => pixels[(y * width + x) * 4 + c]!);
    const middle = Math.floor(width / 2);
    // The fill's colour: beside the letter, halfway down, inside the ring.
    const fill = at(2, Math.floor(height / 2));
    const inked = (y: number) => {
      for (let x = middle - 2; x <= middle + 2; x++) if (at(x, y).some((value, c) => Math.abs(value - fill[c]!) > 60)) return true;
      return false;
    };
    // The ring takes the top and bottom 3 rows at most; the letter is what is inked between.
    const rows = Array.from({ length: height }, (_, y) => y).filter((y) => y >= 3 && y < height - 3 && inked(y));
    return { above: rows[0]!, below: height - 1 - rows.at(-1)! };
  }, png);
}
