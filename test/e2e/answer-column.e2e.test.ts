/// <reference lib="dom" />
// Code passed to page.evaluate runs in the page: these tests need the DOM types too.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { closedPort } from '../helpers/handler-process';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli, type ServeProcess } from '../helpers/spawn-cli';
import { screenshot } from './browser';
import { installCutShort, type CutShortWindow } from './cut-short';
import { serveInspectorForFile } from './served-inspector';

// The list's Answer column holds the yellow badge that says in a word why the answer failed
// ("no listener", "not JSON"...) beside the status, and the widest pair it holds is the longest word,
// "unreachable", beside "no answer" (a `send` to a host that does not resolve). Every part of it must be seen whole at the sizes people run the page at,
// and the room it takes must not cut anything else in its row.
const KEY = 'e2e-answer-column-key';
let page: Page;
let rows: () => Locator;

const post = (server: ServeProcess, action: string, body: string) =>
  fetch(`${server.baseUrl}/actions/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

serveInspectorForFile(
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    prepare: async (server) => {
      const dataDir = /History: +(.+)\/history\.sqlite/.exec(server.output())![1]!;
      const cli = (args: string[]) => runCli([...args, '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
      const stopped = `http://127.0.0.1:${await closedPort()}/actions/{action_name}`;
      // #1: a mock that answers 502, a status beside the badge.
      const mockFile = join(dataDir, 'gateway-mock.json');
      writeFileSync(mockFile, JSON.stringify({ status: 502, body: { result: '', error: 'upstream is down' } }));
      const mock = await cli(['mocks', 'set', 'bad_gateway', '--file', mockFile]);
      if (mock.code !== 0) throw new Error(`mocks set failed: ${mock.stderr}`);
      await post(server, 'bad_gateway', signedBody(flowentPayload('bad_gateway'), KEY));
      // #2: a registration check ten minutes old; #3: it replayed as it was to a handler that is
      // not running, so that row has no answer and the most a row with no answer has beside
      // its verdict: TEST and the old timestamp's mark.
      await post(
        server,
        'send_email',
        JSON.stringify(flowentPayload('send_email', {}, { timestamp: Math.floor(Date.now() / 1000) - 600, test: true })),
      );
      await cli(['replay', '2', '--target', stopped]);
      // #4: a call sent to a handler that is not running. Both commands fail, as they should.
      await cli(['send', 'send_email', '--params', '{}', '--target', stopped]);
      // #5: a mock that answers a JSON array: "not object" beside its 200.
      const arrayFile = join(dataDir, 'array-mock.json');
      writeFileSync(arrayFile, JSON.stringify({ status: 200, body: ['not', 'an', 'object'] }));
      if ((await cli(['mocks', 'set', 'list_things', '--file', arrayFile])).code !== 0) throw new Error('mocks set failed');
      await post(server, 'list_things', signedBody(flowentPayload('list_things'), KEY));
      // #6: a call sent to a host whose name does not resolve: the longest word beside "no answer".
      await cli(['send', 'send_email', '--params', '{}', '--target', 'http://no-such-handler.invalid/actions/{action_name}']);
      // #7: a signed call ten minutes old with no parameters, which the companion refuses for its
      // body; #8: its replay as it was, refused again, with the replay's tag beside the action:
      // the most a refused row has to say.
      const { parameters: _none, ...noParameters } = flowentPayload('send_email', {}, { timestamp: Math.floor(Date.now() / 1000) - 600 });
      if ((await post(server, 'send_email', signedBody(noParameters, KEY))).status !== 400) throw new Error('not refused');
      await cli(['replay', '7']);
    },
  }),
  (served) => ({ page, rows } = served),
);

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface RowBoxes {
  id: string;
  row: Box;
  /** The row's cells shown, left to right. */
  cells: Box[];
  answer: { cell: Box; badge: Box | null; status: Box };
  /** The marks shown after the verdict badge (which may give way), with their cell. */
  signature: { cell: Box; marks: Box[] };
  /** The texts of the marks after the verdict cut short: an ellipsis in place of their words. */
  cut: string[];
  /** The action's cell is cut short (the replay's tag beside it took its room). */
  actionCut: boolean;
  /** The verdict (or the reason a call was refused), first in the cell: cut short or not, and its width. */
  lead: { cut: boolean; width: number };
}

