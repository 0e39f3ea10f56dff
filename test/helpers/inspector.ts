import { InspectorServer } from '../../main/transports/inspector/inspector-server';
import type { RunningCore } from './running-core';

/**
 * The browser inspector's HTTP server over a running core, on port 0, with a fixed token.
 * An internal error fails the test (it must never happen on any input).
 */
export async function startInspectorFor(running: RunningCore, token: string, rendererDir: string | null = null) {
  const { core } = running;
  const inspector = new InspectorServer({
    api: core.api,
    subscribe: (listener) => core.subscribe(listener),
    token,
    port: 0,
    rendererDir,
    onInternalError: (error) => {
      throw error;
    },
  });
  const started = await inspector.start();
  if (!started.ok) throw new Error(JSON.stringify(started));
  return { inspector, port: started.value.port, url: started.value.url };
}
