import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './browser';
import { serveInspectorForFile, shownCallTotal } from './served-inspector';
import { bigHar } from '../helpers/big-har';
import { runCli, type ServeProcess } from '../helpers/spawn-cli';

// Commands run in another terminal store their calls in the history a `serve` shows: a `send`
// to that serve's webhook (stored by the sender, answered by the serve), an `import`. The open
// page shows them as they are stored, without a reload.
const KEY = 'e2e-other-commands-key';
let server: ServeProcess;
let page: Page;
let rows: () => Locator;
let dataDir: string;

serveInspectorForFile(
  () => ({ env: { FLOWENT_HMAC_KEY: KEY } }),
  (served) => ({ server, page, rows, dataDir } = served),
);

const total = () => shownCallTotal(page);
const cli = async (args: string[]) => {
  const ran = await runCli([...args, '--data-dir', dataDir], { FLOWENT_HMAC_KEY: KEY });
  expect(ran.code, ran.stderr).toBe(0);
  return ran;
};

it('shows a call sent from another terminal, then an import of over a thousand, as they are stored', async () => {
  expect(await total()).toBe(0);
  await cli(['send', 'weather', '--params', '{"city":"Oslo"}', '--target', `${server.baseUrl}/actions/{action_name}`]);
  await expect.poll(total).toBe(1);
  await expect.poll(() => rows().count()).toBe(1);
  expect(await rows().first().textContent()).toContain('weather');

  // Past 999 the header writes its count with a separator (1,001): read as people read it.
  const har = bigHar(1_000 * 1_300, KEY, 1_300);
  const file = join(dataDir, 'calls.har');
  writeFileSync(file, har.text);
  await cli(['import', file]);
  await expect.poll(total).toBe(1 + har.entries);
  await expect.poll(async () => (await rows().first().textContent()) ?? '').toContain('send_email');
  await screenshot(page, 'other-commands-import');
});
