/// <reference lib="dom" />
// Code passed to page.evaluate runs in the page: these tests need the DOM types too.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { seriousAxeViolations } from './axe';
import { screenshot, type Browser } from './browser';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { seedScreenCalls } from './screen-calls';
import { SPLIT_KEY } from '../../renderer/src/app/SplitView';
import { serveInspectorForFile } from './served-inspector';
import type { ServeProcess } from '../helpers/spawn-cli';

// The main screen and every dialog from 1024x700 to 2560 wide, in both themes: no sideways
// scroll, the header folding into a menu, axe-core finding nothing serious.
const KEY = 'e2e-layout-key';
let server: ServeProcess;
let browser: Browser;
let page: Page;
let dataDir: string;
let rows: () => Locator;

serveInspectorForFile(
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    prepare: (started) => seedScreenCalls(started, /History: +(.+)\/history\.sqlite/.exec(started.output())![1]!, KEY),
  }),
  (served) => ({ server, browser, page, dataDir, rows } = served),
);

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
] as const;
const THEMES = ['dark', 'light'] as const;

async function at(size: { width: number; height: number }, theme: 'dark' | 'light'): Promise<void> {
  await page.setViewportSize(size);
  await page.emulateMedia({ colorScheme: theme });
}

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

async function expectNoSeriousAxe(where: string, scope?: string): Promise<void> {
  const found = await seriousAxeViolations(page, scope);
  expect(found, `${where}: ${JSON.stringify(found, null, 1)}`).toEqual([]);
}

