// Where `init` makes flowent/: in the folder it is given, or in a new last folder of a path that
// exists. A mistyped path is refused rather than made into folders, a file on the way is named,
// and a failure half-way leaves nothing that the next try would take for an existing project.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process-cli';
import { CLI } from '../helpers/spawn-cli';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';

const { cleanups, tempDir } = cleanupsPerTest();

async function init(root: string, project: string) {
  return runInProcess(['init', '--project', project, '--data-dir', join(root, 'data')], { env: {}, cwd: root });
}

it('makes a missing last folder, and refuses a path whose parents are missing as a usage mistake', async () => {
  const root = tempDir();
  const made = await init(root, 'handler');
  expect(made.code).toBe(0);
  expect(readdirSync(join(root, 'handler', 'flowent')).sort()).toEqual(['README.md', 'actions', 'answers', 'schemas']);

  // A mistake in the command line, as --project naming no folder is for the other commands: exit 2.
  const mistyped = await init(root, 'hnadler/src/app');
  expect(mistyped.code).toBe(2);
  expect(mistyped.stderr).toContain(
    `${join(root, 'hnadler')} does not exist, so flowent/ cannot be made in ${join(root, 'hnadler/src/app')}.`,
  );
  expect(mistyped.stderr).toContain('mkdir -p');
  expect(existsSync(join(root, 'hnadler'))).toBe(false);
});

it('names a file that stands where a folder should be, without a stack trace, as a usage mistake', async () => {
  const root = tempDir();
  writeFileSync(join(root, 'notes.txt'), 'not a folder\n');
  for (const project of ['notes.txt', 'notes.txt/inside']) {
    const refused = await init(root, project);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${join(root, 'notes.txt')} is a file, not a folder, so flowent/ cannot be made`);
    expect(refused.stderr).not.toMatch(/ENOTDIR|at .*\.js:\d+/);
  }
});

it.skipIf(process.getuid?.() === 0)(
  'leaves nothing half-made where it may not write, so the next try is not told flowent/ exists',
  async () => {
    const root = tempDir();
    const locked = join(root, 'locked');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    cleanups.push(() => chmodSync(locked, 0o755));
    const refused = await init(root, 'locked');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`flowent/ could not be made in ${locked}: permission denied`);
    expect(readdirSync(locked)).toEqual([]);
  },
);

it('leaves nothing half-made when a write fails half-way, and the next init makes the folder', async () => {
  const root = tempDir();
  // A limit of 0 bytes per file: the folders are made, the first file written fails (EFBIG).
  const limited = spawnSync(
    'sh',
    ['-c', 'ulimit -f 0; exec "$0" "$@"', process.execPath, CLI, 'init', '--project', root, '--data-dir', join(root, 'data')],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  expect(limited.status).toBe(1);
  expect(limited.stderr).toContain(`flowent/ could not be made in ${root}: the file would be larger than this system lets this user write`);
  expect(readdirSync(root).filter((name) => name !== 'data')).toEqual([]);

  const again = await init(root, root);
  expect(again.code).toBe(0);
  expect(existsSync(join(root, 'flowent', 'answers', '_default.yaml'))).toBe(true);
});

it('says in its help which --project paths are usage mistakes (exit 2) and which failures exit 1', async () => {
  const help = await runInProcess(['init', '--help'], { env: {} });
  const exits = help.stdout.slice(help.stdout.indexOf('Exit codes:')).replace(/\s+/g, ' ');
  expect(exits).toContain('1 flowent/ already exists');
  expect(exits).toMatch(
    /2 usage \(also a --project path whose parents are missing, or with a file on it, and a --profile that names no profile: then nothing is created\)/,
  );
});
