/// <reference lib="dom" />
// Code passed to page.evaluate runs in the page: these tests need the DOM types too.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { closedPort } from '../helpers/handler-process';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli, type ServeProcess } from '../helpers/spawn-cli';
import { seriousAxeViolations } from './axe';
import { screenshot } from './browser';
import { serveInspectorForFile } from './served-inspector';

// A row says why its call failed in words, not in a hover title. An audit found them gone in an
// 800 px window (the desktop window's narrowest): every answer's mark a bare "!", "bad
// action_name" cut to "bad action_na…", "/actions/Bad-Name" to "/actions/Ba…"; and a body whose
// action_name differs from the URL's listed by the URL's name alone, where serve prints both.
const KEY = 'e2e-row-reasons-key';
let page: Page;
let rows: () => Locator;

const post = (server: ServeProcess, path: string, body: string) =>
  fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

serveInspectorForFile(
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    prepare: async (server) => {
      const dataDir = /History: +(.+)\/history\.sqlite/.exec(server.output())![1]!;
      const cli = (args: string[]) => runCli([...args, '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
      // #1-#3: mocks whose answers break Flowent's contract: text, a 502, no result.
      const mocks: [string, object][] = [
        ['text_answer', { status: 200, body: 'all done' }],
        ['bad_gateway', { status: 502, body: { result: '', error: 'upstream is down' } }],
        ['no_result', { status: 200, body: { error: '' } }],
      ];
      for (const [action, mock] of mocks) {
        const file = join(dataDir, `${action}.json`);
        writeFileSync(file, JSON.stringify(mock));
        const set = await cli(['mocks', 'set', action, '--file', file]);
        if (set.code !== 0) throw new Error(`mocks set failed: ${set.stderr}`);
        await post(server, `/actions/${action}`, signedBody(flowentPayload(action), KEY));
      }
      // #4: a call sent to a handler that is not running (the command fails, as it should).
      await cli(['send', 'send_email', '--params', '{}', '--target', `http://127.0.0.1:${await closedPort()}/actions/{action_name}`]);
      // #5: an action whose name is not a name, in the URL and the body.
      await post(server, '/actions/Bad-Name', signedBody(flowentPayload('Bad-Name'), KEY));
      // #6: a body naming another action than its URL; #7: one whose action_name is not a name.
      await post(server, '/actions/send_email', signedBody({ ...flowentPayload('send_email'), action_name: '5' }, KEY));
      await post(server, '/actions/send_email', signedBody({ ...flowentPayload('send_email'), action_name: 'Send-Email' }, KEY));
    },
  }),
  (served) => ({ page, rows } = served),
);

/**
 * The rows' words not drawn whole, as `#id: text`: a text whose lines reach past a box that clips
 * it (an ellipsis, a line the row has no room for), or a mark whose words are hidden for a sign
 * ("!"). A replay's or simulated call's tag is one letter on purpose (list-marks tests it).
 */
function hiddenWords(): Promise<string[]> {
  return page.evaluate(() => {
    const rowsShown = Array.from(document.querySelectorAll('[role="listbox"][aria-label="Calls"] [role="option"]'));
    return rowsShown.flatMap((row) => {
      const texts = document.createTreeWalker(row, NodeFilter.SHOW_TEXT);
      const hidden: string[] = [];
      for (let text = texts.nextNode(); text; text = texts.nextNode()) {
        const element = text.parentElement!;
        if (element.closest('.source-tag') || element.closest('.col-match') || (text.textContent ?? '').trim() === '') continue;
        if (element.getClientRects().length === 0) continue;
        const range = document.createRange();
        range.selectNodeContents(text);
        const lines = Array.from(range.getClientRects());
        let clipped = getComputedStyle(element).fontSize === '0px';
        for (let box: Element | null = element; box && box !== row.parentElement; box = box.parentElement) {
          if (getComputedStyle(box).overflow === 'visible') continue;
          const edge = box.getBoundingClientRect();
          // Across, to the half pixel; down, by the line's middle: a glyph's box is taller than a tight line.
          const out = (line: DOMRect) =>
            line.left < edge.left - 0.5 ||
            line.right > edge.right + 0.5 ||
            (line.top + line.bottom) / 2 < edge.top ||
            (line.top + line.bottom) / 2 > edge.bottom;
          if (lines.some(out)) clipped = true;
        }
        if (clipped) hidden.push(`#${row.getAttribute('data-call-id')}: ${text.textContent}`);
      }
      return hidden;
    });
  });
}

const SIZES = [
  { width: 800, height: 700 },
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;

describe.sequential("a row's reasons, in words", () => {
  for (const size of SIZES) {
    it(`${size.width}x${size.height}: every mark and name in the rows is whole`, async () => {
      await page.setViewportSize(size);
      await expect.poll(() => rows().count()).toBe(7);
      await screenshot(page, `row-reasons-${size.width}`);
      expect(await rows().getByTestId('violation-mark').allTextContents()).toEqual(['no listener', 'no result', 'not 2xx', 'not JSON']);
      // Beside "not a name" a body's "Send-Email" is cut short where the two do not fit (the title has it whole), not the badge.
      expect(await hiddenWords()).toEqual(size.width >= 1280 ? ['#7: "Send-Email"'] : []);
      const badge = page.locator('[data-call-id="7"] .invalid-name');
      expect(await badge.isVisible()).toBe(size.width >= 1280);
      const found = await seriousAxeViolations(page, '[role="listbox"][aria-label="Calls"]');
      expect(found, JSON.stringify(found, null, 1)).toEqual([]);
    });
  }

  it('lists a body naming another action, or no valid one, by both names, as serve prints them', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    // As read: on one line where there is room, the body's under the listed one where there is not.
    const said = async (id: number) => (await page.locator(`[data-call-id="${id}"] .col-action`).innerText()).replace(/\s+/g, ' ');
    expect(await said(6)).toBe('send_email ← "5"');
    expect(await said(7)).toBe('send_email ← "Send-Email" not a name');
    expect(await page.locator('[data-call-id="6"]').getByTestId('sent-action').getAttribute('title')).toBe(
      'The body\'s action_name is "5". The URL names send_email.',
    );
  });
});
