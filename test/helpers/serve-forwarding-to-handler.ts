import { serveInspectorForFile, type ServedInspector, type ServeSetup } from '../e2e/served-inspector';
import { useHandler } from './handler-process';

/** A handler running as a process of its own, that serve can forward to. */
interface RunningHandler {
  /** e.g. http://127.0.0.1:1234/actions/{action_name} */
  target: string;
  stop(): Promise<void>;
}

export interface ForwardingSetup extends ServeSetup {
  /** What `serve --forward` is given: the handler's `target` unless one of its routes is named (`handlerUrl(handler, 'gated')`). */
  forward?: string;
}

/**
 * For a whole end-to-end file: the handler `start` starts (startHandler: the stand-in), then
 * `serve` on a fresh data folder forwarding every action to it, with Chromium on its inspector
 * (serveInspectorForFile hands them to `use`); all stopped after the file. `setup` is read once
 * the handler runs, and is given it. Returns the handler, for the tests.
 */
export function serveForwardingToHandler<H extends RunningHandler>(
  start: () => Promise<H>,
  setup: (handler: H) => ForwardingSetup,
  use: (served: ServedInspector) => void,
): () => H {
  const handler = useHandler(start);
  serveInspectorForFile(() => {
    const { forward = handler().target, args = [], ...rest } = setup(handler());
    return { ...rest, args: ['--forward', forward, ...args] };
  }, use);
  return handler;
}
