/// <reference lib="dom" />
// Code passed to page.evaluate runs in the page: these tests need the DOM types too.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { serveScreenCalls } from './screen-calls';
import { at, expectNoSeriousAxe } from './screen-layout-setup';
import { SPLIT_KEY } from '../../renderer/src/app/SplitView';

// The main screen and every dialog from 1024x700 to 2560 wide, in both themes: no sideways
// scroll, the header folding into a menu, axe-core finding nothing serious; and the list/detail
// split, moved and remembered.
let page: Page;
let rows: () => Locator;

serveScreenCalls('e2e-layout-key', (served) => ({ page, rows } = served));

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;
const THEMES = ['dark', 'light'] as const;

/** How far the page scrolls sideways (0: it does not). */
const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The list's column header, rows and cells that reach past the list's sides (under the details), by class. */
const outsideTheList = () =>
  page.evaluate(() => {
    const list = document.querySelector('.call-list')!.getBoundingClientRect();
    return Array.from(document.querySelectorAll('.call-list-header, .call-list [role="option"], .call-list [role="option"] > span'))
      .filter((element) => element.getClientRects().length > 0)
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.right > list.right + 0.5 || box.left < list.left - 0.5;
      })
      .map((element) => element.className);
  });

/** Each dialog, how to open it from the main screen, and how to close it. */
const DIALOGS: { name: string; key: string; close: string }[] = [
  { name: 'Answers', key: 'a', close: 'Close answers' },
  { name: 'Public URL', key: 'p', close: 'Close public URL panel' },
  { name: 'Flowent account', key: 'f', close: 'Close Flowent account' },
  { name: 'Simulate a Flowent call', key: 's', close: 'Close the simulator' },
  { name: 'Bulk replay', key: 'r', close: 'Close bulk replay' },
  { name: 'Settings', key: ',', close: 'Close settings' },
  { name: 'Keyboard shortcuts', key: '?', close: 'Close keyboard shortcuts' },
];

