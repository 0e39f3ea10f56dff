import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startServe } from './spawn-cli';
import { makeTempDir } from './temp-dir';

/**
 * A serve answering from a new project whose flowent/ holds `files` (paths inside flowent/);
 * `cleanups` (cleanupsPerTest's) stops it and removes its folders after the test.
 */
export async function serveOnProject(cleanups: (() => void | Promise<void>)[], files: Record<string, string>) {
  const root = makeTempDir('fc-project-');
  const data = makeTempDir();
  cleanups.push(root.remove, data.remove);
  const dir = join(root.path, 'flowent');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const server = await startServe(['--port', '0', '--data-dir', data.path, '--project', root.path]);
  cleanups.push(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });
  return { root, data, dir, server };
}

/**
 * Saves as editors that keep a file whole do: the new text in a file beside it, renamed over it.
 * A file written in place is empty for a moment, and a loaded machine can make that moment outlast
 * the watcher's settling time: serve then reads, and says, an empty file.
 */
export function saveByRename(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}
