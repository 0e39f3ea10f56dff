import { afterAll, beforeAll } from 'vitest';
import { startHandler, type HandlerProcess } from '../../helpers/handler-process';

/**
 * The stand-in for a developer's own handler, a real child process, started once for the file:
 * it answers by the last segment of the path (`ok`, `error500`, `slow_ok`... see its source).
 */
export function useHandler(): () => HandlerProcess {
  let handler: HandlerProcess | null = null;
  beforeAll(async () => {
    handler = await startHandler();
  });
  afterAll(async () => {
    await handler?.stop();
  });
  return () => {
    if (!handler) throw new Error('The handler starts before the first test.');
    return handler;
  };
}

/** The handler's URL for a behaviour, e.g. `error500`. */
export function handlerUrl(handler: HandlerProcess, behaviour: string): string {
  return `http://127.0.0.1:${handler.port}/actions/${behaviour}`;
}
