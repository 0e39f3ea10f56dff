import { afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder under the OS temp dir, and a function that removes it. */
export function makeTempDir(prefix = 'fc-test-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * What a test file's tests leave to undo (folders, processes, servers), undone after each test,
 * newest first, each awaited; `tempDir` makes a folder that is removed with them.
 */
export function cleanupsPerTest(): { cleanups: (() => void | Promise<void>)[]; tempDir: (prefix?: string) => string } {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const tempDir = (prefix?: string) => {
    const dir = makeTempDir(prefix);
    cleanups.push(dir.remove);
    return dir.path;
  };
  return { cleanups, tempDir };
}
