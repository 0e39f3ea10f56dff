// Importing a file the history already holds (the same HAR imported again) leaves its calls out
// and says how many, rather than storing every call a second time without a word.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { tempDir } = cleanupsPerTest();

const entry = (startedDateTime: string, n: number) => ({
  startedDateTime,
  request: {
    method: 'POST',
    url: 'http://127.0.0.1:8787/actions/send_email',
    headers: [{ name: 'content-type', value: 'application/json' }],
    postData: { mimeType: 'application/json', text: signedBody(flowentPayload('send_email', { n }), 'k') },
  },
  response: { status: 200, headers: [], content: { text: '{"result":"ok","error":""}' } },
});

function harFile(dir: string, name: string, entries: unknown[]): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify({ log: { version: '1.2', entries } }));
  return file;
}

/** How many calls the history holds (`calls --json` prints one a line). */
const count = async (dir: string) =>
  (await runCli(['calls', '--json', '--data-dir', dir])).stdout.split('\n').filter((line) => line.startsWith('{')).length;

it('a file imported again stores nothing twice, says how many it left out, and exits 0', async () => {
  const dir = tempDir();
  const entries = [entry('2024-03-01T09:30:01.000Z', 1), entry('2024-03-01T09:30:02.000Z', 2), entry('2024-03-01T09:30:03.000Z', 3)];
  const file = harFile(dir, 'calls.har', entries);
  const env = { FLOWENT_HMAC_KEY: 'k' };
  const first = await runCli(['import', file, '--data-dir', dir], env);
  expect(first.stdout).toBe(`Imported 3 calls from ${file}.\n`);
  const again = await runCli(['import', file, '--data-dir', dir], env);
  expect(again.stdout).toBe(
    `Imported 0 calls from ${file}; left out 3 already in the history (same path, body and time received: imported before).\n`,
  );
  expect(again.code).toBe(0);
  expect(await count(dir)).toBe(3);

  // A file with one new call among them stores that one; an export of the history imported into it stores none.
  const more = harFile(dir, 'more.har', [...entries, entry('2024-03-01T09:30:04.000Z', 4)]);
  expect((await runCli(['import', more, '--data-dir', dir], env)).stdout).toBe(
    `Imported 1 call from ${more}; left out 3 already in the history (same path, body and time received: imported before).\n`,
  );
  const exported = join(dir, 'exported.har');
  expect((await runCli(['export', '--har', exported, '--data-dir', dir])).code).toBe(0);
  expect((await runCli(['import', exported, '--data-dir', dir], env)).stdout).toContain('Imported 0 calls');
  expect(await count(dir)).toBe(4);
});

it('two identical entries in one file are two calls: both are imported', async () => {
  const dir = tempDir();
  const file = harFile(dir, 'twice.har', [entry('2024-03-01T09:30:01.000Z', 1), entry('2024-03-01T09:30:01.000Z', 1)]);
  expect((await runCli(['import', file, '--data-dir', dir], { FLOWENT_HMAC_KEY: 'k' })).stdout).toBe(`Imported 2 calls from ${file}.\n`);
  expect(await count(dir)).toBe(2);
});
