import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { shownCallTotal } from './served-inspector';
import { postSigned } from '../helpers/flowent-signer';
import { startHandler } from '../helpers/handler-process';
import { serveForwardingToHandler } from '../helpers/serve-forwarding-to-handler';

// Bulk replay, the simulator and HAR export/import from the inspector: a real `serve`
// forwarding to a real handler process, driven in Chromium.
const KEY = 'e2e-simulate-key';
let page: Page;
let pageErrors: string[];
let rows: () => Locator;
const SLOW = { timeout: 30_000 };

/** HAR 1.2's JSON Schema (har-schema ships JSON files and no types). */
function validHar(doc: unknown): string | null {
  const schemas = createRequire(import.meta.url)('har-schema') as Record<string, Record<string, unknown>>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addMetaSchema(draft06);
  for (const [name, schema] of Object.entries(schemas)) if (name !== 'har') ajv.addSchema(schema);
  const validate = ajv.compile(schemas.har!);
  return validate(doc) ? null : ajv.errorsText(validate.errors);
}

const total = () => shownCallTotal(page);

const handler = serveForwardingToHandler(
  startHandler,
  () => ({
    env: { FLOWENT_HMAC_KEY: KEY },
    // slow_ok answers after 300 ms: a bulk replay of these takes long enough to watch.
    prepare: async (server) => {
      for (let n = 1; n <= 4; n++) {
        const sent = await postSigned(server.baseUrl, 'slow_ok', { n }, KEY);
        expect(sent.status).toBe(200);
      }
    },
  }),
  (served) => ({ page, pageErrors, rows } = served),
);

