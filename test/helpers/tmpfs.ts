/**
 * Small tmpfs file systems mounted for a test: a full disk or a read-only one, for real. Needs
 * root on Linux (as in this project's CI container); `tmpfsProblem` says why not otherwise.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const mounts: string[] = [];

export function mountTmpfs(size: string): string {
  const path = mkdtempSync(join(tmpdir(), 'fc-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', path], { stdio: 'pipe' });
  mounts.push(path);
  return path;
}

function unmount(path: string): void {
  try {
    execFileSync('umount', [path], { stdio: 'pipe' });
  } catch {
    execFileSync('umount', ['-l', path], { stdio: 'pipe' });
  }
  rmdirSync(path);
}

export function remount(path: string, mode: 'ro' | 'rw'): void {
  execFileSync('mount', ['-o', `remount,${mode}`, path], { stdio: 'pipe' });
}

/** Fills the file system holding `path` to the last byte; returns what frees the space again. */
export function fill(path: string): () => void {
  for (const [name, piece] of [
    ['filler', 4096],
    // Sub-page leftovers too.
    ['filler-2', 64],
  ] as const) {
    const fd = openSync(join(path, name), 'w');
    try {
      for (;;) writeSync(fd, Buffer.alloc(piece, 1));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    } finally {
      closeSync(fd);
    }
  }
  return () => ['filler', 'filler-2'].forEach((name) => rmSync(join(path, name)));
}

/** Why no tmpfs can be mounted here (not Linux, not root), or null when one can. */
export const tmpfsProblem = (() => {
  if (process.platform !== 'linux') return 'tmpfs mounts need Linux';
  try {
    unmount(mountTmpfs('64k'));
    mounts.length = 0;
    return null;
  } catch (error) {
    return `mounting a tmpfs is not permitted here (${String((error as Error).message).split('\n')[0]})`;
  }
})();

/** Unmounts every tmpfs the test file mounted, once it is done. */
export function tmpfsUnmountedAfterAll(): void {
  afterAll(() => {
    for (const path of mounts.splice(0)) {
      try {
        remount(path, 'rw');
      } catch {
        // Already rw or gone.
      }
      unmount(path);
    }
  });
}
