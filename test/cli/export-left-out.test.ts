// `export` says when its limit left calls out, and `--all` writes every call of the filter, a
// batch at a time, in the bytes of the API's export.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { flowentHar } from '../helpers/flowent-har';

const { tempDir } = cleanupsPerTest();
const KEY = { FLOWENT_HMAC_KEY: 'k' };

it('says how many of the calls the default limit wrote, and --all writes them all', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'in.har'), flowentHar(1_005, 'k'));
  expect((await runCli(['import', join(dir, 'in.har'), '--data-dir', dir], KEY)).code).toBe(0);

  const limited = join(dir, 'limited.har');
  const first = await runCli(['export', '--har', limited, '--data-dir', dir], KEY);
  expect(first.stderr).toBe(
    `Exported the newest 1,000 of 1,005 calls to ${limited}; 5 older calls were left out: ` +
      '--limit <n> writes up to 10,000 calls, --all writes every one.\n',
  );
  expect(first.code).toBe(0);
  expect(JSON.parse(readFileSync(limited, 'utf8')).log.entries).toHaveLength(1_000);

  const whole = join(dir, 'all.har');
  const all = await runCli(['export', '--har', whole, '--all', '--data-dir', dir], KEY);
  expect(all.stderr).toBe(`Exported 1,005 calls to ${whole}.\n`);
  expect(all.code).toBe(0);
  const text = readFileSync(whole, 'utf8');
  const entries = JSON.parse(text).log.entries as { _callId: number }[];
  expect(entries.map((entry) => entry._callId)).toEqual(Array.from({ length: 1_005 }, (_, n) => n + 1));
  // Written a batch of calls at a time, yet the bytes of the whole document stringified as the page's export is.
  expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);

  const printed = await runCli(['export', '--har', '-', '--all', '--action', 'send_email', '--data-dir', dir], KEY);
  expect(JSON.parse(printed.stdout).log.entries).toHaveLength(1_005);
  expect(printed.stderr).toBe('Exported 1,005 calls.\n');

  const both = await runCli(['export', '--har', whole, '--all', '--limit', '5', '--data-dir', dir], KEY);
  expect(both.stderr).toContain('give --limit or --all, not both.');
  expect(both.code).toBe(2);
});

it('writes nothing, not even an empty HAR, when no call matches', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'in.har'), flowentHar(2, 'k'));
  await runCli(['import', join(dir, 'in.har'), '--data-dir', dir], KEY);
  const printed = await runCli(['export', '--har', '-', '--all', '--action', 'other', '--data-dir', dir], KEY);
  expect(printed.stdout).toBe('');
  expect(printed.stderr).toBe('flowent-companion export: no calls to export.\n');
  expect(printed.code).toBe(1);
});
