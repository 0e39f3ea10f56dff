// `import` refuses what the page refuses, in the same words, before it creates a history; it
// skips (and counts) entries without a time and a browser's own POSTs; it tells a terminal how
// far it is.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { flowentEntry, flowentHar, harText } from '../helpers/flowent-har';
import { spawnSync } from 'node:child_process';
import { CLI } from '../helpers/spawn-cli';

const { tempDir } = cleanupsPerTest();
const KEY = { FLOWENT_HMAC_KEY: 'k' };

it('refuses an empty file and a HAR with no entries, exit 2, without creating a history', async () => {
  const dir = tempDir();
  const empty = join(dir, 'empty.har');
  writeFileSync(empty, '');
  const refused = await runCli(['import', empty, '--data-dir', dir], KEY);
  expect(refused.code).toBe(2);
  expect(existsSync(join(dir, 'history.sqlite'))).toBe(false);

  const none = join(dir, 'none.har');
  writeFileSync(none, harText([]));
  const nothing = await runCli(['import', none, '--data-dir', dir], KEY);
  expect(nothing.stderr).toBe(
    `flowent-companion import: ${none}: The file is a HAR with no entries ("log.entries" is an empty list): there is nothing to import. ` +
      'Choose a HAR file that holds calls.\n',
  );
  expect(nothing.code).toBe(2);
  expect(existsSync(join(dir, 'history.sqlite'))).toBe(false);
});

it('imports a HAR saved as UTF-16 with its byte order mark, as the page does', async () => {
  const dir = tempDir();
  const file = join(dir, 'u16.har');
  writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(flowentHar(2, 'k'), 'utf16le')]));
  const taken = await runCli(['import', file, '--data-dir', dir], KEY);
  expect(taken.stdout).toBe(`Imported 2 calls from ${file}.\n`);
  expect(taken.code).toBe(0);
});

it('skips an entry without a readable time as broken, and a re-import adds nothing twice', async () => {
  const dir = tempDir();
  const { startedDateTime: _, ...timeless } = flowentEntry(0, 'k');
  const file = join(dir, 'times.har');
  writeFileSync(file, harText([timeless, { ...flowentEntry(1, 'k'), startedDateTime: 'yesterday' }, flowentEntry(2, 'k')]));
  const first = await runCli(['import', file, '--data-dir', dir], KEY);
  expect(first.stdout).toBe(`Imported 1 call from ${file}; skipped 2 broken entries.\n`);
  expect(first.stderr).toBe(
    '  skipped log.entries[0].startedDateTime: is missing or not a date and time (ISO 8601): when the call was received is not known.\n' +
      '  skipped log.entries[1].startedDateTime: is missing or not a date and time (ISO 8601): when the call was received is not known.\n',
  );
  const again = await runCli(['import', file, '--data-dir', dir], KEY);
  expect(again.stdout).toBe(
    `Imported 0 calls from ${file}; skipped 2 broken entries; left out 1 already in the history (same path, body and time received: imported before).\n`,
  );
});

it("skips a browser's own POSTs as not Flowent calls, and says the handler's verdict was not recorded", async () => {
  const dir = tempDir();
  const page = (url: string, postData: Record<string, unknown>) => ({
    ...flowentEntry(9, 'k'),
    request: { method: 'POST', url, headers: [], postData },
  });
  const file = join(dir, 'browser.har');
  writeFileSync(
    file,
    harText([
      flowentEntry(0, 'k'),
      page('https://app.example/api/graphql', { mimeType: 'application/json', text: '{"query":"{ me { id } }"}' }),
      page('https://app.example/login', { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'user', value: 'a' }] }),
      { ...flowentEntry(8, 'k'), request: { method: 'GET', url: 'https://app.example/', headers: [] } },
    ]),
  );
  // Without a key: the one Flowent call is stored with the verdict "no key", and the note says so.
  const imported = await runCli(['import', file, '--data-dir', dir]);
  expect(imported.stdout).toBe(`Imported 1 call from ${file}; skipped 3: 1 not a POST with a body, 2 not Flowent calls.\n`);
  expect(imported.stderr).toContain('FLOWENT_HMAC_KEY is not set');
  const shown = await runCli(['calls', '1', '--data-dir', dir], KEY);
  expect(shown.stdout).toContain('Answer:  200\n  answered by: your handler\n');
  expect(shown.stdout).toContain('Handler:  not recorded (the call was imported from a file that does not say)');
  expect(shown.stdout).not.toContain('none answered');

  // Nothing stored: no note about the key, which concerns calls stored.
  const again = await runCli(['import', file, '--data-dir', dir]);
  expect(again.stderr).not.toContain('FLOWENT_HMAC_KEY');
});

it('tells a terminal how far the import is, and clears the line before the summary', () => {
  const dir = tempDir();
  const file = join(dir, 'calls.har');
  writeFileSync(file, flowentHar(50, 'k'));
  // script(1) gives the command a terminal; its output is what the terminal received.
  const run = spawnSync('script', ['-qec', `${process.execPath} ${CLI} import ${file} --data-dir ${dir} 2>&1`, '/dev/null'], {
    env: { ...process.env, FLOWENT_HMAC_KEY: 'k' },
    encoding: 'utf8',
  });
  expect(run.stdout).toContain(`\r\x1b[KImporting ${file}: 50 of 50 entries…`);
  expect(run.stdout).toContain(`\r\x1b[KImported 50 calls from ${file}.`);
  // Not a terminal: the summary alone.
  const piped = spawnSync(process.execPath, [CLI, 'import', file, '--data-dir', tempDir()], {
    env: { ...process.env, FLOWENT_HMAC_KEY: 'k' },
    encoding: 'utf8',
  });
  expect(piped.stderr).toBe('');
});