describe.sequential('the screen at every size, in both themes', () => {
  for (const theme of THEMES) {
    for (const size of SIZES) {
      const name = `${size.width}x${size.height} ${theme}`;
      it(`${name}: the main screen fits without sideways scroll, and axe finds nothing serious`, async () => {
        await at(page, size, theme);
        await expect.poll(() => rows().count()).toBe(11);
        await page.locator('[data-call-id="4"]').click();
        await expect.poll(() => page.getByTestId('verdict-line').count()).toBe(1);
        expect(await sideways()).toBe(0);
        // The header's commands fold into a menu below 1440 px, and nothing in it is cut off.
        const menu = page.getByRole('button', { name: 'Menu ▾' });
        expect(await menu.isVisible()).toBe(size.width < 1440);
        const header = await page.locator('.app-header').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
        expect(header.scroll).toBeLessThanOrEqual(header.client);
        // The local webhook URL is short: it is shown whole, not cut in the middle.
        const urlHead = await page
          .locator('.webhook-url .elided-head')
          .evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
        expect(urlHead.scroll).toBeLessThanOrEqual(urlHead.client);
        await screenshot(page, `screen-${size.width}-${theme}`);
        await expectNoSeriousAxe(page, `main screen ${name}`);
      });

      it(`${name}: every dialog opens in view, and axe finds nothing serious in it`, async () => {
        await at(page, size, theme);
        for (const dialog of DIALOGS) {
          await page.locator('.app-name').click();
          await page.keyboard.press(dialog.key);
          const shown = page.getByRole('dialog', { name: dialog.name });
          await shown.waitFor();
          // Lazily loaded parts (the editors) are in before it is checked.
          await expect.poll(() => shown.getByText('Loading the editor…').count()).toBe(0);
          expect(await sideways()).toBe(0);
          const box = await shown.boundingBox();
          expect(box!.x).toBeGreaterThanOrEqual(0);
          expect(box!.x + box!.width).toBeLessThanOrEqual(size.width);
          if (size.width === 1440)
            await screenshot(page, `dialog-${dialog.key === '?' ? 'shortcuts' : dialog.name.split(' ')[0]!.toLowerCase()}-${theme}`);
          await expectNoSeriousAxe(page, `${dialog.name} ${name}`, '[role="dialog"]');
          await shown.getByRole('button', { name: dialog.close }).click();
          await expect.poll(() => shown.count()).toBe(0);
        }
      }, 180_000);
    }
  }

  it('holds at 2560 wide too', async () => {
    await at(page, { width: 2560, height: 1200 }, 'dark');
    expect(await sideways()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Commands' }).getByRole('button', { name: 'Answers' }).isVisible()).toBe(true);
    await screenshot(page, 'screen-2560-dark');
  });

  // What is done with the listed calls (bulk replay, HAR export and import) stays together at the
  // bar's right: a window too narrow for one line moved the HAR pair alone to the next line's left.
  for (const width of [1024, 1280, 1600, 1920]) {
    it(`${width} wide: the list's tools sit together on one line at the filter bar's right`, async () => {
      await at(page, { width, height: 768 }, 'light');
      const tools = await page.evaluate(() => {
        const bar = document.querySelector('.filter-bar')!.getBoundingClientRect();
        const padding = parseFloat(getComputedStyle(document.querySelector('.filter-bar')!).paddingRight);
        const buttons = ['Bulk replay…', 'Export HAR', 'Import HAR'].map((name) => {
          const button = Array.from(document.querySelectorAll('.filter-bar button')).find((b) => b.textContent === name)!;
          const { top, left, right } = button.getBoundingClientRect();
          return { name, top, left, right };
        });
        return { barRight: bar.right - padding, buttons };
      });
      const [replay, exportHar, importHar] = tools.buttons;
      expect(new Set(tools.buttons.map((b) => Math.round(b.top))).size, JSON.stringify(tools.buttons)).toBe(1);
      expect(replay!.right).toBeLessThan(exportHar!.left);
      expect(exportHar!.right).toBeLessThan(importHar!.left);
      expect(Math.abs(importHar!.right - tools.barRight)).toBeLessThanOrEqual(1);
    });
  }

  // The desktop window opens as narrow as 800 px (main/desktop/window.ts), a browser tab narrower
  // still: from 800 to 1023 the header wraps instead of squeezing its parts over each other, and
  // the list's rows stay inside the list instead of running under the details.
  for (const width of [800, 900, 1023]) {
    it(`${width}x700: the header's parts, the header and the list do not overlap, and the rows stay in the list`, async () => {
      await at(page, { width, height: 700 }, 'light');
      await expect.poll(() => rows().count()).toBe(11);
      expect(await sideways()).toBe(0);
      const layout = await page.evaluate(() => {
        const box = (element: Element) => {
          const { left, top, right, bottom } = element.getBoundingClientRect();
          return { left, top, right, bottom };
        };
        const header = document.querySelector('.app-header')!;
        // Each part of the header and what is in it: a part whose content overflows overlaps its neighbour.
        const parts = Array.from(header.children)
          .filter((part) => part.getClientRects().length > 0)
          .map((part) => ({ name: part.className, box: box(part), overflows: part.scrollWidth > part.clientWidth + 1 }));
        return {
          header: box(header),
          headerOverflows: header.scrollWidth > header.clientWidth,
          parts,
          list: box(document.querySelector('.call-list')!),
        };
      });
      type Box = (typeof layout)['list'];
      const meet = (a: Box, b: Box) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
      expect(meet(layout.header, layout.list)).toBe(false);
      expect(layout.headerOverflows).toBe(false);
      expect(layout.parts.filter((part) => part.overflows).map((part) => part.name)).toEqual([]);
      const overlapping = layout.parts.flatMap((a, i) =>
        layout.parts.slice(i + 1).flatMap((b) => (meet(a.box, b.box) ? [`${a.name} / ${b.name}`] : [])),
      );
      expect(overlapping).toEqual([]);
      for (const part of layout.parts) expect(part.box.right, part.name).toBeLessThanOrEqual(width);
      expect(await outsideTheList()).toEqual([]);
      // Every time is whole in its narrower column, last week's imported calls' dates too.
      const times = await page
        .locator('.call-list [role="option"] .col-time')
        .evaluateAll((cells) => cells.map((cell) => ({ text: cell.textContent, cut: cell.scrollWidth > cell.clientWidth })));
      expect(times.filter((time) => /^\D/.test(time.text ?? '')).length).toBe(2);
      expect(times.filter((time) => time.cut)).toEqual([]);
      // The verdict is the row's main fact: whole beside a second badge (last week's imported
      // calls are "missing" and "future"; Flowent's registration check "unsigned test" and TEST,
      // hidden), which gives way instead in the narrowest list.
      const verdicts = await page.locator('.call-list [role="option"] .col-verdict').evaluateAll((cells) =>
        cells
          .filter((cell) => cell.children.length > 1)
          .map((cell) => {
            const badge = cell.firstElementChild!;
            return { text: badge.textContent, cut: badge.scrollWidth > badge.clientWidth };
          }),
      );
      expect(verdicts.map((verdict) => verdict.text)).toEqual(expect.arrayContaining(['missing', 'unsigned test']));
      expect(verdicts.filter((verdict) => verdict.cut)).toEqual([]);
      await screenshot(page, `screen-${width}-narrow`);
    });
  }

  it('800x700: no button in the details breaks its words over lines (the copy buttons go to the next line whole)', async () => {
    await at(page, { width: 800, height: 700 }, 'light');
    await page.locator('[data-call-id="4"]').click();
    await expect.poll(() => page.getByTestId('verdict-line').count()).toBe(1);
    const broken = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.detail-pane button'))
        .filter((button) => button.getClientRects().length > 0 && button.textContent!.trim() !== '')
        .filter((button) => {
          // One box per line the words take: a button on one line has one per text.
          const range = document.createRange();
          range.selectNodeContents(button);
          const tops = new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top)));
          return tops.size > 1;
        })
        .map((button) => button.textContent),
    );
    expect(broken).toEqual([]);
  });

  it('800x700 with the list moved to its narrowest (360 px): the rows still stay in the list', async () => {
    await at(page, { width: 800, height: 700 }, 'light');
    const kept = await page.evaluate((key) => localStorage.getItem(key), SPLIT_KEY);
    try {
      await page.getByRole('separator', { name: 'Resize the list and the details' }).focus();
      await page.keyboard.press('Home');
      await expect.poll(() => page.locator('.call-list').evaluate((list) => list.getBoundingClientRect().width)).toBe(360);
      expect(await outsideTheList()).toEqual([]);
      await screenshot(page, 'screen-800-narrowest-list');
    } finally {
      // The split is remembered: the tests after this one start from where it was.
      await page.evaluate(({ key, share }) => (share === null ? localStorage.removeItem(key) : localStorage.setItem(key, share)), {
        key: SPLIT_KEY,
        share: kept,
      });
      await page.reload();
      await expect.poll(() => rows().count()).toBe(11);
    }
  });

  it('the list/detail split can be moved and is remembered', async () => {
    await at(page, { width: 1440, height: 900 }, 'light');
    const handle = page.getByRole('separator', { name: 'Resize the list and the details' });
    const before = Number(await handle.getAttribute('aria-valuenow'));
    const box = (await handle.boundingBox())!;
    await page.mouse.move(box.x + 3, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x - 200, box.y + 200, { steps: 5 });
    await page.mouse.up();
    const dragged = Number(await handle.getAttribute('aria-valuenow'));
    expect(dragged).toBeLessThan(before - 5);
    await handle.focus();
    await page.keyboard.press('ArrowRight');
    const moved = Number(await handle.getAttribute('aria-valuenow'));
    expect(moved).toBe(dragged + 2);
    await page.reload();
    await expect.poll(() => rows().count()).toBe(11);
    expect(Number(await handle.getAttribute('aria-valuenow'))).toBe(moved);
  });
});
