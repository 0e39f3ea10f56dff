import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { pythonSigned } from './screen-calls';
import { serveInspectorForFile } from './served-inspector';
import { flowentPayload, postSigned, signedBody } from '../helpers/flowent-signer';
import { runCli, type ServeProcess } from '../helpers/spawn-cli';

// What the list and the detail pane say besides the verdict, each read from what the core
// stored: where a search matched, stale and future timestamps, the action as sent, the mock
// as it was written, and which answer was given.
const KEY = 'e2e-screen-data-key';
const VIP_MOCK = `# VIP customers first
selection: rules
responses:
  - name: vip customer
    when: {path: parameters.vip, equals: true}
    body: {result: "vip", error: ""}
fallback:
  body: {result: "regular", error: ""}
`;
const now = () => Math.floor(Date.now() / 1000);

/** The calls, in the order they are sent (so their ids are 1, 2, ...). */
const CALLS = {
  escapedVip: 1,
  plainRegular: 2,
  noMock: 3,
  old: 4,
  future: 5,
  numberAsAction: 6,
} as const;

let page: Page;
let rows: () => Locator;
let server: ServeProcess;

serveInspectorForFile(
  () => ({ env: { FLOWENT_HMAC_KEY: KEY }, prepare: seed }),
  (served) => ({ page, rows, server } = served),
);

async function seed(server: ServeProcess): Promise<void> {
  const dataDir = /History: +(.+)\/history\.sqlite/.exec(server.output())?.[1];
  if (!dataDir) throw new Error(`serve printed no history path:\n${server.output()}`);
  const mockFile = join(dataDir, 'vip.yaml');
  writeFileSync(mockFile, VIP_MOCK);
  const stored = await runCli(['mocks', 'set', 'send_email', '--file', mockFile, '--data-dir', dataDir]);
  if (stored.code !== 0) throw new Error(`mocks set failed: ${stored.stderr}`);
  const bodies = [
    // As Flowent's Python-style signer sends it: "Zürich" as Z\u00fcrich.
    pythonSigned('send_email', '{"city":"Z\\u00fcrich","vip":true}', KEY),
    signedBody(flowentPayload('send_email', { city: 'Zürich', vip: false }), KEY),
    signedBody(flowentPayload('lookup_order', { order_id: 'A-1' }), KEY),
    signedBody(flowentPayload('lookup_order', { order_id: 'A-2' }, { timestamp: now() - 3600 }), KEY),
    signedBody(flowentPayload('lookup_order', { order_id: 'A-3' }, { timestamp: now() + 600 }), KEY),
    JSON.stringify({ action_name: 5, parameters: {}, timestamp: now() }),
  ];
  for (const body of bodies) {
    const path = body.includes('lookup_order') ? '/actions/lookup_order' : '/actions/send_email';
    await fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  }
}

const row = (id: number) => page.locator(`[role="option"][data-call-id="${id}"]`);
const pane = () => page.getByRole('complementary', { name: 'Call details' });
const searchBox = () => page.getByRole('searchbox', { name: 'Search request bodies' });

async function answeredBy(id: number): Promise<string | null> {
  await row(id).click();
  await expect.poll(() => pane().locator('.detail-title').count()).toBe(1);
  await expect.poll(() => row(id).getAttribute('aria-selected')).toBe('true');
  return pane().getByTestId('answered-by').textContent();
}

