import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { backToMainScreen, serveInspectorForFile } from './served-inspector';
import { postSigned } from '../helpers/flowent-signer';

// Where Esc, the menu's dialogs and a dialog's close question leave a person, in Chromium at the
// sizes people use: Esc in the search box hands the keys back to the list, which shows it has
// them; a dialog opened from
// "Menu ▾" gives the keyboard back to the menu; the question asked before unsaved edits go is
// where it can be read, not under the dialog's title.
const KEY = 'e2e-landing-key';
const ACTIONS = ['book_meeting', 'create_ticket', 'lookup_order', 'refund_payment', 'send_email'];
let page: Page;
let rows: () => Locator;

serveInspectorForFile(
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    // Five actions, as a project has: the Answers dialog lists each, and is taller than the window.
    prepare: async (served) => {
      for (const action of ACTIONS) {
        expect((await postSigned(served.baseUrl, action, { recipient: 'person@example.com' }, KEY)).status).toBe(200);
      }
    },
  }),
  (served) => ({ page, rows } = served),
);

/** What has the keyboard: its label or text, or BODY when it fell to the page. */
const focused = () =>
  page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return 'BODY';
    return active.getAttribute('aria-label') ?? active.textContent?.trim() ?? active.tagName;
  });

/**
 * The ring a person sees around `box` while it has the keyboard: its outline, and whether every
 * box that scrolls around it leaves the whole ring in sight (a ring drawn inside a scrolling
 * box is cut off at its edges); null when it has no outline.
 */
const ringOf = (box: Locator) =>
  box.evaluate((element) => {
    const style = getComputedStyle(element);
    if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0) return null;
    const reach = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
    const own = element.getBoundingClientRect();
    let whole = true;
    for (let up = element.parentElement; up; up = up.parentElement) {
      if (getComputedStyle(up).overflow === 'visible') continue;
      const clip = up.getBoundingClientRect();
      whole &&= own.left - reach >= clip.left && own.right + reach <= clip.right;
      whole &&= own.top - reach >= clip.top - up.scrollTop && own.bottom + reach <= clip.bottom + up.scrollHeight;
    }
    return { width: style.outlineWidth, style: style.outlineStyle, whole };
  });

/** The id of the selected call, from its row. */
const selectedId = () => page.locator('[role="option"][aria-selected="true"]').getAttribute('data-call-id');

