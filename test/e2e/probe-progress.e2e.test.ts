import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { sign } from '../../main/core/signature';
import { handlerUrl, startHandler } from '../helpers/handler-process';
import { serveForwardingToHandler } from '../helpers/serve-forwarding-to-handler';
import type { ServeProcess } from '../helpers/spawn-cli';
import { screenshot } from './browser';
import { openInspector, type ServedInspector } from './served-inspector';

// A probe of the handler's verifier in the served inspector, step by step: a real `serve`
// forwarding to the stand-in handler's `gated` action, which answers each call only when the
// test lets it, in Chromium. The steps come over the inspector's event stream, the Cancel over HTTP.
const KEY = 'e2e-probe-key';
let server: ServeProcess;
let browser: ServedInspector['browser'];
let page: Page;
let pageErrors: string[];
let rows: () => Locator;

const handler = serveForwardingToHandler(
  startHandler,
  (started) => ({ forward: handlerUrl(started, 'gated'), env: { FLOWENT_HMAC_KEY: KEY } }),
  (served) => ({ server, browser, page, pageErrors, rows } = served),
);

/** The focused element's tag and text: BODY when the focus fell off the page's controls. */
function focused(): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    return element === document.body || !element ? 'BODY' : `${element.tagName} ${element.textContent ?? ''}`;
  });
}

it("shows the probe's requests as they go out, n of the total, and Cancel stops it after the one in flight", async () => {
  // Non-ASCII and unsorted: the styles sign it in different bytes, so the probe has several requests.
  const payload = JSON.stringify({
    action_name: 'greet',
    parameters: { name: 'Renée', city: '北京' },
    timestamp: Math.floor(Date.now() / 1000),
  });
  const posted = fetch(`${server.baseUrl}/actions/greet`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: sign(payload, KEY, 'python').body,
  });
  await handler().release(1);
  expect((await posted).status).toBe(200);
  await expect.poll(() => rows().count()).toBe(1);
  await rows().nth(0).click();

  const section = page.getByRole('complementary', { name: 'Call details' }).getByRole('region', { name: 'Your handler' });
  // By the keyboard: each button goes when pressed, and the focus goes to what takes its place (it fell to the body).
  await section.getByRole('button', { name: "Check my handler's verifier…" }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(focused).toBe('BUTTON Send the calls');
  await page.keyboard.press('Enter');
  const progress = section.getByRole('group', { name: "Checking your handler's verifier" });
  const step = () => progress.getByTestId('probe-step').textContent();
  await expect.poll(step).toMatch(/^Sending 1 of \d+: \w/);
  expect(await focused()).toBe('BUTTON Cancel');
  const total = Number(/ of (\d+):/.exec((await step()) ?? '')![1]);
  expect(total).toBeGreaterThan(2);
  await handler().release(1);
  await expect.poll(step).toMatch(new RegExp(`^Sending 2 of ${total}: `));
  expect(await progress.getByRole('progressbar', { name: 'Requests answered' }).getAttribute('value')).toBe('1');
  await screenshot(page, 'handler-probe-progress');

  // The page says "Stopping" at the press; the handler is let go only once the core has the stop,
  // or a slow stop could let the probe send its next request, which the handler would then hold.
  const stopHeard = page.waitForResponse((response) => response.url().endsWith('/api/call/stopProbe'));
  await page.keyboard.press('Enter');
  await expect.poll(step).toMatch(/^Stopping: nothing more is sent/);
  await stopHeard;
  expect(await focused()).toBe('BUTTON Cancel');
  await handler().release(1);
  const result = section.getByRole('region', { name: 'Probe result' });
  await result.waitFor({ timeout: 30_000 });
  await expect.poll(focused).toBe("H4 Your handler's verifier, checked");
  expect(await result.locator('[data-finding]').getAttribute('data-finding')).toBe('stopped');
  expect(await result.textContent()).toContain(`Stopped after 2 of ${total} requests`);
  expect(await progress.count()).toBe(0);
  // Nothing more was sent: the call forwarded, then the probe's two requests.
  expect(await handler().received()).toHaveLength(3);
  expect(pageErrors).toEqual([]);
});

it('a probe started in another page shows its steps here too, and Cancel here stops it', async () => {
  const section = page.getByRole('complementary', { name: 'Call details' }).getByRole('region', { name: 'Your handler' });
  const before = (await handler().received()).length;
  const other = await browser.context.newPage();
  try {
    await openInspector(other, server.inspectorUrl!);
    await other.locator('[data-call-id="1"]').click();
    const there = other.getByRole('complementary', { name: 'Call details' }).getByRole('region', { name: 'Your handler' });
    await there.getByRole('button', { name: "Check my handler's verifier…" }).click();
    await there.getByRole('button', { name: 'Send the calls' }).click();

    // This page, showing the same call, started nothing: it follows the core's steps.
    const progress = section.getByRole('group', { name: "Checking your handler's verifier" });
    const step = () => progress.getByTestId('probe-step').textContent();
    await expect.poll(step).toMatch(/^Sending 1 of \d+: \w/);
    const total = Number(/ of (\d+):/.exec((await step()) ?? '')![1]);
    await handler().release(1);
    await expect.poll(step).toMatch(new RegExp(`^Sending 2 of ${total}: `));
    expect(await section.getByRole('button', { name: "Check my handler's verifier…" }).isDisabled()).toBe(true);

    const stopHeard = page.waitForResponse((response) => response.url().endsWith('/api/call/stopProbe'));
    await progress.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(step).toMatch(/^Stopping: nothing more is sent/);
    await stopHeard;
    await handler().release(1);
    // The page that started it shows what was found; here the progress goes once the probe ended.
    const result = there.getByRole('region', { name: 'Probe result' });
    await result.waitFor({ timeout: 30_000 });
    expect(await result.locator('[data-finding]').getAttribute('data-finding')).toBe('stopped');
    await expect.poll(() => progress.count()).toBe(0);
    expect(await section.getByRole('button', { name: "Check my handler's verifier…" }).isDisabled()).toBe(false);
    expect(await handler().received()).toHaveLength(before + 2);
  } finally {
    await other.close();
  }
  expect(pageErrors).toEqual([]);
});
