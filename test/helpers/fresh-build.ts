// Vitest's global setup. The tests spawn the built command and load the built page, so a source
// changed since the last build is rebuilt first: a test never runs yesterday's code. `npm test`
// has just built, and this finds nothing to do.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const BUILT = join(ROOT, 'out', 'main', 'cli.js');
const SOURCES = ['main', 'preload', 'renderer', 'package.json', 'electron.vite.config.ts'];

/** The latest modification time of a file, or of any file under a folder. */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

export default function buildIfStale(): void {
  const builtAt = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
  if (SOURCES.every((source) => newest(join(ROOT, source)) <= builtAt)) return;
  process.stdout.write('Sources changed since the last build: building (electron-vite build)...\n');
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
