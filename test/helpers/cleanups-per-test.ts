import { afterEach } from 'vitest';
import type { RunningCommand } from './spawn-cli';
import { makeTempDir } from './temp-dir';

// Apart from temp-dir.ts, which the benchmark scripts import outside vitest: vitest refuses to be
// loaded by a script it does not run.

/**
 * What a test file's tests leave to undo (folders, processes, servers), undone after each test,
 * newest first, each awaited; `tempDir` makes a folder that is removed with them, and
 * `stopOnCleanup` a command that is killed (and awaited) with them unless it has exited.
 */
export function cleanupsPerTest(): {
  cleanups: (() => void | Promise<void>)[];
  tempDir: (prefix?: string) => string;
  stopOnCleanup: <T extends RunningCommand>(command: T) => T;
} {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const tempDir = (prefix?: string) => {
    const dir = makeTempDir(prefix);
    cleanups.push(dir.remove);
    return dir.path;
  };
  const stopOnCleanup = <T extends RunningCommand>(command: T): T => {
    cleanups.push(async () => {
      if (command.child.exitCode !== null) return;
      command.child.kill('SIGKILL');
      await command.exited;
    });
    return command;
  };
  return { cleanups, tempDir, stopOnCleanup };
}
