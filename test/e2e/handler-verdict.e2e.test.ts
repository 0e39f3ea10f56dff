import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { verifierSnippet } from '../../main/core/handler-check';
import { hasPython } from '../core/handler-check/verifier-runners';
import { serveForwardingToHandler } from '../helpers/serve-forwarding-to-handler';
import { startSignatureHandler } from '../helpers/signature-handler-process';
import type { ServeProcess } from '../helpers/spawn-cli';
import { seriousAxeViolations } from './axe';
import { screenshot, type Browser } from './browser';
import { postInStyle } from './post-in-style';

// The handler's verdict in the inspector: a real `serve` forwarding to the Python handler that
// verifies like the docs' Python example (test/fixtures/handlers/signature-handler.py), in Chromium.
const KEY = 'e2e-handler-key';
let server: ServeProcess;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let rows: () => Locator;

const handler = serveForwardingToHandler(
  () => startSignatureHandler('python', KEY),
  () => ({ env: { FLOWENT_HMAC_KEY: KEY } }),
  (served) => ({ server, browser, page, pageErrors, rows } = served),
);

/** Non-ASCII and unsorted, so the python and go styles sign it differently. */
function post(style: 'python' | 'go', action = 'greet', parameters: object = { name: 'Renée', city: '北京' }): Promise<number> {
  return postInStyle(server.baseUrl, KEY, style, action, parameters);
}

