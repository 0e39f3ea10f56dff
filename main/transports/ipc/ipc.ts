import {
  API_METHODS,
  IPC_EVENT_CHANNEL,
  IPC_READY_CHANNEL,
  IPC_SHOW_FAILED_CALLS_CHANNEL,
  ipcChannelFor,
  type ApiMethod,
  type CompanionApi,
  type CoreEvent,
  type IpcReply,
} from '../../contract/api';
import { checkArgs, type CheckedArgs } from '../../core/operations/check-args';
import { thrownFailure } from '../../core/operations/thrown-failure';
import { createEventBatcher, type BatchPolicy, type EventBatcher } from '../../core/event-batcher';

// The few parts of Electron's types this module uses, so tests can hand it plain objects.
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}
export interface IpcEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: SenderFrameLike | null;
}
export type IpcListener = (event: IpcEventLike, ...args: unknown[]) => unknown;
export interface IpcMainLike {
  handle(channel: string, listener: IpcListener): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}
export interface WindowLike {
  isDestroyed(): boolean;
  readonly webContents: {
    readonly id: number;
    isDestroyed(): boolean;
    send(channel: string, ...args: unknown[]): void;
  };
}

export interface IpcOptions {
  /** The core's event feed. */
  subscribe(listener: (event: CoreEvent) => void): () => void;
  /** True when a URL is our renderer page (see window.ts `isRendererUrl`). */
  isRendererUrl(url: string): boolean;
  /** Overrides of the event policy, for tests. */
  eventPolicy?: Partial<BatchPolicy>;
  /** Where refusals and failed calls are reported; never given arguments, which may hold secrets. */
  warn?: (message: string, why?: unknown) => void;
}

export interface IpcRegistration {
  /** The window's events: paused while its page (re)loads, resumed by the preload's ready signal. */
  readonly events: EventBatcher;
  /** The window's page is (re)loading: nothing is sent to it until its preload signals ready. */
  pageLoading(): void;
  /**
   * Asks the window's page to list the failed calls. Sent once its preload is ready: a window
   * made anew, or a page still loading, gets it when it has said so.
   */
  showFailedCalls(): void;
  dispose(): void;
}

/**
 * Wires the API to IPC: one handler per API method, each checking its sender and its
 * arguments first, plus the event channel. Every message from a page is untrusted.
 */
export function registerIpc(
  ipcMain: IpcMainLike,
  api: CompanionApi,
  getWindow: () => WindowLike | null,
  options: IpcOptions,
): IpcRegistration {
  const warn = options.warn ?? ((message: string, why?: unknown) => console.warn(message, why ?? ''));
  let readyContentsId: number | null = null;
  let pageLoading = true;
  let failedCallsAsked = false;

  function liveWindow(): WindowLike | null {
    const win = getWindow();
    return win && !win.isDestroyed() && !win.webContents.isDestroyed() ? win : null;
  }

  /** Only our window's main frame, showing our renderer page, may talk to main. */
  function isTrusted(event: IpcEventLike): boolean {
    const win = liveWindow();
    const frame = event.senderFrame;
    return (
      win !== null && frame !== null && event.sender.id === win.webContents.id && frame.parent === null && options.isRendererUrl(frame.url)
    );
  }

  // Paused until the preload says its listener is in place, so nothing sent before is lost.
  const events = createEventBatcher({
    deliver(batch) {
      const win = liveWindow();
      if (!win || win.webContents.id !== readyContentsId) return false;
      win.webContents.send(IPC_EVENT_CHANNEL, batch);
      return true;
    },
    paused: true,
    policy: options.eventPolicy,
  });

  /** Whether the window's page is loaded and its preload listens. */
  function readyWindow(): WindowLike | null {
    const win = liveWindow();
    return win && !pageLoading && win.webContents.id === readyContentsId ? win : null;
  }

  function sendAskedFailedCalls(): void {
    const win = readyWindow();
    if (!failedCallsAsked || !win) return;
    failedCallsAsked = false;
    win.webContents.send(IPC_SHOW_FAILED_CALLS_CHANNEL);
  }

  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannelFor(method), (event, ...args) => {
      if (!isTrusted(event)) {
        warn(`Refused IPC call ${method} from an unknown sender (${event.senderFrame?.url ?? 'no frame'}).`);
        return failed('foreign-sender', `${method}: refused, the request did not come from the Companion window`);
      }
      return answerCall(api, method, args, warn);
    });
  }

  const onReady: IpcListener = (event) => {
    if (!isTrusted(event)) {
      warn(`Ignored a ready signal from an unknown sender (${event.senderFrame?.url ?? 'no frame'}).`);
      return;
    }
    readyContentsId = event.sender.id;
    pageLoading = false;
    events.resume();
    sendAskedFailedCalls();
  };
  ipcMain.on(IPC_READY_CHANNEL, onReady);
  const unsubscribe = options.subscribe((event) => events.push(event));

  return {
    events,
    pageLoading() {
      pageLoading = true;
      events.pause();
    },
    showFailedCalls() {
      failedCallsAsked = true;
      sendAskedFailedCalls();
    },
    dispose() {
      unsubscribe();
      events.dispose();
      ipcMain.removeListener(IPC_READY_CHANNEL, onReady);
      for (const method of API_METHODS) ipcMain.removeHandler(ipcChannelFor(method));
    },
  };
}

/**
 * Checks a page's arguments and calls the API: its value, or the failure with its code, as plain
 * data (an IpcReply), which a page is told whole where a thrown Error would lose its code.
 */
export async function answerCall<M extends ApiMethod>(
  api: CompanionApi,
  method: M,
  args: unknown[],
  warn: (message: string, why?: unknown) => void,
): Promise<IpcReply<unknown>> {
  // The core's argument checks, shared with the HTTP transport, so both refuse the same things.
  const checked = await checkArgs(method, args);
  if (!checked.ok) return { ok: false, failure: { code: checked.code, message: checked.message, problem: checked.problem } };
  // `checked.args` are exactly this method's parameters (check-args proves it for every method);
  // TypeScript cannot follow that correlation through the union of methods, hence the one cast.
  const fn = api[method] as (...params: CheckedArgs<M>) => Promise<unknown>;
  try {
    return { ok: true, value: await fn.apply(api, checked.args) };
  } catch (error) {
    // Not a failure the contract foresees (those are values), so logged; the page still gets the
    // message and, where the core gave one, its code (a full disk's SQLITE_FULL).
    warn(`The ${method} call failed.`, error);
    return { ok: false, failure: thrownFailure(error) };
  }
}

function failed(code: string, message: string): IpcReply<never> {
  return { ok: false, failure: { code, message } };
}
