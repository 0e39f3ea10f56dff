// `replay` tells a terminal how far the run is on one line redrawn under the replays' own lines
// (as `import` and `export` do), cleared before the summary; a log gets the replays' lines alone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { flowentHar } from '../helpers/flowent-har';
import { startHandler, type HandlerProcess } from '../helpers/handler-process';
import { runOnTerminal, screenOf } from '../helpers/on-terminal';
import { runCli } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

const KEY = { FLOWENT_HMAC_KEY: 'k' };
let handler: HandlerProcess;
let folder: { path: string; remove: () => void };
let dir: string;

beforeAll(async () => {
  handler = await startHandler();
  folder = makeTempDir();
  dir = folder.path;
  const har = join(dir, 'in.har');
  writeFileSync(har, flowentHar(3, 'k'));
  expect((await runCli(['import', har, '--data-dir', dir], KEY)).code).toBe(0);
});
afterAll(async () => {
  await handler.stop();
  folder.remove();
});

const replayArgs = () => ['replay', '1', '2', '3', '--target', `http://127.0.0.1:${handler.port}/actions/ok`, '--data-dir', dir];
const STEP = /^#(\d) → #\d+ {2}200 {2}\w+ {2}ok$/;

it('redraws "Replaying n of m calls…" under the replays on a terminal, and leaves their lines and the summary', async () => {
  const run = await runOnTerminal(replayArgs(), KEY);
  expect(run.code).toBe(0);
  expect(run.received).toContain('\r\x1b[KReplaying 1 of 3 calls…');
  expect(run.received).toContain('\r\x1b[KReplaying 3 of 3 calls…');
  const screen = screenOf(run.received);
  expect(screen.slice(0, 3).map((line) => STEP.exec(line)?.[1])).toEqual(['1', '2', '3']);
  expect(screen.slice(3)).toEqual(['3 replayed: 0 passed, 3 passed with a changed answer, 0 failed.']);
});

it('prints no progress when stderr is no terminal: the replays and the summary only', async () => {
  const run = await runCli(replayArgs(), KEY);
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('');
  const lines = run.stdout.trimEnd().split('\n');
  expect(lines.slice(0, 3).map((line) => STEP.exec(line)?.[1])).toEqual(['1', '2', '3']);
  expect(lines.slice(3)).toEqual(['3 replayed: 0 passed, 3 passed with a changed answer, 0 failed.']);
});
