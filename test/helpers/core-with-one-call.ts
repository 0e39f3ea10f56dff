import { afterAll, beforeAll } from 'vitest';
import { startHandler, type HandlerProcess } from './handler-process';
import { startCore, type RunningCore } from './running-core';

export interface CoreWithOneCall {
  handler: HandlerProcess;
  running: RunningCore;
  /** What a command needs to read this core's history: its key and its data folder. */
  env: NodeJS.ProcessEnv;
}

/**
 * For a command-line test file: a real core forwarding to the stand-in handler, with one call
 * stored, `call` posted to the core as Flowent would and forwarded as any call is (so it is #1).
 * Started before the file's first test and stopped after its last.
 */
export function useCoreWithOneCall(key: string, call: { path: string; body: string }): () => CoreWithOneCall {
  let started: CoreWithOneCall | null = null;
  beforeAll(async () => {
    const handler = await startHandler();
    const running = await startCore({ key });
    started = { handler, running, env: { FLOWENT_HMAC_KEY: key, FLOWENT_COMPANION_DATA_DIR: running.dataDir } };
    const forwarding = await running.core.api.setForwardTarget(null, handler.target);
    if (!forwarding.ok) throw new Error(`The core would not forward to the handler: ${JSON.stringify(forwarding)}`);
    await running.post(call.path, call.body);
  });
  afterAll(async () => {
    await started?.running.close();
    await started?.handler.stop();
  });
  return () => {
    if (!started) throw new Error('The core and its handler start before the first test.');
    return started;
  };
}