describe.sequential('where the keyboard and the eye land, in Chromium', () => {
  it('Esc in the search box clears it and leaves it: j then moves the selection, and types nothing', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await expect.poll(() => rows().count()).toBe(ACTIONS.length);
    await rows().first().click();
    const first = await selectedId();
    const search = page.getByRole('searchbox', { name: 'Search request bodies' });
    await page.keyboard.press('/');
    await expect.poll(focused).toBe('Search request bodies');
    await page.keyboard.type('example');
    // The search applied (it waits for a pause in typing): the filter, then Esc clears it.
    await expect.poll(() => page.evaluate(() => location.search)).toBe('?text=example');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => location.search)).toBe('');
    expect(await search.inputValue()).toBe('');
    // Long enough for any focus put back after the list reloads.
    await page.waitForTimeout(300);
    // On the list, not on the page's body: Tab goes on from the list, not from the page's top.
    expect(await focused()).toBe('Calls');
    await page.keyboard.press('j');
    await expect.poll(selectedId).not.toBe(first);
    expect(await search.inputValue()).toBe('');
  });

  it('the list shows it has the keyboard: its selected row is ringed while the list has the focus, and only then', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const list = page.getByRole('listbox', { name: 'Calls' });
    const selected = page.locator('[role="option"][aria-selected="true"]');
    /** The ring a person sees on the selected row, as its outline is drawn, or null when there is none. */
    const ring = () =>
      selected.evaluate((row) => {
        const style = getComputedStyle(row);
        if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0) return null;
        // Drawn inside the row: the list scrolls, and a ring outside the row would be cut off at its edges.
        return { inside: parseFloat(style.outlineOffset) <= -parseFloat(style.outlineWidth) };
      });
    await page.getByRole('button', { name: 'Import HAR' }).focus();
    await page.keyboard.press('Tab');
    await expect.poll(focused).toBe('Calls');
    await page.keyboard.press('j');
    await expect.poll(() => selected.count()).toBe(1);
    await expect.poll(ring).toEqual({ inside: true });
    await screenshot(page, 'list-focused-1280');
    await page.keyboard.press('Tab');
    await expect.poll(focused).not.toBe('Calls');
    // The selection stays, and looks selected, but no longer says where the keys go.
    await expect.poll(ring).toBeNull();
    expect(await list.getAttribute('aria-activedescendant')).toBe(await selected.getAttribute('id'));
  });

  it('Edit parameters… by the keyboard lands in the editor, in sight, and Ctrl+Enter replays from there; Esc gives the keyboard back to the button', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await rows().first().click();
    const pane = page.getByRole('complementary', { name: 'Call details' });
    // No handler is set for these actions: the replay goes to this companion's webhook.
    await pane.getByRole('button', { name: 'This companion' }).click();
    const toggle = pane.getByRole('button', { name: 'Edit parameters…' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    // The editor opens under three more buttons, below the fold of a 720 px window: with the
    // keyboard left on the button, a person saw nothing happen.
    await expect.poll(focused).toBe('Parameters to replay');
    const content = pane.getByRole('group', { name: 'Edit parameters' }).locator('.cm-content');
    const inView = () =>
      content.evaluate((editor) => {
        const box = editor.getBoundingClientRect();
        return box.top >= 0 && box.top + 20 <= window.innerHeight;
      });
    await expect.poll(inView).toBe(true);
    await screenshot(page, 'replay-editor-opened-1280');
    const calls = await rows().count();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => rows().count()).toBe(calls + 1);
    await page.keyboard.press('Escape');
    await expect.poll(() => pane.getByRole('group', { name: 'Edit parameters' }).count()).toBe(0);
    await expect.poll(focused).toBe('Edit parameters…');
  });

  it('a dialog opened from "Menu ▾" gives the keyboard back to the menu button', async () => {
    // Narrow: the commands are behind the menu.
    await page.setViewportSize({ width: 1024, height: 700 });
    const menu = page.getByRole('button', { name: 'Menu ▾' });
    for (const [item, dialog] of [
      ['Answers', 'Answers'],
      ['Account', 'Flowent account'],
      ['Project', 'Project'],
      ['Simulate', 'Simulate a Flowent call'],
      ['Settings', 'Settings'],
      ['Keyboard shortcuts', 'Keyboard shortcuts'],
    ] as const) {
      await menu.focus();
      await page.keyboard.press('Enter');
      const choice = page.getByRole('menuitem', { name: item, exact: true });
      await choice.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('dialog', { name: dialog }).waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      await expect.poll(focused, { message: `after ${item}` }).toBe('Menu ▾');
    }
  });

  it('Answers at 1280x800: the question before unsaved edits go is in sight, below the title, by Esc and by ×', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.keyboard.press('a');
    const dialog = page.getByRole('dialog', { name: 'Answers' });
    const editor = dialog.getByRole('region', { name: 'Mock' }).locator('.cm-content');
    await editor.click();
    await page.keyboard.press('End');
    await page.keyboard.insertText(' ');
    const question = dialog.getByRole('group', { name: 'Confirm discarding unsaved changes' });

    /** Whether a person sees the question whole: inside the dialog's view, below its title, not covered. */
    const inSight = () =>
      question.evaluate((box) => {
        const shell = box.closest('[role="dialog"]')!;
        const head = shell.querySelector('.dialog-head')!.getBoundingClientRect();
        const view = shell.getBoundingClientRect();
        const own = box.getBoundingClientRect();
        const covered = [...box.querySelectorAll('p, button')].some((part) => {
          const r = part.getBoundingClientRect();
          return !part.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
        });
        return { belowTitle: own.top >= head.bottom, insideView: own.bottom <= view.bottom, covered };
      });
    const seen = { belowTitle: true, insideView: true, covered: false };

    for (const ask of [() => page.keyboard.press('Escape'), () => dialog.getByRole('button', { name: 'Close answers' }).click()]) {
      await editor.click();
      await ask();
      await expect.poll(focused).toBe('Keep editing');
      await expect.poll(inSight).toEqual(seen);
      await screenshot(page, 'answers-close-question-1280');
      await page.keyboard.press('Escape');
      await expect.poll(() => question.count()).toBe(0);
    }
    await page.keyboard.press('Escape');
    await question.getByRole('button', { name: 'Discard and close' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('each code editor, with the keyboard in it, is ringed as the other fields are, the whole ring in sight', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    const ring = { width: '2px', style: 'solid', whole: true };
    /** Tabs into the editor whose text is `label` from the control before it, and reads its ring. */
    const ringWhenTabbedInto = async (scope: Locator, label: string) => {
      const content = scope.getByRole('textbox', { name: label });
      await content.waitFor();
      await content.focus();
      await page.keyboard.press('Shift+Tab');
      await page.keyboard.press('Tab');
      await expect.poll(focused).toBe(label);
      const host = content.locator('xpath=ancestor::div[contains(@class, "mock-editor")]');
      return ringOf(host);
    };

    await rows().first().click();
    const pane = page.getByRole('complementary', { name: 'Call details' });
    await pane.getByRole('button', { name: 'Edit parameters…' }).click();
    await expect.poll(() => ringWhenTabbedInto(pane, 'Parameters to replay')).toEqual(ring);
    await screenshot(page, 'replay-editor-ring-1280');
    await page.keyboard.press('Escape');
    await expect.poll(focused).toBe('Edit parameters…');

    await page.keyboard.press('s');
    const simulator = page.getByRole('dialog', { name: 'Simulate a Flowent call' });
    await expect.poll(() => ringWhenTabbedInto(simulator, 'Parameters to send')).toEqual(ring);
    await screenshot(page, 'simulator-editor-ring-1280');
    await backToMainScreen(page);

    await page.keyboard.press('a');
    const answers = page.getByRole('dialog', { name: 'Answers' });
    await expect.poll(() => ringWhenTabbedInto(answers, 'Mock definition (JSON)')).toEqual(ring);
    await screenshot(page, 'mock-editor-ring-1280');
    await backToMainScreen(page);
  });

  it("the bulk replay's result heading takes the keyboard without a box drawn across the dialog", async () => {
    await page.setViewportSize({ width: 900, height: 720 });
    await page.getByRole('button', { name: 'Bulk replay…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bulk replay' });
    await dialog.getByRole('button', { name: 'This companion' }).click();
    const start = dialog.getByRole('button', { name: /^Replay these \d+ calls$/ });
    await start.focus();
    await page.keyboard.press('Enter');
    const heading = dialog.getByRole('heading', { name: 'Bulk replay result' });
    await heading.waitFor();
    await expect.poll(focused).toBe('Bulk replay result');
    expect(await ringOf(heading)).toBeNull();
    await screenshot(page, 'bulk-replay-result-900');
    await backToMainScreen(page);
  });
});
