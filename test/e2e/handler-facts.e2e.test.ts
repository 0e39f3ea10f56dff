/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the page: these tests need the DOM types too.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { startHandler } from '../helpers/handler-process';
import { serveForwardingToHandler } from '../helpers/serve-forwarding-to-handler';
import type { ServeProcess } from '../helpers/spawn-cli';
import { screenshot } from './browser';
import { postInStyle } from './post-in-style';

// What the handler taught, in Chromium, for a handler that rejected both a call the styles sign
// differently and one every style signs alike: the styles it rejected and the note about the
// call no style told apart are one fact, and the facts keep their two columns.
const KEY = 'e2e-facts-key';
let server: ServeProcess;
let page: Page;
let pageErrors: string[];
let rows: () => Locator;

serveForwardingToHandler(
  startHandler,
  () => ({ env: { FLOWENT_HMAC_KEY: KEY } }),
  (served) => ({ server, page, pageErrors, rows } = served),
);

/** A call to the stand-in handler's route that answers every call 401 "Invalid signature". */
async function post(style: 'python' | 'go', parameters: object): Promise<void> {
  await postInStyle(server.baseUrl, KEY, style, 'refuses_signatures', parameters);
}

/** Where each term and value of a facts list sits, and the list's columns, as laid out. */
function layoutOf(list: Locator) {
  return list.evaluate((dl) => ({
    columns: getComputedStyle(dl).gridTemplateColumns,
    height: dl.getBoundingClientRect().height,
    children: [...dl.children].map((child) => {
      const box = child.getBoundingClientRect();
      return { tag: child.tagName, text: child.textContent ?? '', left: box.left, width: box.width };
    }),
  }));
}

describe.sequential("the handler's facts in the inspector", () => {
  it('lists the styles it rejected and the call signed alike in one value, every value in the value column', async () => {
    // Non-ASCII and unsorted: the styles sign it differently. Then plain ASCII in order: every style signs it alike.
    await post('go', { name: 'Renée', city: '北京' });
    await post('python', { a: 1 });
    await expect.poll(() => rows().count()).toBe(2);
    await rows().nth(0).click();
    const pane = page.getByRole('complementary', { name: 'Call details' });
    const diagnosis = pane.getByRole('group', { name: 'Your handler and the signature' });
    await diagnosis.waitFor();
    await expect.poll(() => diagnosis.getByTestId('handler-rejected-alike').count()).toBe(1);
    expect(await diagnosis.getByTestId('handler-styles-refused').textContent()).toMatch(/^Go example \(sorted keys, Go escaping\)/);

    const taught = diagnosis.locator('dl[aria-label="What your handler did so far"]');
    const { columns, height, children } = await layoutOf(taught);
    // Terms and values alternate: one value per term.
    expect(children.map((child) => child.tag)).toEqual(['DT', 'DD', 'DT', 'DD', 'DT', 'DD', 'DT', 'DD']);
    const [termColumn, valueColumn] = columns.split(' ').map((width) => Number.parseFloat(width));
    expect(valueColumn, columns).toBeGreaterThan(200);
    expect(termColumn, columns).toBeLessThan(valueColumn!);
    const firstTerm = children[0]!;
    for (const child of children) {
      if (child.tag === 'DT') expect(child.left, child.text).toBe(firstTerm.left);
      else {
        expect(child.left, child.text).toBeGreaterThan(firstTerm.left);
        expect(child.width, child.text).toBeGreaterThan(200);
      }
    }
    // A short list of facts, not a box thousands of pixels tall: the verifier's fold is on the first screen.
    expect(height).toBeLessThan(300);
    const boxHeight = await diagnosis.evaluate((element) => element.getBoundingClientRect().height);
    expect(boxHeight).toBeLessThan(600);
    const fold = diagnosis.getByText('Show a verifier that checks this style', { exact: true });
    expect(await fold.evaluate((element) => element.getBoundingClientRect().bottom)).toBeLessThanOrEqual(900);
    await screenshot(page, 'handler-facts-rejected-alike');
    expect(pageErrors).toEqual([]);
  });

  it('every facts list in the details pane alternates terms and values, and no value lies in the term column', async () => {
    const pane = page.getByRole('complementary', { name: 'Call details' });
    const lists = await pane.locator('dl.facts').evaluateAll((dls) =>
      dls.map((dl) => {
        const children = [...dl.children];
        const termLeft = children.find((child) => child.tagName === 'DT')?.getBoundingClientRect().left ?? 0;
        return {
          tags: children.map((child) => child.tagName).join(' '),
          valuesInTermColumn: children.filter((child) => child.tagName === 'DD' && child.getBoundingClientRect().left <= termLeft).length,
        };
      }),
    );
    expect(lists.length).toBeGreaterThanOrEqual(2);
    for (const list of lists) {
      expect(list.tags).toMatch(/^(DT DD)( DT DD)*$/);
      expect(list.valuesInTermColumn, list.tags).toBe(0);
    }
  });

  it('keeps a value in the value column even under a term with two values: the grid does not place by order alone', async () => {
    // The shape the audit found, put in the details pane so the page's own styles lay it out.
    const note = 'One more call it rejected is signed alike by all 13 styles: '.repeat(4);
    const layout = await page.getByRole('complementary', { name: 'Call details' }).evaluate((pane, longNote) => {
      const dl = document.createElement('dl');
      dl.className = 'facts';
      for (const [tag, text] of [
        ['dt', 'Styles it rejected'],
        ['dd', 'Go example'],
        ['dd', longNote],
        ['dt', 'Valid signatures so far'],
        ['dd', '0 accepted, 2 rejected'],
      ]) {
        const child = document.createElement(tag!);
        child.textContent = text!;
        dl.append(child);
      }
      pane.prepend(dl);
      const boxes = [...dl.children].map((child) => child.getBoundingClientRect());
      const result = {
        columns: getComputedStyle(dl).gridTemplateColumns,
        lefts: boxes.map((box) => box.left),
        height: dl.getBoundingClientRect().height,
      };
      dl.remove();
      return result;
    }, note);
    const [term, value, note2, nextTerm, nextValue] = layout.lefts;
    expect(note2, layout.columns).toBe(value);
    expect(nextValue, layout.columns).toBe(value);
    expect(nextTerm, layout.columns).toBe(term);
    expect(value!, layout.columns).toBeGreaterThan(term!);
    expect(layout.height).toBeLessThan(200);
  });
});
