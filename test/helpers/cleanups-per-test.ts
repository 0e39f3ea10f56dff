import { afterEach } from 'vitest';
import { makeTempDir } from './temp-dir';

// Apart from temp-dir.ts, which the benchmark scripts import outside vitest: vitest refuses to be
// loaded by a script it does not run.

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
