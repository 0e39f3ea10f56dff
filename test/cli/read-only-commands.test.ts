import { existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_VERSION, migrate } from '../../main/core/store/migrations';
import { describe, expect, it } from 'vitest';
import { bigHar } from '../helpers/big-har';
import { runInProcess } from '../helpers/in-process-cli';
import { runCli } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

const READING = [
  ['calls'],
  ['calls', '--json'],
  ['export', '--har', '-'],
  ['mocks', 'list'],
  ['mocks', 'get', '--default'],
  ['mocks', 'export', join(tmpdir(), 'never-written-answers')],
  ['targets', 'list'],
];

describe('commands that only read', () => {
  it.each(READING.map((args) => [args.join(' '), args] as const))('%s creates no folder and says where it looked', async (_name, args) => {
    const dataDir = join(tempDir(), 'nothing-here');
    const result = await runInProcess([...args, '--data-dir', dataDir], { env: {}, cwd: tempDir() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`There is no history in ${dataDir}`);
    expect(result.stderr).toContain('That folder is the one --data-dir gives.');
    expect(existsSync(dataDir)).toBe(false);
    expect(existsSync(join(tmpdir(), 'never-written-answers'))).toBe(false);
  });

  it.each(READING.map((args) => [args.join(' '), args] as const))(
    '%s refuses a data folder that is a file, as serve does, not as a folder with nothing yet',
    async (_name, args) => {
      const notAFolder = join(tempDir(), 'a-file');
      writeFileSync(notAFolder, 'not a folder');
      const result = await runInProcess([...args, '--data-dir', notAFolder], { env: {}, cwd: tempDir() });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Cannot use the data folder ${notAFolder}: it is a file, not a folder.`);
      expect(result.stderr).not.toContain('There is no history');
    },
  );

  it.each(READING.map((args) => [args.join(' '), args] as const))(
    '%s reads an empty history file (its creator has not written yet) as no history, and leaves it as it was',
    async (_name, args) => {
      const dataDir = tempDir();
      const history = join(dataDir, 'history.sqlite');
      writeFileSync(history, '', { mode: 0o644 });
      const before = statSync(history);
      // Its own folder to export to: a command that wrongly went on would make it.
      const exportTo = join(tempDir(), 'answers');
      const named = args.map((arg) => (arg === join(tmpdir(), 'never-written-answers') ? exportTo : arg));
      const result = await runInProcess([...named, '--data-dir', dataDir], { env: {}, cwd: tempDir() });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`There is no history in ${dataDir}`);
      const after = statSync(history);
      expect(after.size).toBe(0);
      expect(after.mtimeMs).toBe(before.mtimeMs);
      expect(after.mode).toBe(before.mode);
      expect(existsSync(`${history}-wal`)).toBe(false);
      expect(existsSync(exportTo)).toBe(false);
    },
  );

  it('names FLOWENT_COMPANION_DATA_DIR, or the default folder, as where it looked', async () => {
    const fromEnv = join(tempDir(), 'from-env');
    const byEnv = await runInProcess(['calls'], { env: { FLOWENT_COMPANION_DATA_DIR: fromEnv } });
    expect(byEnv.stderr).toContain(`There is no history in ${fromEnv}`);
    expect(byEnv.stderr).toContain('That folder is the one FLOWENT_COMPANION_DATA_DIR gives.');
    expect(existsSync(fromEnv)).toBe(false);

    const home = tempDir();
    const byDefault = await runCli(['export', '--har', '-'], { HOME: home, XDG_CONFIG_HOME: '', FLOWENT_COMPANION_DATA_DIR: undefined });
    expect(byDefault.code).toBe(1);
    expect(byDefault.stderr).toContain(`There is no history in ${join(home, '.config')}`);
    expect(byDefault.stderr).toContain('neither --data-dir nor FLOWENT_COMPANION_DATA_DIR is set');
    expect(existsSync(join(home, '.config'))).toBe(false);
  });

  it('reads a history that another program is writing to, without waiting to write anything itself', async () => {
    const dataDir = tempDir();
    const har = join(dataDir, 'calls.har');
    writeFileSync(har, bigHar(3_000, 'key').text);
    expect((await runInProcess(['import', har, '--data-dir', dataDir], { env: {} })).code).toBe(0);
    // A writer holds the write lock: anything that writes at open (setup, the idle workers'
    // settings) would wait for it and fail as busy.
    const writer = new Database(join(dataDir, 'history.sqlite'));
    cleanups.push(() => void writer.close());
    writer.prepare('BEGIN IMMEDIATE').run();

    const listed = await runCli(['calls', '--json', '--data-dir', dataDir]);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n').length).toBeGreaterThan(0);
    const exported = await runCli(['export', '--har', '-', '--data-dir', dataDir]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout).log.entries.length).toBe(listed.stdout.trim().split('\n').length);
    writer.prepare('ROLLBACK').run();
  });

  it('brings a history an older version wrote up to date, then reads it', async () => {
    const dataDir = tempDir();
    const older = new Database(join(dataDir, 'history.sqlite'));
    older.pragma('journal_mode = WAL');
    migrate(older, LATEST_VERSION - 1);
    older.close();
    const listed = await runInProcess(['calls', '--data-dir', dataDir], { env: {} });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stderr).toContain('No calls stored');
    const upgraded = new Database(join(dataDir, 'history.sqlite'), { readonly: true });
    cleanups.push(() => void upgraded.close());
    expect(upgraded.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
  });
});

describe('listing links and profiles', () => {
  it('answers "nothing yet" where there is no history, and creates none', async () => {
    const dataDir = join(tempDir(), 'nothing-here');
    const env = { FLOWENT_BASE_URL: 'https://gateway.example.test' };
    const links = await runInProcess(['actions', 'links', '--data-dir', dataDir], { env });
    expect(links.code, links.stderr).toBe(0);
    expect(links.stdout).toBe('');
    expect(links.stderr).toBe('No linked actions: "flowent-companion actions link <name> --here" links an action to this companion.\n');
    const profiles = await runInProcess(['actions', 'profile', 'list', '--data-dir', dataDir], { env });
    expect(profiles.code, profiles.stderr).toBe(0);
    expect(profiles.stdout).toBe('* default  https://gateway.example.test  (from FLOWENT_BASE_URL)\n');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('reads the profiles a history holds while another program holds its write lock', async () => {
    const dataDir = tempDir();
    const env = { FLOWENT_BASE_URL: 'https://gateway.example.test' };
    const added = await runInProcess(['actions', 'profile', 'add', 'staging', 'https://staging.example.test', '--data-dir', dataDir], {
      env,
    });
    expect(added.code, added.stderr).toBe(0);
    const writer = new Database(join(dataDir, 'history.sqlite'));
    cleanups.push(() => void writer.close());
    writer.prepare('BEGIN IMMEDIATE').run();

    const profiles = await runCli(['actions', 'profile', 'list', '--data-dir', dataDir], env);
    expect(profiles.stderr).toBe('');
    expect(profiles.code).toBe(0);
    expect(profiles.stdout).toContain('  staging  https://staging.example.test\n');
    const links = await runCli(['actions', 'links', '--json', '--data-dir', dataDir], env);
    expect(links.code, links.stderr).toBe(0);
    expect(links.stdout).toBe('');
    writer.prepare('ROLLBACK').run();
  });
});