describe.skipIf(!hasPython).sequential("the handler's verdict in the inspector", () => {
  it('marks the refused call in the list, and shows the diagnosis first with a verifier to copy', async () => {
    expect(await post('python')).toBe(200);
    expect(await post('go')).toBe(401);
    await expect.poll(() => rows().count()).toBe(2);
    // Newest first: the go-signed call the handler refused carries the marker, the accepted one none.
    await expect.poll(() => rows().nth(0).getByTestId('handler-mark').count()).toBe(1);
    expect(await rows().nth(1).getByTestId('handler-mark').count()).toBe(0);

    await rows().nth(0).click();
    const pane = page.getByRole('complementary', { name: 'Call details' });
    const diagnosis = pane.getByRole('group', { name: 'Your handler and the signature' });
    await diagnosis.waitFor();
    expect(await diagnosis.getAttribute('data-code')).toBe('handler-signature-style-mismatch');
    const text = (await diagnosis.textContent()) ?? '';
    // The lead is a line: the verdict and this call's style; the styles it may verify with are in the table only.
    const lead = (await diagnosis.locator('p').first().textContent()) ?? '';
    expect(lead).toBe(
      'Your handler and the companion disagree about the signature. Your handler rejected a valid signature (it answered 401): ' +
        'this call was signed with Go example (sorted keys, Go escaping), a style it does not verify with.',
    );
    // Its error once, in the problem box below: not again in the box.
    expect(text).not.toContain('Invalid signature');
    // Styles named by label, as in the list below and the signature details; the verifier in the fold below, not a command.
    expect(text).toContain('"Show a verifier that checks this style" below gives a verifier that accepts how this call was signed.');
    expect(text).not.toContain('flowent-companion');
    // Styles are named as the signature details name them.
    expect(await diagnosis.getByTestId('handler-styles-accepted').textContent()).toBe('Python example (as sent, ASCII escapes)');
    expect(await diagnosis.getByTestId('handler-styles-refused').textContent()).toMatch(/^Go example \(sorted keys, Go escaping\); /);
    // Whose record it is: the route this call reached, not every action forwarded to the target.
    expect(await diagnosis.getByTestId('handler-reached').textContent()).toBe(handler().target.replace('{action_name}', 'greet'));
    // Above the usual verdict line: it is what the developer reads first.
    const [diagnosisTop, verdictTop] = await Promise.all([
      diagnosis.evaluate((element) => element.getBoundingClientRect().top),
      pane.getByTestId('verdict-line').evaluate((element) => element.getBoundingClientRect().top),
    ]);
    expect(diagnosisTop).toBeLessThan(verdictTop);
    // The verdict and the problems are on the first screen (1440×900): the verifier's code waits behind a disclosure.
    const paneBottom = await pane.evaluate((element) => Math.min(element.getBoundingClientRect().bottom, window.innerHeight));
    for (const shown of [pane.getByTestId('verdict-line'), pane.getByRole('note', { name: 'Contract check' })]) {
      expect(await shown.evaluate((element) => element.getBoundingClientRect().bottom)).toBeLessThanOrEqual(paneBottom);
    }
    expect(await diagnosis.getByLabel('Python verifier', { exact: true }).count()).toBe(0);
    await screenshot(page, 'handler-diagnosis-first-screen');
    await diagnosis.getByText('Show a verifier that checks this style', { exact: true }).click();

    // A Python verifier that accepts the go style, then the Go one, each copied as shown.
    const code = diagnosis.getByLabel('Python verifier', { exact: true });
    await expect.poll(() => code.textContent()).toBe(verifierSnippet('python', 'go'));
    // A hundred lines in a frame that scrolls: reached and scrolled by keyboard.
    expect(await code.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    expect(await seriousAxeViolations(page, '[aria-label="Your handler and the signature"]')).toEqual([]);
    await code.focus();
    await page.keyboard.press('End');
    await expect.poll(() => code.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await diagnosis.getByRole('button', { name: 'Copy Python verifier' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(verifierSnippet('python', 'go'));
    await diagnosis.getByRole('radio', { name: 'Go' }).check();
    await expect.poll(() => diagnosis.getByLabel('Go verifier', { exact: true }).textContent()).toBe(verifierSnippet('go', 'go'));
    await diagnosis.getByRole('button', { name: 'Copy Go verifier' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(verifierSnippet('go', 'go'));
    await screenshot(page, 'handler-diagnosis');
    expect(pageErrors).toEqual([]);
  });

  it("checks the handler's verifier only after asking, and shows what it accepted", async () => {
    const pane = page.getByRole('complementary', { name: 'Call details' });
    const section = pane.getByRole('region', { name: 'Your handler' });
    await section.getByRole('button', { name: "Check my handler's verifier…" }).click();
    const consent = section.getByRole('group', { name: "Confirm checking your handler's verifier" });
    expect(await consent.textContent()).toContain(`your real handler at ${handler().target.replace('{action_name}', 'greet')}`);
    // Nothing is sent before the developer agrees.
    expect(await rows().count()).toBe(2);
    await consent.getByRole('button', { name: 'Send the calls' }).click();

    const result = section.getByRole('region', { name: 'Probe result' });
    await result.waitFor({ timeout: 30_000 });
    // The finding names styles as the table beside it does: by label, never by id.
    const finding = (await result.getByRole('status').textContent()) ?? '';
    expect(finding).toMatch(
      /^Your handler checks signatures: it rejected the wrong signature and accepted Python example \(as sent, ASCII escapes\)/,
    );
    expect(finding).not.toMatch(/\bpython\b/);
    const table = result.getByRole('table', { name: 'What your handler accepted' });
    const python = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Python example\b/ }) });
    expect(await python.getByRole('cell').nth(0).textContent()).toBe('accepted');
    const go = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^Go example\b/ }) });
    expect(await go.getByRole('cell').nth(0).textContent()).toBe('rejected');
    expect(await go.getByRole('cell').nth(1).textContent()).toBe('401 "Invalid signature"');
    const wrong = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'a wrong signature' }) });
    expect(await wrong.getByRole('cell').nth(0).textContent()).toBe('rejected');
    // Every probe call is stored, as a replay of the call.
    const sent = await table.getByRole('row').count();
    await expect.poll(() => rows().count()).toBe(2 + sent - 1);
    expect(await rows().first().getByTestId('source-tag').getAttribute('data-source')).toBe('replay');
    await screenshot(page, 'handler-probe');
    expect(pageErrors).toEqual([]);
  });

  it('keeps the box within the details pane on a 1024×768 screen: the route and the style names wrap', async () => {
    // A longer route than greet's, and calls a Go-style handler would see (what the audit opened).
    expect(await post('python', 'create_ticket', { title: 'Zürich', priority: 'high' })).toBe(200);
    expect(await post('go', 'create_ticket', { title: 'Zürich', priority: 'high' })).toBe(401);
    await page.setViewportSize({ width: 1024, height: 768 });
    try {
      const refused = rows().filter({ hasText: 'create_ticket' }).first();
      await expect.poll(() => refused.getByTestId('handler-mark').count()).toBe(1);
      await refused.click();
      const pane = page.getByRole('complementary', { name: 'Call details' });
      const diagnosis = pane.getByRole('group', { name: 'Your handler and the signature' });
      await expect.poll(() => diagnosis.getByTestId('handler-reached').textContent()).toContain('/actions/create_ticket');
      const paneRight = await pane.evaluate((element) => element.getBoundingClientRect().right);
      const facts = await diagnosis.locator('.facts dd').evaluateAll((values) =>
        values.map((value) => ({
          text: value.textContent,
          right: value.getBoundingClientRect().right,
          cut: value.scrollWidth > value.clientWidth,
        })),
      );
      expect(facts.length).toBeGreaterThanOrEqual(4);
      for (const fact of facts) {
        expect(fact, fact.text ?? '').toMatchObject({ cut: false });
        expect(fact.right, fact.text ?? '').toBeLessThanOrEqual(paneRight);
      }
      await screenshot(page, 'handler-diagnosis-1024');
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    expect(pageErrors).toEqual([]);
  });
});
