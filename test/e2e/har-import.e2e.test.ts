import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { serveInspectorForFile, shownCallTotal } from './served-inspector';
import { bigHar } from '../helpers/big-har';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import type { ServeProcess } from '../helpers/spawn-cli';

// A 50 MB HAR imported through the browser inspector: the page uploads it whole, shows each
// stage of the import (the upload, the parse, the entries), then the result; calls sent to the webhook port meanwhile are answered.
// Their latencies are printed (BENCHMARKS.md keeps them), not asserted.
const KEY = 'e2e-har-import-key';
const SIZE_MB = Number(process.env.HAR_IMPORT_MB ?? 50);
let server: ServeProcess;
let page: Page;
let dataDir: string;
let pageErrors: string[];

serveInspectorForFile(
  () => ({ env: { FLOWENT_HMAC_KEY: KEY } }),
  (served) => ({ server, page, dataDir, pageErrors } = served),
);

const total = () => shownCallTotal(page);

/** Every state the import's progress bar takes, recorded in the page as it happens. */
interface BarState {
  value: number | null;
  max: number | null;
  /** The stage in words beside the bar. */
  words: string;
  at: number;
}

/** What the page showed of the import, as it showed it. */
interface ImportRecord {
  bar: BarState[];
  /** Every message the page put up (toasts, error banners), in order. */
  messages: string[];
}

/**
 * Records the bar's states and the page's messages from inside the page: polling from the test
 * would miss them, as the import can go from the first entry to the last faster than one round
 * trip to a busy page, and the message of a busy page may be gone before a poll sees it.
 */
async function recordImport(): Promise<() => Promise<ImportRecord>> {
  await page.evaluate(() => {
    const record: ImportRecord = { bar: [], messages: [] };
    (window as unknown as { harImport: ImportRecord }).harImport = record;
    const seen = new WeakSet<Element>();
    const read = (attribute: string, bar: Element) => (bar.hasAttribute(attribute) ? Number(bar.getAttribute(attribute)) : null);
    new MutationObserver(() => {
      const bar = document.querySelector('progress[aria-label="HAR import"]');
      const words = bar && document.getElementById(bar.getAttribute('aria-describedby') ?? '')?.textContent;
      // One entry per state the bar takes, not per change elsewhere on the page (thousands of
      // arriving calls): the test reads the record while the import runs.
      const last = record.bar[record.bar.length - 1];
      const state = { value: bar ? read('value', bar) : null, max: bar ? read('max', bar) : null, words: words ?? '' };
      if (bar && (!last || last.value !== state.value || last.max !== state.max || last.words !== state.words))
        record.bar.push({ ...state, at: Date.now() });
      document.querySelectorAll('.toast').forEach((toast) => {
        if (seen.has(toast)) return;
        seen.add(toast);
        record.messages.push(toast.textContent ?? '');
      });
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { harImport: ImportRecord }).harImport);
}

/** The messages alone, cheap to poll while the import runs. */
const importMessages = () => page.evaluate(() => (window as unknown as { harImport: ImportRecord }).harImport.messages);

/**
 * A signed call to the webhook on a connection of its own. A kept-alive connection would make the
 * test fail for the test's own sake: on a loaded machine this process can stall past the server's
 * 5 s keep-alive, and then sends on a connection the server has rightly closed.
 */
function sendCall(during: number): Promise<number> {
  const body = signedBody(flowentPayload('send_email', { during }), KEY);
  return new Promise((resolve, reject) => {
    const sent = request(
      `${server.baseUrl}/actions/send_email`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (answer) => {
        answer.resume();
        answer.on('end', () => resolve(answer.statusCode ?? 0));
        answer.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

/** The page's word on the import: its first message about it, or a failure that says what the page and serve showed. */
async function importOutcome(read: () => Promise<ImportRecord>, timeoutMs: number): Promise<string> {
  const about = (message: string) => /^(Imported|Could not import)/.test(message);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = (await importMessages()).find(about);
    if (outcome) return outcome;
    if (Date.now() > deadline) {
      const record = await read();
      const shown = {
        messages: record.messages,
        barStates: record.bar.length,
        lastBar: record.bar.at(-1) ?? null,
        pageErrors,
        serveTail: server
          .output()
          .split('\n')
          .filter((line) => !line.startsWith('  ') && !/^\d\d:\d\d:\d\d {2}send_email /.test(line))
          .slice(-20),
      };
      throw new Error(`The page said nothing of the import in ${timeoutMs / 1000} s. It showed: ${JSON.stringify(shown, null, 2)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

it(`imports a ${SIZE_MB} MB HAR through the page, with progress, while calls are answered`, async () => {
  const har = bigHar(SIZE_MB * 1024 * 1024, KEY);
  const file = join(dataDir, 'big.har');
  writeFileSync(file, har.text);
  const readImport = await recordImport();

  await page.getByLabel('HAR file to import').setInputFiles(file);
  // Calls keep arriving, one every 100 ms, until the page says the import is over.
  const answered: { status: number; ms: number; at: number }[] = [];
  let importing = true;
  const sender = (async () => {
    while (importing) {
      const started = performance.now();
      const status = await sendCall(answered.length);
      answered.push({ status, ms: performance.now() - started, at: Date.now() });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const outcome = await importOutcome(readImport, 240_000).finally(() => (importing = false));
  await sender;
  // The page writes counts as the command line does: 27,356 calls.
  expect(outcome).toBe(`Imported ${har.entries.toLocaleString('en-US')} calls.`);

  // The bar said each stage in turn: the bytes sent, the parse, then the entries read.
  const { bar } = await readImport();
  const firstOf = (words: RegExp) => bar.findIndex((state) => words.test(state.words));
  const uploading = firstOf(/^Uploading( \d+ of \d+ MB|…)$/);
  const reading = firstOf(/^Reading the file…$/);
  const counting = firstOf(/^[\d,]+ of [\d,]+ calls$/);
  expect([uploading >= 0, reading > uploading, counting > reading]).toEqual([true, true, true]);
  expect(bar[reading]!.value).toBeNull();
  // The bar moved: it showed some entries read, not all, out of the file's entries.
  const moving = bar.filter((state, i) => i >= counting && state.value !== null && state.value > 0 && state.value < har.entries);
  expect(moving.length).toBeGreaterThan(0);
  expect(moving.every((state) => state.max === har.entries)).toBe(true);
  await screenshot(page, 'har-import-done');

  // Calls arriving while the bar moved were answered; their latencies are printed.
  const during = answered.filter((call) => call.at >= moving[0]!.at && call.at <= moving[moving.length - 1]!.at);
  expect(during.length).toBeGreaterThan(0);
  expect(answered.every((call) => call.status === 200)).toBe(true);
  await expect.poll(total, { timeout: 60_000 }).toBe(har.entries + answered.length);
  const sorted = during.map((call) => call.ms).sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10;
  console.log(
    `har-import figures: ${JSON.stringify({
      sizeMb: SIZE_MB,
      entries: har.entries,
      uploadingMs: bar[reading]!.at - bar[uploading]!.at,
      readingMs: bar[counting]!.at - bar[reading]!.at,
      countingMs: bar.at(-1)!.at - bar[counting]!.at,
      callsDuring: during.length,
      medianMs: at(0.5),
      p90Ms: at(0.9),
      maxMs: at(1),
    })}`,
  );
  expect(pageErrors).toEqual([]);
}, 360_000);