describe.sequential('what the list and the details say, in Chromium against a real serve', () => {
  it('marks stale and future timestamps in the list, and only those', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await expect.poll(() => rows().count()).toBe(6);
    expect(await row(CALLS.old).getByTestId('timestamp-mark').textContent()).toBe('old');
    expect(await row(CALLS.old).getByTestId('timestamp-mark').getAttribute('title')).toMatch(/sent 60 min before it arrived.*5-minute/);
    expect(await row(CALLS.future).getByTestId('timestamp-mark').textContent()).toBe('future');
    expect(await page.getByTestId('timestamp-mark').count()).toBe(2);
  });

  it('lists a body whose action_name is not a name by what was sent', async () => {
    const sent = row(CALLS.numberAsAction).getByTestId('sent-action');
    expect((await sent.innerText()).replace(/\s+/g, ' ')).toBe('send_email ← 5 not a name');
    expect(await sent.getAttribute('title')).toMatch(/action_name is 5: not a valid action name\. The URL names send_email\./);
    await screenshot(page, 'list-timestamps-and-sent-action');
  });

  it('says which answer was given: the mock and its rule, its fallback, or the built-in answer', async () => {
    expect(await answeredBy(CALLS.escapedVip)).toBe("the mock of send_email, rule 'vip customer'");
    expect(await answeredBy(CALLS.plainRegular)).toBe('the mock of send_email, its fallback (no rule held)');
    expect(await answeredBy(CALLS.noMock)).toBe('the built-in answer (lookup_order has no mock)');
  });

  it('opens a mock written as YAML as that YAML, comments and key order kept', async () => {
    await row(CALLS.escapedVip).click();
    await page.getByRole('button', { name: 'Answers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Answers' });
    const editor = dialog.getByRole('textbox', { name: 'Mock definition (YAML)' });
    await expect.poll(() => editor.count()).toBe(1);
    const lines = await editor.locator('.cm-line').allTextContents();
    expect(lines.slice(0, 4)).toEqual(['# VIP customers first', 'selection: rules', 'responses:', '  - name: vip customer']);
    await screenshot(page, 'answers-yaml-mock');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('finds "Zürich" in a body that sent it escaped, with the count and where it matched', async () => {
    await searchBox().fill('Zürich');
    await expect.poll(() => rows().count()).toBe(2);
    await expect.poll(() => page.getByTestId('search-count').textContent()).toBe('2 of 6 calls contain “Zürich”');
    const snippet = row(CALLS.escapedVip).getByTestId('match-snippet');
    expect(await snippet.locator('mark').textContent()).toBe('Zürich');
    expect(await snippet.textContent()).toMatch(/"city":"Zürich","vip":true/);
    expect(await row(CALLS.plainRegular).getByTestId('match-snippet').textContent()).toMatch(/"city":"Zürich"/);
    await screenshot(page, 'search-escaped-text');
    // The escape itself is not what people read, so it is not found.
    await searchBox().fill('u00fc');
    await expect.poll(() => page.getByRole('heading', { name: 'No calls match these filters' }).count()).toBe(1);
    await searchBox().fill('');
    await expect.poll(() => rows().count()).toBe(6);
    expect(await page.getByTestId('search-count').textContent()).toBe('');
  });

  it('with a search and an action chosen, the Action list counts the arriving calls that contain the text, of every action', async () => {
    const actions = page.getByRole('combobox', { name: 'Action' });
    const options = async () => (await actions.locator('option').allTextContents()).sort();
    await searchBox().fill('Zürich');
    await actions.selectOption('send_email');
    await expect.poll(() => page.getByTestId('search-count').textContent()).toBe('2 of 6 calls contain “Zürich” and match the filters');
    await expect.poll(options).toEqual(['All actions', 'lookup_order (0)', 'send_email (2)']);

    for (const [action, city] of [
      ['lookup_order', 'Zürich'],
      ['lookup_order', 'Bern'],
      ['send_email', 'Zürich'],
    ] as const) {
      await postSigned(server.baseUrl, action, { city }, KEY);
    }
    // The header and the new-calls pill take the chosen action's; the list each action's.
    await expect.poll(options).toEqual(['All actions', 'lookup_order (1)', 'send_email (3)']);
    await expect.poll(() => page.getByTestId('search-count').textContent()).toBe('3 of 9 calls contain “Zürich” and match the filters');
    await page.getByRole('button', { name: '1 new call: show' }).click();
    await expect.poll(() => rows().count()).toBe(3);
    await actions.selectOption('');
    await searchBox().fill('');
    await expect.poll(() => rows().count()).toBe(9);
  });
});
