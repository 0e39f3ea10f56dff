// `export --har notes.txt` wrote the HAR over whatever file was there, with exit 0: a file given by
// mistake was lost for good. An earlier export is written over, as a re-export expects.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { flowentEntry, harText } from '../helpers/flowent-har';

const { tempDir } = cleanupsPerTest();

/** A history folder with one call in it, imported from a HAR. */
async function historyWithACall(): Promise<string> {
  const dir = tempDir();
  const file = join(dir, 'in.har');
  writeFileSync(file, harText([flowentEntry(1, 'k')]));
  expect((await runCli(['import', file, '--data-dir', dir], { FLOWENT_HMAC_KEY: 'k' })).code).toBe(0);
  return dir;
}

it('refuses to write over a file that is not a HAR, keeping it, and says what to do', async () => {
  const dir = await historyWithACall();
  const notes = join(dir, 'notes.txt');
  writeFileSync(notes, 'important\n');
  const refused = await runCli(['export', '--har', notes, '--data-dir', dir]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toBe(
    `flowent-companion export: ${notes} is there and is not a HAR file: export writes over an earlier HAR only. ` +
      `Give a new file name (such as calls.har), or move ${notes} away first.\n`,
  );
  expect(readFileSync(notes, 'utf8')).toBe('important\n');
});

it('writes over an earlier export, whatever its name, and over an empty file', async () => {
  const dir = await historyWithACall();
  const earlier = join(dir, 'earlier.json');
  expect((await runCli(['export', '--har', earlier, '--data-dir', dir])).code).toBe(0);
  writeFileSync(earlier, readFileSync(earlier, 'utf8').replace('"sent"', '"older"'));
  expect((await runCli(['export', '--har', earlier, '--data-dir', dir])).code).toBe(0);
  expect(JSON.parse(readFileSync(earlier, 'utf8')).log.entries).toHaveLength(1);

  const empty = join(dir, 'empty.out');
  writeFileSync(empty, '');
  expect((await runCli(['export', '--har', empty, '--data-dir', dir])).code).toBe(0);
  expect(JSON.parse(readFileSync(empty, 'utf8')).log.entries).toHaveLength(1);
});
