/// <reference lib="dom" />
// Code passed to page.evaluate runs in the page: these tests need the DOM types too.
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot, type Browser } from './browser';
import { openInspector, serveInspectorForFile } from './served-inspector';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import type { ServeProcess } from '../helpers/spawn-cli';

const KEY = 'e2e-hmac-key';
let server: ServeProcess;
let browser: Browser;
let page: Page;
let rows: () => Locator;
serveInspectorForFile(
  () => ({ env: { FLOWENT_HMAC_KEY: KEY }, open: false }),
  (served) => ({ server, browser, page, rows } = served),
);

const post = (path: string, body: string) =>
  fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe.sequential('the inspector in Chromium against a real flowent-companion serve', () => {
  it('teaches what to do when there are no calls yet', async () => {
    await openInspector(page, server.inspectorUrl!);
    const empty = page.getByRole('region', { name: 'No calls yet' });
    await expect.poll(() => empty.textContent()).toContain(`${server.baseUrl}/actions/`);
    // The sample is prepared by the core after the URL is shown: wait for it, not for a moment.
    await expect.poll(() => empty.textContent()).toMatch(/curl/);
    await screenshot(page, 'empty-state');
  });

  it('the sample curl from the empty state sends a correctly signed call', async () => {
    const curl = await page
      .getByRole('region', { name: 'No calls yet' })
      .locator('code, pre')
      .filter({ hasText: 'curl' })
      .first()
      .textContent();
    const body = /--data-binary '(.*)'$/.exec(curl ?? '')?.[1];
    expect(body).toBeTruthy();
    const answer = await post('/actions/send_email', body!);
    expect(answer.status).toBe(200);
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().locator('[data-verdict]').getAttribute('data-verdict')).toBe('valid');
  });

  it('shows signed, unsigned, tampered, registration-check and non-Flowent calls live with the right badges', async () => {
    await post('/actions/create_ticket', signedBody(flowentPayload('create_ticket', { title: 'signed-one' }), KEY));
    await post('/actions/create_ticket', JSON.stringify(flowentPayload('create_ticket', { title: 'unsigned-one' })));
    await post(
      '/actions/create_ticket',
      signedBody(flowentPayload('create_ticket', { title: 'tampered-one' }), KEY).replace('tampered-one', 'tampered-two'),
    );
    await post('/actions/create_ticket', JSON.stringify({ ...flowentPayload('create_ticket'), test: true }));
    await post('/actions/create_ticket', 'this is not json');

    await expect.poll(() => rows().count()).toBe(6);
    const verdicts = await rows()
      .locator('[data-verdict]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-verdict')));
    expect(verdicts).toEqual(['not-flowent', 'unsigned-test', 'invalid', 'missing', 'valid', 'valid']);
    expect(await rows().nth(1).textContent()).toContain('TEST');
    await screenshot(page, 'live-list');
  });

  it('opens a tampered call and explains its signature', async () => {
    await rows().nth(2).click();
    const pane = page.getByRole('complementary', { name: 'Call details' });
    const verdict = pane.getByTestId('verdict-line');
    await expect.poll(() => verdict.textContent()).toMatch(/^Invalid signature\./);
    expect(await verdict.textContent()).toMatch(/HMAC key|altered|changed/i);
    const panel = pane.getByRole('region', { name: 'Signature' });
    expect(await panel.getByTestId('matched-style').textContent()).toMatch(/No signing style matched/);
    await panel.getByRole('button', { name: /Show every style/ }).click();
    expect(await panel.getByRole('table', { name: 'Every style' }).locator('tbody tr').count()).toBeGreaterThanOrEqual(4);
    expect(await pane.textContent()).toContain('tampered-two');
    await screenshot(page, 'signature-panel-invalid');
  });

  it('opens a valid call and names the style that matched', async () => {
    await rows().nth(4).click();
    const matched = page.getByTestId('matched-style');
    await expect.poll(() => matched.textContent()).toMatch(/Matched style: .+/);
  });

  it('explains the registration check', async () => {
    await rows().nth(1).click();
    const verdict = page.getByTestId('verdict-line');
    await expect.poll(() => verdict.textContent()).toMatch(/registration check/i);
    expect(await verdict.textContent()).toMatch(/Any 2xx answer passes it/);
    await screenshot(page, 'registration-check');
  });

  it('filters by verdict and searches bodies, and keeps both across a reload with the history', async () => {
    await page.getByRole('combobox', { name: 'Verdict' }).selectOption('invalid');
    await expect.poll(() => rows().count()).toBe(1);
    expect(page.url()).toContain('verdict=invalid');
    // The action list says how many of each action's calls the verdict leaves.
    const actionOptions = () => page.getByRole('combobox', { name: 'Action' }).locator('option').allTextContents();
    await expect.poll(actionOptions).toEqual(['All actions', 'create_ticket (1)', 'send_email (0)']);

    await page.getByRole('combobox', { name: 'Verdict' }).selectOption('');
    await expect.poll(() => rows().count()).toBe(6);
    await page.getByRole('searchbox', { name: 'Search request bodies' }).fill('unsigned-one');
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().locator('[data-verdict]').getAttribute('data-verdict')).toBe('missing');
    await expect.poll(() => page.url()).toContain('text=unsigned-one');

    await page.reload();
    await expect.poll(() => rows().count()).toBe(1);
    expect(await page.getByRole('searchbox', { name: 'Search request bodies' }).inputValue()).toBe('unsigned-one');
    await page.getByRole('searchbox', { name: 'Search request bodies' }).fill('');
    await expect.poll(() => rows().count()).toBe(6);
    await screenshot(page, 'after-reload');
  });

  it('moves through calls with the keyboard', async () => {
    await rows().first().click();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => rows().nth(1).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search request bodies');
  });

  it('refuses to work without the token', async () => {
    const inspector = new URL(server.inspectorUrl!);
    const other = await browser.context.newPage();
    await other.goto(`${inspector.origin}/`);
    await other.getByText('opened without its access token').waitFor();
    const api = await other.evaluate(
      async () =>
        (await fetch('/api/call/getStatus', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[]' })).status,
    );
    expect(api).toBe(401);
    await other.close();
  });
});
