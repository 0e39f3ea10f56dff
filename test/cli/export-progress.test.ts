// `export` tells a terminal how far it is, on one line redrawn in place (as `import` does) and
// cleared before its summary; a log or a pipe gets the summary alone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { flowentHar } from '../helpers/flowent-har';
import { runOnTerminal, screenOf } from '../helpers/on-terminal';
import { runCli } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

const KEY = { FLOWENT_HMAC_KEY: 'k' };
/** More calls than one batch of the export's writing holds. */
const CALLS = 120;
let folder: { path: string; remove: () => void };
let dir: string;

beforeAll(async () => {
  folder = makeTempDir();
  dir = folder.path;
  const har = join(dir, 'in.har');
  writeFileSync(har, flowentHar(CALLS, 'k'));
  expect((await runCli(['import', har, '--data-dir', dir], KEY)).code).toBe(0);
});
afterAll(() => folder.remove());

it('redraws how many calls are written on a terminal, and leaves only the summary on the screen', async () => {
  const file = join(dir, 'all.har');
  const run = await runOnTerminal(['export', '--har', file, '--all', '--data-dir', dir], KEY);
  expect(run.code).toBe(0);
  expect(run.received).toContain(`\r\x1b[KExporting to ${file}: finding the calls…`);
  expect(run.received).toContain(`\r\x1b[KExporting to ${file}: ${CALLS} of ${CALLS} calls…`);
  expect(screenOf(run.received)).toEqual([`Exported ${CALLS} calls to ${file}.`]);
});

it('says nothing but the summary when stderr is no terminal', async () => {
  const file = join(dir, 'piped.har');
  const run = await runCli(['export', '--har', file, '--all', '--data-dir', dir], KEY);
  expect(run.stderr).toBe(`Exported ${CALLS} calls to ${file}.\n`);
  expect(run.stdout).toBe('');
});

it('with --har -, draws the line when the HAR goes to a file, not when it goes to the terminal itself', async () => {
  const file = join(dir, 'redirected.har');
  const redirected = await runOnTerminal(['export', '--har', '-', '--all', '--data-dir', dir], KEY, ` > '${file}'`);
  expect(redirected.received).toContain(`\r\x1b[KExporting: ${CALLS} of ${CALLS} calls…`);
  expect(screenOf(redirected.received)).toEqual([`Exported ${CALLS} calls.`]);

  const shown = await runOnTerminal(['export', '--har', '-', '--limit', '2', '--data-dir', dir], KEY);
  expect(shown.code).toBe(0);
  expect(shown.received).not.toContain('Exporting');
  expect(shown.received).toContain('"log": {');
});

it('clears the line before a refusal, so the refusal stands alone on the screen', async () => {
  const file = join(dir, 'no-such-folder', 'x.har');
  const run = await runOnTerminal(['export', '--har', file, '--all', '--data-dir', dir], KEY);
  expect(run.code).toBe(1);
  expect(screenOf(run.received)).toEqual([
    expect.stringMatching(/^flowent-companion export: cannot write .*x\.har: its folder does not exist\./),
  ]);
});
