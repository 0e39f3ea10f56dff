import {
  API_METHODS,
  type CompanionApi,
  type DesktopBridge,
  type IpcInvokers,
  type IpcReply,
  type PreloadBridge,
} from '../../../main/contract/api';
import { requestError, unreachable } from './request-error';

/**
 * The desktop window's bridge over the preload's (window.companion): each reply's value, or an
 * Error with the failure's code, as the HTTP bridge rejects with, so the page reads a failure
 * the same way in the app and in the browser inspector.
 */
export function createDesktopBridge(preload: PreloadBridge): DesktopBridge {
  return {
    ...unwrapReplies(preload),
    onEvents: (listener) => preload.onEvents(listener),
    onShowFailedCalls: (listener) => preload.onShowFailedCalls(listener),
  };
}

/** The API over main's replies: a failed reply becomes the rejection, with its code. */
export function unwrapReplies(invokers: IpcInvokers): CompanionApi {
  // One method per API method, from the contract's list (which the contract proves complete);
  // each takes its method's arguments and answers its value (IpcInvoker<M> is derived from CompanionApi[M]).
  return Object.fromEntries(
    API_METHODS.map((method) => {
      const invoke = invokers[method] as (...args: unknown[]) => Promise<IpcReply<unknown>>;
      return [method, async (...args: unknown[]) => replyValue(await invoke(...args).catch(throwUnreachable))];
    }),
  ) as unknown as CompanionApi;
}

/** A reply's value; a failed reply thrown as an Error with its code, as the HTTP bridge throws one. */
export function replyValue<T>(reply: IpcReply<T>): T {
  if (reply.ok) return reply.value;
  throw requestError(reply.failure.message, reply.failure.code, reply.failure.problem);
}

/**
 * Main answers every call with a reply, so a rejected invoke never got to it (its handlers are
 * gone while the app quits): said as the HTTP bridge says a companion it cannot reach.
 */
function throwUnreachable(error: unknown): never {
  throw unreachable(error);
}