describe.sequential('the screen at every size, in both themes', () => {
  for (const theme of THEMES) {
    for (const size of SIZES) {
      const name = `${size.width}x${size.height} ${theme}`;
      it(`${name}: the main screen fits without sideways scroll, and axe finds nothing serious`, async () => {
        await at(size, theme);
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
        await expectNoSeriousAxe(`main screen ${name}`);
      });

      it(`${name}: every dialog opens in view, and axe finds nothing serious in it`, async () => {
        await at(size, theme);
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
          await expectNoSeriousAxe(`${dialog.name} ${name}`, '[role="dialog"]');
          await shown.getByRole('button', { name: dialog.close }).click();
          await expect.poll(() => shown.count()).toBe(0);
        }
      }, 180_000);
    }
  }

  it('holds at 2560 wide too', async () => {
    await at({ width: 2560, height: 1200 }, 'dark');
    expect(await sideways()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Commands' }).getByRole('button', { name: 'Answers' }).isVisible()).toBe(true);
    await screenshot(page, 'screen-2560-dark');
  });

  // What is done with the listed calls (bulk replay, HAR export and import) stays together at the
  // bar's right: a window too narrow for one line moved the HAR pair alone to the next line's left.
  for (const width of [1024, 1280, 1600, 1920]) {
    it(`${width} wide: the list's tools sit together on one line at the filter bar's right`, async () => {
      await at({ width, height: 768 }, 'light');
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
      await at({ width, height: 700 }, 'light');
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
    await at({ width: 800, height: 700 }, 'light');
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
    await at({ width: 800, height: 700 }, 'light');
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

  it('the webhook URL is elided in the middle, whole on hover and on copy', async () => {
    await at({ width: 1024, height: 700 }, 'light');
    const url = page.getByTestId('webhook-base-url');
    expect(await url.getAttribute('title')).toBe(server.baseUrl);
    expect(await url.textContent()).toBe(server.baseUrl);
    // The port stays readable: the end of the URL is never the part that is cut.
    const tail = url.locator('.elided-tail');
    const [tailBox, urlBox] = [await tail.boundingBox(), await url.boundingBox()];
    expect(tailBox!.x + tailBox!.width).toBeLessThanOrEqual(urlBox!.x + urlBox!.width + 1);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy webhook URL' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(server.baseUrl);
  });

  it('the narrow header’s menu runs the same commands', async () => {
    await page.getByRole('button', { name: 'Menu ▾' }).click();
    await page.getByRole('menu', { name: 'Commands' }).getByRole('menuitem', { name: 'Answers' }).click();
    await page.getByRole('dialog', { name: 'Answers' }).waitFor();
    await page.getByRole('button', { name: 'Close answers' }).click();
    // By keyboard too: the first item has the focus, arrows move, Enter runs.
    await page.getByRole('button', { name: 'Menu ▾' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Answers');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Flowent account' }).waitFor();
    await page.getByRole('button', { name: 'Close Flowent account' }).click();
  });

  it('the list/detail split can be moved and is remembered', async () => {
    await at({ width: 1440, height: 900 }, 'light');
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

  it('the toolbar keeps its shape: filters, the custom range and a failed import change nothing in it', async () => {
    await at({ width: 1024, height: 700 }, 'dark');
    const bar = page.getByRole('search');
    const shape = () => bar.evaluate((el) => el.getBoundingClientRect().height);
    const first = await shape();
    await page.getByRole('combobox', { name: 'Verdict' }).selectOption('invalid');
    await expect.poll(() => rows().count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Clear filters' }).isEnabled()).toBe(true);
    await page.getByRole('combobox', { name: 'Time range' }).selectOption('custom');
    await page.getByRole('group', { name: 'Custom time range' }).waitFor();
    expect(await shape()).toBe(first);
    // A chosen range is named in the bar, which keeps its shape at the narrowest width.
    await page.getByLabel('Since').fill('2023-11-14T18:00');
    await page.getByLabel('Until').fill('2023-12-24T19:00');
    await page.getByRole('button', { name: 'Done' }).click();
    await expect
      .poll(() =>
        page.getByRole('combobox', { name: 'Time range' }).evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.textContent),
      )
      .toMatch(/^Nov 14, 2023 18:00 – Dec 24 19:00$/);
    expect(await shape()).toBe(first);
    await page.getByRole('checkbox', { name: 'Failures only' }).check();
    expect(await shape()).toBe(first);
    await screenshot(page, 'filter-bar-range-and-failures');
    await bar.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows().count()).toBe(11);
    expect(await bar.getByRole('button', { name: 'Clear filters' }).isDisabled()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Failures only' }).isChecked()).toBe(false);

    const bad = join(dataDir, 'not-a-har.json');
    writeFileSync(bad, '{"hello": "world"}');
    await page.getByLabel('HAR file to import').setInputFiles(bad);
    const toast = page.getByRole('alert', { name: 'Error messages' });
    await expect.poll(() => toast.textContent()).toMatch(/Could not import the HAR file/);
    expect(await shape()).toBe(first);
    expect(await bar.textContent()).not.toContain('Could not');
    await screenshot(page, 'import-error-toast');
    await toast.getByRole('button', { name: 'Dismiss message' }).click();
    await expect.poll(() => toast.count()).toBe(0);
  });

  it('lists the shortcuts, none of which a browser or the OS keeps for itself', async () => {
    await at({ width: 1440, height: 900 }, 'light');
    await page.locator('.app-name').click();
    await page.keyboard.press('?');
    const help = page.getByRole('table', { name: 'Shortcuts' });
    const keys = await help.locator('kbd').allTextContents();
    expect(keys).toEqual(expect.arrayContaining(['c', 'a', 'p', 'f', 'r', 's', 'e', '?', '/', 'Esc']));
    for (const k of keys) expect(k).not.toMatch(/Shift\+[BCS]|Cmd\+M|Ctrl\/Cmd\+M/);
    // Single-key shortcuts can be turned off (speech input, screen readers), and the choice is kept.
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.getByRole('checkbox', { name: /Single-key shortcuts/ }).uncheck();
    await page.getByRole('button', { name: 'Close keyboard shortcuts' }).click();
    await page.locator('.app-name').click();
    await page.keyboard.press('a');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.reload();
    await expect.poll(() => rows().count()).toBe(11);
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    expect(await dialog.getByRole('checkbox', { name: /Single-key shortcuts/ }).isChecked()).toBe(false);
    await dialog.getByRole('checkbox', { name: /Single-key shortcuts/ }).check();
    await page.getByRole('button', { name: 'Close keyboard shortcuts' }).click();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.keyboard.press('c');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(server.baseUrl);
  });

  it('hover and focus look different in dark mode; the sparkline has a scale', async () => {
    await at({ width: 1440, height: 900 }, 'dark');
    const button = page.getByRole('button', { name: 'Export HAR' });
    const look = () =>
      button.evaluate((el) => {
        const s = getComputedStyle(el);
        return `${s.backgroundColor}|${s.outlineStyle}|${s.outlineWidth}`;
      });
    await page.mouse.move(0, 0);
    const plain = await look();
    await button.hover();
    const hovered = await look();
    await page.mouse.move(0, 0);
    await button.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const focused = await look();
    expect(new Set([plain, hovered, focused]).size).toBe(3);
    expect(await page.getByRole('img', { name: /Request rate: .* at most \d+ in 10 seconds/ }).count()).toBe(1);
  });

  it('a long body and its signed bytes scroll by keyboard, and axe finds nothing serious in the details', async () => {
    await at({ width: 1440, height: 900 }, 'light');
    // The seeded bodies are short and scroll nowhere: this one is taller than its frame, and so are its signed bytes.
    const parameters = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`field_${i}`, `value ${i} `.repeat(6)]));
    await fetch(`${server.baseUrl}/actions/long_body`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: signedBody(flowentPayload('long_body', parameters), KEY),
    });
    await expect.poll(() => rows().count()).toBe(12);
    await rows().first().click();
    const pane = page.getByRole('complementary', { name: 'Call details' });
    await expect.poll(() => pane.getByTestId('verdict-line').textContent()).toMatch(/^Valid signature/);
    const scrolls = (el: HTMLElement) => el.scrollHeight > el.clientHeight;
    const frames = [pane.getByLabel('Request body', { exact: true }), pane.getByLabel(/^Signed bytes: /)];
    for (const frame of frames) expect(await frame.evaluate(scrolls)).toBe(true);
    await expectNoSeriousAxe('details of a call with a long body', '[aria-label="Call details"]');
    for (const frame of frames) {
      // It takes the focus, and the keyboard alone scrolls it.
      await frame.focus();
      await page.keyboard.press('End');
      await expect.poll(() => frame.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    }
  });

  it('a wrong or expired token gets one clear screen with what to do', async () => {
    const other = await browser.context.newPage();
    await other.goto(`${new URL(server.inspectorUrl!).origin}/#token=not-the-token`);
    await other.getByRole('heading', { name: /access token is not accepted/ }).waitFor();
    expect(await other.locator('body').textContent()).toMatch(/flowent-companion serve/);
    expect(await other.getByRole('alert').count()).toBe(0);
    expect(await other.getByText(/not listening yet|Preparing a sample/).count()).toBe(0);
    await screenshot(other, 'wrong-token');
    await other.close();
  });
});
