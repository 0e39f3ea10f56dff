import type { ServeProcess } from './spawn-cli';

/**
 * What a CLI test file started before its tests, ended after them: its serve stopped and waited
 * for, then the handler serve forwarded to, then its data folder removed. Either process may be
 * missing, when its file was skipped or a start failed.
 */
export async function stopServeHandlerAndFolder(
  serve: ServeProcess | undefined,
  handler: { stop(): Promise<void> } | undefined,
  dataDir: { remove(): void },
): Promise<void> {
  serve?.child.kill('SIGTERM');
  await serve?.exited;
  await handler?.stop();
  dataDir.remove();
}
