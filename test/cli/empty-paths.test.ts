// An empty file or folder name is a variable that was not set (`--data-dir "$DIR"`): refused as
// a usage error, never taken as the default folder (the app's own history) or as "no such file".
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { tempDir } = cleanupsPerTest();

/** An environment whose default data folder is under `home`, where the test can see whether it was made. */
function homeIn(home: string): NodeJS.ProcessEnv {
  return { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), FLOWENT_COMPANION_DATA_DIR: undefined, FLOWENT_HMAC_KEY: 'k' };
}

it.each([
  [['calls', '--data-dir', '']],
  [['send', 'send_email', '--target', 'http://127.0.0.1:1/', '--data-dir', '']],
  [['mocks', 'clear', 'send_email', '--data-dir', '']],
])('%j is refused, exit 2, and the default folder is left alone', async (args) => {
  const home = tempDir();
  const run = await runCli(args, homeIn(home));
  expect(run.stderr).toContain('--data-dir is empty: name a folder, or leave the flag out to use the default one.');
  expect(run.stderr).not.toContain('neither --data-dir nor');
  expect(run.code).toBe(2);
  expect(existsSync(join(home, '.config', 'flowent-companion'))).toBe(false);
});

it('an empty FLOWENT_COMPANION_DATA_DIR is refused, exit 2, and the default folder is left alone', async () => {
  const home = tempDir();
  const run = await runCli(['send', 'send_email', '--target', 'http://127.0.0.1:1/'], {
    ...homeIn(home),
    FLOWENT_COMPANION_DATA_DIR: '',
  });
  expect(run.stderr).toContain('FLOWENT_COMPANION_DATA_DIR is set but empty: set it to a folder, or unset it to use the default one.');
  expect(run.code).toBe(2);
  expect(existsSync(join(home, '.config', 'flowent-companion'))).toBe(false);
});

it('mocks set --file "" is refused as empty, exit 2, not as a file that is not there', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'unused'), '');
  const run = await runCli(['mocks', 'set', 'send_email', '--file', '', '--data-dir', dir]);
  expect(run.stderr).toContain('--file is empty: name a file.');
  expect(run.stderr).not.toContain('cannot read');
  expect(run.code).toBe(2);
});

it('serve --host "" is refused, exit 2: empty, it would listen on every address, and nothing starts', async () => {
  const home = tempDir();
  const run = await runCli(['serve', '--host', '', '--port', '0', '--no-inspector'], homeIn(home));
  expect(run.stderr).toContain('--host is empty: give an address such as 0.0.0.0, or leave the flag out for 127.0.0.1.');
  expect(run.code).toBe(2);
  expect(existsSync(join(home, '.config', 'flowent-companion'))).toBe(false);
});
