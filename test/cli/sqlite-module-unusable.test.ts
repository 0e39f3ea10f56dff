// The command's SQLite module (better-sqlite3) is built by its install script. Where npm ran none
// (--ignore-scripts, scripts not allowed) or built it for another Node, the first history opened
// says so and how to build it, not "Cannot open the history database" with the loader's paths.
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cleanupsPerTest } from '../helpers/cleanups-per-test';
import { commandCopyEveryoneReads } from '../helpers/readable-command-copy';
import { runCli } from '../helpers/spawn-cli';

const { tempDir } = cleanupsPerTest();
let copy: { bin: string; remove: () => void };
beforeEach(() => {
  copy = commandCopyEveryoneReads();
});
afterEach(() => copy.remove());

/** The copy's package folder (where a rebuild runs) and its better-sqlite3 folder. */
function folders(): { packageFolder: string; module: string } {
  const packageFolder = dirname(dirname(dirname(copy.bin)));
  return { packageFolder, module: join(packageFolder, 'node_modules', 'better-sqlite3') };
}

const rebuild = (packageFolder: string) =>
  `Build it for this Node where it is installed (cd ${packageFolder} && npm rebuild better-sqlite3), ` +
  'or install the package again letting npm run its install scripts (--allow-scripts=better-sqlite3).';

it('serve says the module was never built, and how to build it', async () => {
  const { packageFolder, module } = folders();
  rmSync(join(module, 'build'), { recursive: true, force: true });
  const served = await runCli(['serve', '--port', '0', '--no-inspector', '--data-dir', tempDir()], { FLOWENT_HMAC_KEY: 'k' }, copy);
  expect(served.code).toBe(1);
  expect(served.stderr).toBe(
    `flowent-companion serve: The SQLite module the history needs (better-sqlite3, in ${module}) was never built: ` +
      `its install script did not run. ${rebuild(packageFolder)}\n`,
  );
});

it('a module built for another system says the loader’s reason, and the same rebuild', async () => {
  const { packageFolder, module } = folders();
  writeFileSync(join(module, 'build', 'Release', 'better_sqlite3.node'), 'not a shared library');
  const served = await runCli(['serve', '--port', '0', '--no-inspector', '--data-dir', tempDir()], { FLOWENT_HMAC_KEY: 'k' }, copy);
  expect(served.code).toBe(1);
  expect(served.stderr).toMatch(
    new RegExp(`^flowent-companion serve: The SQLite module the history needs \\(better-sqlite3, in ${module}\\) cannot be loaded: .+\\.`),
  );
  expect(served.stderr).toContain(rebuild(packageFolder));
  expect(served.stderr).not.toContain('Cannot open the history database');
});