async function rowBoxes(): Promise<RowBoxes[]> {
  await installCutShort(page);
  return page.evaluate(() => {
    const box = (element: Element) => {
      const rect = element.getBoundingClientRect();
      return { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom };
    };
    const { cutShort } = window as unknown as CutShortWindow;
    return Array.from(document.querySelectorAll('[role="listbox"][aria-label="Calls"] [role="option"]'), (row) => {
      const answer = row.querySelector('.col-status')!;
      const badge = answer.querySelector('[data-testid="violation-mark"]');
      const signature = row.querySelector('.col-verdict')!;
      return {
        id: row.getAttribute('data-call-id') ?? '',
        row: box(row),
        cells: Array.from(row.children)
          .filter((child) => getComputedStyle(child).display !== 'none')
          .map(box),
        answer: { cell: box(answer), badge: badge && box(badge), status: box(answer.querySelector('.status-code')!) },
        // A mark the narrow list hides (the TEST tag beside "unsigned test", which says it already) has no box.
        signature: {
          cell: box(signature),
          marks: Array.from(signature.children)
            .slice(1)
            .filter((mark) => getComputedStyle(mark).display !== 'none')
            .map(box),
        },
        cut: Array.from(signature.children)
          .slice(1)
          .filter((mark) => getComputedStyle(mark).display !== 'none' && cutShort(mark))
          .map((mark) => mark.textContent ?? ''),
        actionCut: cutShort(row.querySelector('.col-action')!),
        lead: {
          cut: cutShort(signature.firstElementChild!),
          width: signature.firstElementChild!.getBoundingClientRect().width,
        },
      };
    });
  });
}

const inside = (part: Box, cell: Box) => part.left >= cell.left - 0.5 && part.right <= cell.right + 0.5;
/** Drawn within the row's height: a mark over its status that sticks out lies on the row above's line. */
const withinHeight = (part: Box, row: Box) => part.top >= row.top - 0.5 && part.bottom <= row.bottom + 0.5;

const SIZES = [
  { width: 800, height: 600 },
  { width: 900, height: 700 },
  { width: 960, height: 700 },
  { width: 1024, height: 700 },
  { width: 1100, height: 700 },
  { width: 1280, height: 800 },
  { width: 1600, height: 900 },
] as const;

describe.sequential("the list's Answer column", () => {
  for (const size of SIZES) {
    for (const details of [false, true]) {
      it(`${size.width}x${size.height}${details ? ', a call open' : ''}: shows why in a word and the status whole`, async () => {
        await page.setViewportSize(size);
        await expect.poll(() => rows().count()).toBe(8);
        if (details) {
          await rows().first().click();
          await page.getByTestId('verdict-line').waitFor();
        }
        // Before the checks: a person sees what failed too.
        await screenshot(page, `answer-column-${size.width}${details ? '-details' : ''}`);
        // Why, in a word, not the same "contract" for every row.
        expect(await rows().locator('.col-status').allTextContents()).toEqual([
          // A request the companion refused again is said in the signature's column, as the original's.
          '400',
          '400',
          'unreachableno answer',
          'not object200',
          'no listenerno answer',
          'no listenerno answer',
          '200',
          'not 2xx502',
        ]);
        expect(await rows().nth(5).locator('.col-verdict').textContent()).toBe('unsigned testTESTold');
        // The words are seen at every size: an 800 px window's list put a bare "!" in their place
        // (the narrow list puts the status under the mark instead).
        const marks = await rows()
          .getByTestId('violation-mark')
          .evaluateAll((all) => all.map((m) => getComputedStyle(m).fontSize));
        expect(marks.filter((fontSize) => fontSize === '0px')).toEqual([]);
        // A call refused for its body says that in its signature cell, whole: its verdict and its
        // timestamp's remark, which did not decide the answer, are in the mark's title.
        for (const refused of [rows().nth(0), rows().nth(1)]) {
          expect(await refused.locator('.col-verdict').textContent()).toBe('no parameters');
          expect(await refused.getByTestId('refusal-mark').getAttribute('title')).toMatch(
            /^Refused by the companion: no parameters\. Signature: valid\. Timestamp sent 10 min .*\(old: past the /,
          );
        }
        expect(await rows().nth(0).locator('.col-action').textContent()).toBe('replaysend_email');
        for (const { id, row, cells, answer, signature, cut, lead, actionCut } of await rowBoxes()) {
          const where = `call #${id}: ${JSON.stringify({ answer, signature })}`;
          if (answer.badge) expect(inside(answer.badge, answer.cell), where).toBe(true);
          expect(inside(answer.status, answer.cell), where).toBe(true);
          if (answer.badge) expect(withinHeight(answer.badge, row), where).toBe(true);
          expect(withinHeight(answer.status, row), where).toBe(true);
          // Nothing else gave way: the marks beside the verdict are whole, the cells stay apart, inside the row.
          for (const mark of signature.marks) expect(inside(mark, signature.cell), where).toBe(true);
          // From a 1024 px window up, no mark is cut to a letter and an ellipsis ("o…" said nothing):
          // where room runs out (a registration check with an old timestamp and no answer, #3) the
          // verdict gives way, keeping most of its words, and a refused call's reason is whole.
          if (size.width >= 1024) {
            expect(cut, where).toEqual([]);
            if (lead.cut) expect(lead.width, where).toBeGreaterThanOrEqual(70);
            if (id === '7' || id === '8') expect(lead.cut, where).toBe(false);
            // The action's name is whole beside a replay's or a simulated call's tag ("send_e…" was not).
            expect(actionCut, where).toBe(false);
          }
          for (let i = 1; i < cells.length; i++) expect(cells[i]!.left, where).toBeGreaterThanOrEqual(cells[i - 1]!.right);
          expect(cells.at(-1)!.right, where).toBeLessThanOrEqual(row.right);
        }
      });
    }
  }
});
