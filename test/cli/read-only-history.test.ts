// A history its owner made read-only (to keep it as evidence, say) stays read-only, and a command
// that meets one says so and what to do, instead of SQLite's "attempt to write a readonly database".
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { tempDir } = cleanupsPerTest();

const mode = (path: string) => statSync(path).mode & 0o777;
const MOCK = '{"status":200,"body":{"result":"ok","error":""}}';

/** A data folder with a history in it (one stored mock). */
async function history(): Promise<string> {
  const root = tempDir();
  const dataDir = join(root, 'data');
  mkdirSync(dataDir);
  writeFileSync(join(root, 'mock.json'), MOCK);
  const stored = await runCli(['mocks', 'set', 'send_email', '--file', join(root, 'mock.json'), '--data-dir', dataDir]);
  expect(stored.code, stored.stderr).toBe(0);
  return dataDir;
}

// Root may write whatever the modes say: as root, the commands run without that power (setpriv),
// so the modes hold for them as for the history's owner.
const asRoot = process.getuid?.() === 0;

async function readOnlyHistory(): Promise<{ dataDir: string; file: string }> {
  const dataDir = await history();
  const file = join(dataDir, 'history.sqlite');
  chmodSync(file, 0o400);
  chmodSync(dataDir, 0o500);
  return { dataDir, file };
}

const asTheOwner = { obeyingModes: asRoot };

it.skipIf(process.platform === 'win32')(
  'a command that writes leaves a read-only folder and history read-only, taking only what others may do',
  async () => {
    const dataDir = await history();
    const file = join(dataDir, 'history.sqlite');
    chmodSync(file, 0o440);
    chmodSync(dataDir, 0o550);
    // As the owner (root here, or the user running the tests, who may not write it: refused either way).
    await runCli(['mocks', 'set', 'other', '--file', join(dirname(dataDir), 'mock.json'), '--data-dir', dataDir]);
    expect(mode(dataDir)).toBe(0o500);
    expect(mode(file)).toBe(0o400);
  },
);

it.skipIf(process.platform === 'win32')('calls and export on a read-only history say it is read-only and what to do', async () => {
  const { dataDir, file } = await readOnlyHistory();
  for (const args of [['calls'], ['export', '--har', '-'], ['mocks', 'list']]) {
    const run = await runCli([...args, '--data-dir', dataDir], {}, asTheOwner);
    expect(run.code, args.join(' ')).toBe(1);
    expect(run.stderr).toContain(`The history in ${dataDir} is read-only`);
    expect(run.stderr).toContain(`chmod u+w ${dataDir} ${file}`);
    expect(run.stderr).not.toContain('attempt to write a readonly database');
  }
});

it.skipIf(process.platform === 'win32')(
  'a command that writes to a read-only history file in a writable folder is refused the same way',
  async () => {
    const { dataDir } = await readOnlyHistory();
    chmodSync(dataDir, 0o700);
    const run = await runCli(['mocks', 'clear', 'send_email', '--data-dir', dataDir], {}, asTheOwner);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`The history in ${dataDir} is read-only`);
  },
);