describe.sequential('bulk replay, simulate and HAR from the inspector', () => {
  it('replays the filtered calls with a progress bar and a summary', async () => {
    await expect.poll(() => rows().count(), SLOW).toBe(4);
    await page.getByRole('combobox', { name: 'Action' }).selectOption('slow_ok');
    await page.getByRole('button', { name: 'Bulk replay…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bulk replay' });
    await dialog.getByRole('button', { name: 'Replay these 4 calls' }).click();
    const bar = dialog.getByRole('progressbar', { name: 'Replayed so far' });
    await bar.waitFor(SLOW);
    expect(await bar.getAttribute('max')).toBe('4');
    await expect.poll(() => dialog.textContent(), SLOW).toContain('Done: 4 of 4 calls replayed.');
    expect(await bar.getAttribute('value')).toBe('4');
    await screenshot(page, 'bulk-replay-summary');
    // The handler answers these the same way each time: every replay passed.
    const passed = dialog.getByRole('button', { name: 'Passed 4' });
    await passed.click();
    expect(await dialog.getByRole('list', { name: 'Passed calls' }).getByRole('listitem').count()).toBe(4);
    await expect.poll(() => rows().count(), SLOW).toBe(8);
    await dialog.getByRole('button', { name: 'Close bulk replay' }).click();

    // Opened again: what a new run would replay, the last run folded below.
    await page.keyboard.press('r');
    await dialog.getByRole('button', { name: 'Replay these 4 calls' }).waitFor(SLOW);
    expect(await dialog.locator('details.bulk-last-run > summary').textContent()).toBe('Last bulk replay: Done: 4 of 4 calls replayed.');
    expect(await dialog.getByRole('progressbar', { name: 'Replayed so far' }).isVisible()).toBe(false);
    await dialog.getByRole('button', { name: 'Close bulk replay' }).click();
  }, 60_000);

  it('simulates a signed call and sees it in the list', async () => {
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => rows().count(), SLOW).toBe(8);
    const before = (await handler().received()).length;
    await page.getByRole('button', { name: 'Simulate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Simulate a Flowent call' });
    // The known actions load after the dialog opens and fill the field with the first one:
    // typing before that lands would be mixed with it.
    const actionField = dialog.getByRole('combobox', { name: 'Action' });
    await expect.poll(() => actionField.inputValue()).not.toBe('');
    await actionField.fill('ok');
    await dialog.locator('.cm-editor').waitFor(SLOW);
    // Typed key by key in a real number field: "-" alone has no value, and was turned into 0.
    const seed = dialog.getByRole('spinbutton', { name: 'Seed' });
    await seed.fill('');
    await seed.pressSequentially('-4');
    expect(await seed.inputValue()).toBe('-4');
    await dialog.getByRole('button', { name: 'Send' }).click();
    const result = dialog.getByRole('region', { name: 'Simulator result' });
    await result.waitFor(SLOW);
    // The keyboard goes with the result, to its heading, not to the page's body.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Simulator result');
    expect(await result.getByLabel('Contract check').textContent()).toContain('meets Flowent’s contract');
    const received = await handler().received();
    expect(received.length).toBe(before + 1);
    expect(JSON.parse(received[received.length - 1]!.body.toString('utf8'))).toMatchObject({ action_name: 'ok', parameters: {} });
    await dialog.getByRole('button', { name: 'Close the simulator' }).click();
    await expect.poll(() => rows().count(), SLOW).toBe(9);
    expect(await rows().first().textContent()).toContain('ok');
  }, 60_000);

  it('exports the list as a HAR download and imports it back', async () => {
    const downloaded = page.waitForEvent('download', SLOW);
    await page.getByRole('button', { name: 'Export HAR' }).click();
    const download = await downloaded;
    expect(download.suggestedFilename()).toMatch(/^flowent-calls-.*\.har$/);
    const file = await download.path();
    const har = JSON.parse(readFileSync(file, 'utf8')) as { log: { version: string; entries: { startedDateTime: string }[] } };
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries).toHaveLength(9);
    expect(validHar(har)).toBeNull();

    // Imported back as it is, every call is one the history holds: left out, and said so.
    await page.getByLabel('HAR file to import').setInputFiles(file);
    await page
      .getByText('Imported 0 calls; left out 9 already in the history (same path, body and time received: imported before).')
      .waitFor(SLOW);
    expect(await total()).toBe(9);
    // The same calls an hour later are new ones: what the import stored is in the counts for good.
    for (const entry of har.log.entries) entry.startedDateTime = new Date(Date.parse(entry.startedDateTime) + 3_600_000).toISOString();
    const later = `${file}.later.har`;
    writeFileSync(later, JSON.stringify(har));
    await page.getByLabel('HAR file to import').setInputFiles(later);
    await expect.poll(total, SLOW).toBe(18);
    expect(await page.getByRole('alert', { name: 'Error messages' }).count()).toBe(0);
    await screenshot(page, 'har-imported');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('sends 100 KB of parameters, and says in the simulator why a call was not sent', async () => {
    const before = (await handler().received()).length;
    await page.keyboard.press('s');
    const dialog = page.getByRole('dialog', { name: 'Simulate a Flowent call' });
    const actionField = dialog.getByRole('combobox', { name: 'Action' });
    await expect.poll(() => actionField.inputValue()).not.toBe('');
    await actionField.fill('ok');
    await dialog.locator('.cm-editor').waitFor(SLOW);
    // Pasted, as the audit did: over the inspector API's 64 KB bound for other requests.
    await dialog.locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(JSON.stringify({ blob: 'y'.repeat(100_000) }));
    await dialog.getByRole('button', { name: 'Send' }).click();
    await dialog.getByRole('region', { name: 'Simulator result' }).waitFor(SLOW);
    const received = (await handler().received()).slice(before);
    expect(received).toHaveLength(1);
    expect((JSON.parse(received[0]!.body.toString('utf8')) as { parameters: { blob: string } }).parameters.blob).toHaveLength(100_000);

    // A request the inspector refuses is said beside Send, not in a banner behind the overlay.
    await dialog.getByRole('textbox', { name: 'Simulator target URL' }).fill(`http://127.0.0.1/${'a'.repeat(2100)}`);
    await dialog.getByRole('button', { name: 'Send' }).click();
    const refused = dialog.getByRole('alert', { name: 'Simulator error' });
    await refused.waitFor(SLOW);
    expect(await refused.textContent()).toMatch(/^Nothing was sent: /);
    expect(await page.locator('.banner-error').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Close the simulator' }).click();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
