// An import that skips a broken entry stores the others and exits 1: a job learns the file was not
// all read. The help says so, as it says the other codes, where a reader of a run's result looks.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { flowentEntry, harText } from '../helpers/flowent-har';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { tempDir } = cleanupsPerTest();

it('a HAR with a broken entry imports the others, exits 1, and the help says why', async () => {
  const dir = tempDir();
  const good = flowentEntry(1, 'k') as { request: Record<string, unknown> };
  const broken = { ...good, request: { ...good.request, url: 'not a url' } };
  const file = join(dir, 'calls.har');
  writeFileSync(file, harText([good, broken]));

  const imported = await runCli(['import', file, '--data-dir', dir], { FLOWENT_HMAC_KEY: 'k' });
  expect(imported.stdout).toBe(`Imported 1 call from ${file}; skipped 1 broken entry.\n`);
  expect(imported.stderr).toContain('skipped log.entries[1].request.url: is not a URL nor a path (/actions/<name>): "not a url".');
  expect(imported.code).toBe(1);

  const help = (await runCli(['import', '--help'])).stdout.replace(/\s*\n\s*/g, ' ');
  expect(help).toContain(
    'Exit codes: 0 done, also when the history held every call already; 1 when an entry is broken (skipped and named on stderr, the other entries imported)',
  );
});

it('a HAR written by hand, with only the path as URL and no headers, is read as the calls it holds', async () => {
  const dir = tempDir();
  const whole = flowentEntry(1, 'k') as { request: Record<string, unknown> };
  const { headers: _headers, ...withoutHeaders } = whole.request;
  const byHand = { ...whole, request: { ...withoutHeaders, url: '/actions/send_email?from=hand' } };
  const file = join(dir, 'hand.har');
  writeFileSync(file, harText([byHand]));

  const imported = await runCli(['import', file, '--data-dir', dir], { FLOWENT_HMAC_KEY: 'k' });
  expect(imported.stdout).toBe(`Imported 1 call from ${file}.\n`);
  expect(imported.code).toBe(0);
  const shown = await runCli(['calls', '1', '--json', '--data-dir', dir], { FLOWENT_HMAC_KEY: 'k' });
  expect(JSON.parse(shown.stdout)).toMatchObject({
    path: '/actions/send_email?from=hand',
    action: 'send_email',
    verdict: 'valid',
    requestHeaders: [],
  });
});
