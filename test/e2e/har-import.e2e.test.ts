import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { serveInspectorForFile } from './served-inspector';
import { bigHar } from '../helpers/big-har';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import type { ServeProcess } from '../helpers/spawn-cli';

// A 50 MB HAR imported through the browser inspector: the page uploads it whole, shows the
// import's progress, then the result; calls sent to the webhook port meanwhile are answered.
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

const total = async () => Number(await page.locator('[aria-label="Call counts"] strong').first().textContent());

it(`imports a ${SIZE_MB} MB HAR through the page, with progress, while calls are answered`, async () => {
  const har = bigHar(SIZE_MB * 1024 * 1024, KEY);
  const file = join(dataDir, 'big.har');
  writeFileSync(file, har.text);

  await page.getByLabel('HAR file to import').setInputFiles(file);
  const progress = page.getByRole('progressbar', { name: 'HAR import' });
  // The bar moves: some entries read, not all.
  await expect
    .poll(async () => Number((await progress.getAttribute('value').catch(() => null)) ?? 0), { timeout: 60_000, interval: 50 })
    .toBeGreaterThan(0);
  expect(Number(await progress.getAttribute('max'))).toBe(har.entries);
  await screenshot(page, 'har-import-progress');

  // Calls arriving during the import are answered; the first call of each second is timed.
  const latencies: number[] = [];
  while (await progress.isVisible()) {
    const started = performance.now();
    const answer = await fetch(`${server.baseUrl}/actions/send_email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: signedBody(flowentPayload('send_email', { during: latencies.length }), KEY),
    });
    expect(answer.status).toBe(200);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await page.getByText(`Imported ${har.entries} calls.`).waitFor({ timeout: 120_000 });
  await expect.poll(total, { timeout: 60_000 }).toBe(har.entries + latencies.length);
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! * 10) / 10;
  console.log(
    `har-import figures: ${JSON.stringify({ sizeMb: SIZE_MB, entries: har.entries, callsDuring: latencies.length, medianMs: at(0.5), p90Ms: at(0.9), maxMs: at(1) })}`,
  );
  expect(latencies.length).toBeGreaterThan(0);
  expect(pageErrors).toEqual([]);
}, 300_000);
