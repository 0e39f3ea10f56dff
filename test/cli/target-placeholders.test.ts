// A forwarding target takes one placeholder, {action_name}: any other is refused where a
// target is given (send, replay, targets set, serve --forward, an answer file's forward:),
// where it was sent as it is.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { tempDir } = cleanupsPerTest();
const TARGET = 'http://127.0.0.1:9/s1/{nope}';
const SAID = `"${TARGET}" has {nope}, which is not filled in: the only placeholder is {action_name}, the call's action name.`;

it.each([
  ['send', ['send', 'ok', '--target', TARGET]],
  ['replay', ['replay', '1', '--target', TARGET]],
  ['serve --forward', ['serve', '--port', '0', '--no-inspector', '--forward', TARGET]],
])('%s refuses a target with a placeholder other than {action_name}', async (_, args) => {
  const dir = tempDir();
  const refused = await runCli([...args, '--data-dir', dir], { FLOWENT_HMAC_KEY: 'k' });
  expect(refused.stderr).toContain(SAID);
  expect(refused.code).toBe(2);
});

it('targets set refuses it, and keeps {action_name}', async () => {
  const dir = tempDir();
  const refused = await runCli(['targets', 'set', 'ok', TARGET, '--data-dir', dir]);
  expect(refused.stderr).toContain(SAID);
  expect(refused.code).not.toBe(0);
  const set = await runCli(['targets', 'set', 'ok', 'http://127.0.0.1:9/s1/{action_name}', '--data-dir', dir]);
  expect(set.code).toBe(0);
});

it("an answer file's forward: with another placeholder is a mistake that names it", async () => {
  const dir = tempDir();
  const folder = join(dir, 'answers');
  mkdirSync(folder);
  writeFileSync(join(folder, 'ok.yaml'), `version: 1\nmode: forward\nforward: ${TARGET}\n`);
  const refused = await runCli(['mocks', 'import', folder, '--data-dir', dir]);
  expect(refused.stderr).toContain('forward has {nope}, which is not filled in: the only placeholder is {action_name}');
  expect(refused.code).toBe(2);
});
