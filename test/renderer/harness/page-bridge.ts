/**
 * The page's bridge to a real core in the same process, standing for the desktop app's IPC (the
 * Electron binary cannot run here). It does what that transport does and nothing else: main's
 * own handler body (answerCall: the core's argument checks, then the API) answers each call with
 * an IPC reply, arguments and replies are copied as structured clones (IPC's serialization), the
 * page's own desktop bridge turns the replies into values and Errors with codes, and events reach
 * the page through the core's event batcher, held until the page subscribes, as the IPC relay
 * holds them until the preload is ready.
 */
import {
  API_METHODS,
  type ApiMethod,
  type CompanionApi,
  type CompanionBridge,
  type CoreEvent,
  type DeliveredEvent,
  type IpcInvokers,
  type IpcReply,
} from '../../../main/contract/api';
import { createEventBatcher, type BatchPolicy, type EventBatcher } from '../../../main/core/event-batcher';
import { answerCall } from '../../../main/transports/ipc/ipc';
import { unwrapReplies } from '../../../renderer/src/transport/desktop-bridge';

export interface PageBridgeOptions {
  api: CompanionApi;
  subscribe(listener: (event: CoreEvent) => void): () => void;
  /** Overrides of the event policy, for tests that need small numbers. */
  eventPolicy?: Partial<BatchPolicy>;
}

export interface RecordedCall {
  method: ApiMethod;
  args: unknown[];
}

export type PageBridge = CompanionBridge & {
  /** Every method the page called, with its arguments, in order. */
  readonly recorded: RecordedCall[];
  callsTo(method: ApiMethod): unknown[][];
  /**
   * The next request to `method` (or its answer) stays in transit until the returned function
   * is called, while events and other calls overtake it: a request held reaches the core late,
   * an answer held was computed by the core at once and reaches the page late.
   */
  holdNext(method: ApiMethod, part: 'request' | 'answer'): () => void;
  /** The transport's batcher: pause it to let events wait, as for a page that is not ready. */
  readonly events: EventBatcher;
  dispose(): void;
};

export function createPageBridge(options: PageBridgeOptions): PageBridge {
  const listeners = new Set<(events: DeliveredEvent[]) => void>();
  const recorded: RecordedCall[] = [];
  const held = new Map<string, Promise<void>>();
  const passHold = async (key: string) => {
    const gate = held.get(key);
    if (!gate) return;
    held.delete(key);
    await gate;
  };
  const events = createEventBatcher({
    deliver(batch) {
      if (listeners.size === 0) return false;
      for (const listener of listeners) listener(structuredClone(batch));
      return true;
    },
    paused: true,
    policy: options.eventPolicy,
  });
  const unsubscribe = options.subscribe((event) => events.push(event));

  async function invoke(method: ApiMethod, args: unknown[]): Promise<IpcReply<unknown>> {
    recorded.push({ method, args: structuredClone(args) });
    await passHold(`request:${method}`);
    // Failed calls are the page tests' to read from what the page shows; main would log them.
    const reply = await answerCall(options.api, method, structuredClone(args), () => {});
    await passHold(`answer:${method}`);
    return structuredClone(reply);
  }

  const invokers = Object.fromEntries(
    API_METHODS.map((method) => [method, (...args: unknown[]) => invoke(method, args)]),
  ) as unknown as IpcInvokers;
  const methods: CompanionApi = unwrapReplies(invokers);
  return {
    ...methods,
    onEvents(listener) {
      listeners.add(listener);
      events.resume();
      return () => {
        listeners.delete(listener);
      };
    },
    recorded,
    callsTo: (method) => recorded.filter((call) => call.method === method).map((call) => call.args),
    holdNext(method, part) {
      let release = () => {};
      held.set(`${part}:${method}`, new Promise<void>((resolve) => (release = resolve)));
      return () => release();
    },
    events,
    dispose() {
      unsubscribe();
      events.dispose();
      listeners.clear();
    },
  };
}
