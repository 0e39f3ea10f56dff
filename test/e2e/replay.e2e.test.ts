import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { startHandler } from '../helpers/handler-process';
import { serveForwardingToHandler } from '../helpers/serve-forwarding-to-handler';
import type { ServeProcess } from '../helpers/spawn-cli';

// Replay from the inspector: a real `serve` forwarding to a real handler process, driven in Chromium.
const KEY = 'e2e-replay-key';
let server: ServeProcess;
let page: Page;
/** Uncaught errors in the page: a crash unmounts the app, so there must be none. */
let pageErrors: string[];
let rows: () => Locator;

const handler = serveForwardingToHandler(
  startHandler,
  () => ({ env: { FLOWENT_HMAC_KEY: KEY } }),
  (served) => ({ server, page, pageErrors, rows } = served),
);

describe.sequential('replay from the inspector', () => {
  it('replays a stored call re-signed to the handler and shows the result and the answer diff', async () => {
    // The page has loaded the (empty) history and listens for new calls.
    await page.getByRole('region', { name: 'No calls yet' }).waitFor();
    const sent = await fetch(`${server.baseUrl}/actions/ok`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: signedBody(flowentPayload('ok', { recipient: 'ada@example.com' }), KEY),
    });
    expect(sent.status).toBe(200);
    expect((await handler().received()).length).toBe(1);

    await expect.poll(() => rows().count()).toBe(1);
    await rows().first().click();
    const pane = page.getByRole('complementary', { name: 'Call details' });
    await pane.getByRole('button', { name: 'Replay re-signed' }).click();

    const result = pane.getByRole('region', { name: 'Replay result' });
    await expect.poll(() => result.count(), { timeout: 15_000 }).toBe(1);
    // The keyboard goes to the result (it fell to the page's body when the busy button was disabled).
    await expect
      .poll(() => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent}`))
      .toBe('H4 Replay result');
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('200');
    expect(text).toMatch(/passed|changed/);
    expect(text).not.toMatch(/failed/);
    const diff = await result.getByRole('region', { name: 'Answer diff' }).textContent();
    expect(diff).toContain('Status 200 → 200');
    await screenshot(page, 'replay-result');

    // The handler got the replay, re-signed (a fresh signature), and the replay is a new stored call.
    const received = await handler().received();
    expect(received.length).toBe(2);
    const replayed = JSON.parse(received[1]!.body.toString('utf8')) as { signature: string; parameters: unknown };
    const original = JSON.parse(received[0]!.body.toString('utf8')) as { signature: string; parameters: unknown };
    expect(replayed.parameters).toEqual(original.parameters);
    expect(typeof replayed.signature).toBe('string');
    await expect.poll(() => rows().count()).toBe(2);

    await result.getByRole('button', { name: 'Open replay' }).click();
    await expect.poll(() => pane.textContent()).toMatch(/Replay of\s*#1/);
  });

  it('refuses a target that is not a URL, inline', async () => {
    const pane = page.getByRole('complementary', { name: 'Call details' });
    await pane.getByLabel('Replay target URL').fill('ftp://example.com/x');
    await pane.getByRole('button', { name: 'Replay as is' }).click();
    await expect.poll(() => pane.getByRole('alert', { name: 'Replay error' }).textContent()).toMatch(/http:\/\/ or https:\/\//);
    expect(pageErrors).toEqual([]);
  });

  it("at 1024 px: the target field's placeholder is whole, and the line under it names the action's forwarding target", async () => {
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      const pane = page.getByRole('complementary', { name: 'Call details' });
      const field = pane.getByLabel('Replay target URL');
      await field.fill('');
      const fits = await field.evaluate((input: HTMLInputElement) => {
        const style = getComputedStyle(input);
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = style.font;
        const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return context.measureText(input.placeholder).width <= room;
      });
      expect(fits).toBe(true);
      // serve --forward: every action goes to the handler, {action_name} filled in.
      await expect
        .poll(() => pane.getByTestId('empty-target').textContent())
        .toBe(`Left empty, it goes to ${handler().target.replace('{action_name}', 'ok')}, the forwarding target of ok.`);
      await pane.getByTestId('empty-target').scrollIntoViewIfNeeded();
      await screenshot(page, 'replay-target-1024');
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it('keeps unsent edits of the parameters when another call is chosen, and gives them back on return', async () => {
    const pane = page.getByRole('complementary', { name: 'Call details' });
    const row = (id: number) => page.locator(`[role="option"][data-call-id="${id}"]`);
    // Read without waiting: an editor that did not come back must fail the poll, not hang on it.
    const editorText = async () =>
      (await pane.getByRole('group', { name: 'Edit parameters' }).locator('.cm-content').allInnerTexts()).join('');
    await row(1).click();
    await expect.poll(() => row(1).getAttribute('aria-selected')).toBe('true');
    await pane.getByRole('button', { name: 'Edit parameters…' }).click();
    const content = pane.getByRole('group', { name: 'Edit parameters' }).locator('.cm-content');
    await content.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('{"recipient": "grace@example.com"}');
    await expect.poll(editorText).toContain('grace@example.com');

    // By a click on another row, then by the shortcut that moves the selection back and forth.
    await row(2).click();
    const kept = page.getByText(/edited parameters of call #1 are kept/i);
    await expect.poll(() => page.locator('.toasts [role="status"]').textContent()).toMatch(/edited parameters of call #1 are kept/i);
    // Said once: a screen reader reads each live region that holds it.
    expect(await page.getByRole('status').filter({ has: kept }).count()).toBe(1);
    await row(1).click();
    await expect.poll(editorText).toContain('grace@example.com');
    // The call is chosen again: the message asks for a step already done, so it goes.
    expect(await kept.count()).toBe(0);
    await pane.locator('h3', { hasText: 'Replay' }).click();
    await page.keyboard.press('k');
    await expect.poll(() => row(2).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('j');
    await expect.poll(() => row(1).getAttribute('aria-selected')).toBe('true');
    await expect.poll(editorText).toContain('grace@example.com');
    await screenshot(page, 'replay-edits-kept');

    // Esc still warns once, then discards: the call's edits are gone for good.
    await content.click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => pane.getByRole('group', { name: 'Edit parameters' }).count()).toBe(0);
    await row(2).click();
    await row(1).click();
    await pane.getByRole('button', { name: 'Edit parameters…' }).waitFor();
    expect(await pane.getByRole('group', { name: 'Edit parameters' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
