/// <reference lib="dom" />
// Code passed to evaluate runs in the page: this test needs the DOM types too.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import type { ServeProcess } from '../helpers/spawn-cli';
import { screenshot } from './browser';
import { serveInspectorForFile } from './served-inspector';

// Why a refused call failed, at a glance, in Chromium on a real `serve` without
// --enforce-signatures: the request problem leads in the row and the details, the row keeps
// its layout, and a body naming another action than its URL is listed under the URL's.
const KEY = 'request-cause-key';
let server: ServeProcess;
let page: Page;
let rows: () => Locator;

serveInspectorForFile(
  () => ({ env: { FLOWENT_HMAC_KEY: KEY } }),
  (served) => ({ server, page, rows } = served),
);

const pane = () => page.getByRole('complementary', { name: 'Call details' });
const row = (id: number) => page.locator(`[role="option"][data-call-id="${id}"]`);
const post = (body: string) =>
  fetch(`${server.baseUrl}/actions/hok`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

/** True when `element` runs past its cell or is cut (its title keeps the words then). */
const cutOrOut = (element: Element) => {
  const box = element.getBoundingClientRect();
  const cell = element.closest('.col-verdict')!.getBoundingClientRect();
  return element.scrollWidth > element.clientWidth + 1 || box.right > cell.right + 0.5;
};

async function open(id: number): Promise<void> {
  await row(id).click();
  await expect.poll(() => row(id).getAttribute('aria-selected')).toBe('true');
  await expect.poll(() => pane().getByTestId('verdict-line').count()).toBe(1);
}

describe.sequential('a call the companion refused for its request', () => {
  it('no parameters and no signature: the row and the details lead with the request problem, not the signature', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    expect((await post(JSON.stringify({ action_name: 'hok', timestamp: Math.floor(Date.now() / 1000) }))).status).toBe(400);
    await expect.poll(() => rows().count()).toBe(1);

    const mark = row(1).getByTestId('refusal-mark');
    expect(await mark.textContent()).toBe('no parameters');
    expect(await mark.evaluate(cutOrOut)).toBe(false);
    // Alone in its cell: the signature's verdict, which did not decide the answer, is in its title.
    expect(await row(1).locator('.col-verdict').textContent()).toBe('no parameters');
    expect(await mark.getAttribute('title')).toBe('Refused by the companion: no parameters. Signature: missing.');

    await open(1);
    const verdict = pane().getByTestId('verdict-line');
    expect(await verdict.locator('strong').textContent()).toBe('Request refused: no parameters.');
    expect(await verdict.textContent()).toContain('The body has no "parameters"');
    expect(await pane().textContent()).not.toContain('turn off signature enforcement');
    expect(await pane().getByRole('alert', { name: 'Problem' }).count()).toBe(0);
    await screenshot(page, 'request-cause-no-parameters');
  });

  it('a body naming another action: listed under the URL’s action with the reason whole, and the details agree', async () => {
    expect((await post(signedBody(flowentPayload('other_name'), KEY))).status).toBe(400);
    await expect.poll(() => rows().count()).toBe(2);
    // Under the URL's action, the body's after it, as serve prints them.
    expect((await row(2).locator('.col-action').innerText()).replace(/\s+/g, ' ')).toBe('hok ← "other_name"');
    const mark = row(2).getByTestId('refusal-mark');
    expect(await mark.textContent()).toBe('action ≠ URL');
    expect(await mark.evaluate(cutOrOut)).toBe(false);
    expect(await mark.getAttribute('title')).toContain('"other_name"');

    await open(2);
    expect(await pane().locator('.detail-title').textContent()).toContain('POST /actions/hok');
    expect(await pane().getByTestId('verdict-line').locator('strong').textContent()).toBe('Request refused: action ≠ URL.');
    const options = await page.getByRole('combobox', { name: 'Action' }).locator('option').allTextContents();
    expect(options.filter((text) => text !== 'All actions')).toEqual(['hok (2)']);
    await screenshot(page, 'request-cause-action-differs');
  });

  it('at 1024x700 with a call open the row still fits: the reason keeps its words in its title when cut', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    for (const id of [1, 2]) {
      const cells = await row(id).evaluate((element) => {
        const list = element.closest('[role="listbox"]')!.getBoundingClientRect();
        return Array.from(element.children, (cell) => cell.getBoundingClientRect().right <= list.right + 0.5);
      });
      expect(cells.every(Boolean)).toBe(true);
      expect(await row(id).getByTestId('refusal-mark').getAttribute('title')).toMatch(/^Refused by the companion: /);
    }
  });
});
