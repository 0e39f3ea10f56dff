import type { ServeProcess } from './spawn-cli';

/**
 * What a CLI test file started before its tests, ended after them: its serve stopped and waited
 * for, then the handlers it forwarded to, then its data folder removed. A process may be missing,
 * when its file was skipped or a start failed.
 */
export async function stopServeAndFolder(
  serve: ServeProcess | undefined,
  dataDir: { remove(): void },
  ...handlers: ({ stop(): Promise<void> } | undefined)[]
): Promise<void> {
  serve?.child.kill('SIGTERM');
  await serve?.exited;
  await Promise.all(handlers.map((handler) => handler?.stop()));
  dataDir.remove();
}
