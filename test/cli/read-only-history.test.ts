// A history its owner made read-only (to keep it as evidence, say) stays read-only: a command that
// only reads reads it, and one that writes says so and what to do, instead of SQLite's "attempt
// to write a readonly database".
import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { flowentHar } from '../helpers/flowent-har';
import { mountTmpfs, remount, tmpfsProblem, tmpfsUnmountedAfterAll } from '../helpers/tmpfs';

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

/** Two calls stored in the history, by an import. */
async function importTwoCalls(dataDir: string): Promise<void> {
  const har = join(dirname(dataDir), 'two.har');
  writeFileSync(har, flowentHar(2, 'read-only-key'));
  const imported = await runCli(['import', har, '--data-dir', dataDir]);
  expect(imported.code, imported.stderr).toBe(0);
}

/** The private copies a command reads a history from when it cannot read it in place. */
const readCopies = () => readdirSync(tmpdir()).filter((name) => name.startsWith('flowent-companion-read-'));

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

it.skipIf(process.platform === 'win32')(
  'calls and export read a read-only history, as it is, leaving nothing beside it and no copy behind',
  async () => {
    const { dataDir } = await readOnlyHistory();
    chmodSync(dataDir, 0o700);
    await importTwoCalls(dataDir);
    chmodSync(join(dataDir, 'history.sqlite'), 0o400);
    chmodSync(dataDir, 0o500);
    const before = readdirSync(dataDir);
    const copiesBefore = readCopies();
    const listed = await runCli(['calls', '--data-dir', dataDir], {}, asTheOwner);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    expect(listed.stdout.match(/send_email/g)).toHaveLength(2);
    const exported = await runCli(['export', '--har', '-', '--data-dir', dataDir], {}, asTheOwner);
    expect(exported.code, exported.stderr).toBe(0);
    expect((JSON.parse(exported.stdout) as { log: { entries: unknown[] } }).log.entries).toHaveLength(2);
    const mocks = await runCli(['mocks', 'list', '--data-dir', dataDir], {}, asTheOwner);
    expect(mocks.code, mocks.stderr).toBe(0);
    expect(mocks.stdout).toContain('send_email');
    expect(readdirSync(dataDir)).toEqual(before);
    expect(readCopies()).toEqual(copiesBefore);
  },
);

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

describe.skipIf(tmpfsProblem !== null)('a history on a read-only disk', () => {
  tmpfsUnmountedAfterAll();

  it('is read by calls and export (a backup, a snapshot), not refused as "cannot write"', async () => {
    const mount = mountTmpfs('4m');
    const dataDir = join(mount, 'data');
    mkdirSync(dataDir);
    await importTwoCalls(dataDir);
    remount(mount, 'ro');
    const listed = await runCli(['calls', '--data-dir', dataDir]);
    expect(listed.stderr).toBe('');
    expect(listed.stdout.match(/send_email/g)).toHaveLength(2);
    const exported = await runCli(['export', '--har', '-', '--data-dir', dataDir, '--limit', '1']);
    expect(exported.code, exported.stderr).toBe(0);
    expect((JSON.parse(exported.stdout) as { log: { entries: unknown[] } }).log.entries).toHaveLength(1);
  });
});
