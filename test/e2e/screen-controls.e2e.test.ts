/// <reference lib="dom" />
// Code passed to page.evaluate runs in the page: these tests need the DOM types too.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot, type Browser } from './browser';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { serveScreenCalls } from './screen-calls';
import { at, expectNoSeriousAxe } from './screen-layout-setup';
import type { ServeProcess } from '../helpers/spawn-cli';

// What the main screen's controls do, each where people meet it: the webhook URL and the narrow
// header's menu, the toolbar through filters and a failed import, the shortcuts, hover and focus,
// the details' scrolling by keyboard, and the screen a wrong token gets.
const KEY = 'e2e-screen-controls-key';
let server: ServeProcess;
let browser: Browser;
let page: Page;
let dataDir: string;
let rows: () => Locator;

serveScreenCalls(KEY, (served) => ({ server, browser, page, dataDir, rows } = served));

describe.sequential('the main screen’s controls, in Chromium against a real serve', () => {
  it('the webhook URL is elided in the middle, whole on hover and on copy', async () => {
    await at(page, { width: 1024, height: 700 }, 'light');
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
    await at(page, { width: 1024, height: 700 }, 'light');
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

  it('the toolbar keeps its shape: filters, the custom range and a failed import change nothing in it', async () => {
    await at(page, { width: 1024, height: 700 }, 'dark');
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
    await at(page, { width: 1440, height: 900 }, 'light');
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
    await at(page, { width: 1440, height: 900 }, 'dark');
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
    await at(page, { width: 1440, height: 900 }, 'light');
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
    await expectNoSeriousAxe(page, 'details of a call with a long body', '[aria-label="Call details"]');
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
