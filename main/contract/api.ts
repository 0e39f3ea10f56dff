/**
 * The one contract between the renderer and the core.
 *
 * The desktop preload carries it over IPC, the browser inspector carries it over HTTP and
 * server-sent events; both are checked against these files by the compiler. They hold types,
 * constants and a few pure rules (such as what counts as a failure): main, preload and renderer
 * all import them, so they must never import anything with side effects (and never `electron`).
 *
 * Each feature has its own file (methods, method names, events); this one puts them together.
 */
import { ACCOUNT_METHOD_NAMES, type AccountEvent, type AccountFailure, type AccountMethods } from './account';
import { ANSWERS_METHOD_NAMES, type AnswersEvent, type AnswersFailure, type AnswersMethods } from './answers';
import { CALLS_METHOD_NAMES, type CallsEvent, type CallsMethods } from './calls';
import type { CallsFailure } from './shared';
import { HANDLER_METHOD_NAMES, type HandlerEvent, type HandlerFailure, type HandlerMethods } from './handlers';
import { LIMITS_METHOD_NAMES, type LimitsEvent, type LimitsFailure, type LimitsMethods } from './limits';
import { PROJECT_METHOD_NAMES, type ProjectEvent, type ProjectFailure, type ProjectMethods } from './project';
import { REPLAY_METHOD_NAMES, type ReplayEvent, type ReplayMethods } from './replay';
import type { ReplayFailure } from './replay-outcome';
import { STATUS_METHOD_NAMES, type StatusEvent, type StatusFailure, type StatusMethods } from './status';

export * from './account';
export * from './action-name';
export * from './answers';
export * from './bulk-replay';
export * from './calls';
export * from './handlers';
export * from './here-url';
export * from './url-credentials';
export * from './limits';
export * from './network';
export * from './project';
export * from './readable-text';
export * from './replay';
export * from './replay-outcome';
export * from './result';
export * from './shared';
export * from './status';
export * from './names-and-limits';

/** What the renderer can ask of the core. Every method is a specific operation. */
export interface CompanionApi
  extends CallsMethods, StatusMethods, AnswersMethods, ReplayMethods, HandlerMethods, AccountMethods, LimitsMethods, ProjectMethods {}

export type ApiMethod = keyof CompanionApi;

/** The method names, for transports that route by name (IPC channels, HTTP paths). */
export const API_METHODS = [
  ...CALLS_METHOD_NAMES,
  ...STATUS_METHOD_NAMES,
  ...ANSWERS_METHOD_NAMES,
  ...REPLAY_METHOD_NAMES,
  ...HANDLER_METHOD_NAMES,
  ...ACCOUNT_METHOD_NAMES,
  ...LIMITS_METHOD_NAMES,
  ...PROJECT_METHOD_NAMES,
] as const satisfies readonly ApiMethod[];

/** Compile-time proof that API_METHODS lists every method. */
type MissingMethods = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
const everyMethodListed: MissingMethods extends never ? true : never = true;
void everyMethodListed;

/** Every failure the contract's methods return: what each front end must be able to word (main/contract/words). */
export type ApiFailure =
  CallsFailure | StatusFailure | AnswersFailure | ReplayFailure | AccountFailure | HandlerFailure | LimitsFailure | ProjectFailure;

export type CoreEvent = CallsEvent | StatusEvent | AnswersEvent | ReplayEvent | HandlerEvent | AccountEvent | LimitsEvent | ProjectEvent;

export type CoreEventType = CoreEvent['type'];

/**
 * Put in a batch by a transport where it dropped events: its receiver was not ready or too
 * slow, and too many events waited (main/core/event-batcher.ts has the policy). Whoever gets
 * it has missed something and reads again what it shows, as after a reconnection.
 */
export interface ResyncEvent {
  type: 'resync';
}

/** What the transports deliver: the core's events, batched, with a resync marker where some were dropped. */
export type DeliveredEvent = CoreEvent | ResyncEvent;

/** What the renderer sees: the API plus a live event subscription. */
export interface CompanionBridge extends CompanionApi {
  /** Subscribe to the core's events, in batches; returns the unsubscribe function. */
  onEvents(listener: (events: DeliveredEvent[]) => void): () => void;
}

/**
 * The desktop window's bridge, as the page uses it: the API, plus what main asks of the page. A
 * clicked failure notification asks it to list the failed calls; a request made before the page
 * listens is kept for its first listener.
 */
export interface DesktopBridge extends CompanionBridge {
  onShowFailedCalls(listener: () => void): () => void;
}

/**
 * A call main did not carry out, as the page is told it: the same `code` and `message` the
 * inspector answers over HTTP, and for refused arguments (`invalid-arguments`) the `problem`
 * without the method's name.
 */
export interface RequestFailure {
  code: string;
  message: string;
  problem?: string;
}

/**
 * How main answers every IPC call: plain data, which IPC's structured clone and contextBridge
 * carry whole. A thrown Error would reach the page as its message alone, its code lost.
 */
export type IpcReply<T> = { ok: true; value: T } | { ok: false; failure: RequestFailure };

/** An API method as the preload carries it: the same arguments, answered with main's reply as it came. */
export type IpcInvoker<M extends ApiMethod> = (
  ...args: Parameters<CompanionApi[M]>
) => Promise<IpcReply<Awaited<ReturnType<CompanionApi[M]>>>>;
export type IpcInvokers = { [M in ApiMethod]: IpcInvoker<M> };

/**
 * What the desktop preload exposes as `window.companion`: the methods answer with IPC replies,
 * which the page's desktop bridge (renderer/src/transport/desktop-bridge.ts) turns into values
 * and Errors with codes, as the HTTP bridge does.
 */
export interface PreloadBridge extends IpcInvokers, Pick<DesktopBridge, 'onEvents' | 'onShowFailedCalls'> {}

export const IPC_CHANNEL_PREFIX = 'companion:';
export const IPC_EVENT_CHANNEL = 'companion:events';
/** The preload signals this once its listener is in place, so no event is lost before it. */
export const IPC_READY_CHANNEL = 'companion:ready';
/** Main to page only, no arguments: list the failed calls (a failure notification was clicked). */
export const IPC_SHOW_FAILED_CALLS_CHANNEL = 'companion:show-failed-calls';

export function ipcChannelFor(method: ApiMethod): string {
  return IPC_CHANNEL_PREFIX + method;
}
