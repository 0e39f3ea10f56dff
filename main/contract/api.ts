/**
 * The one contract between the renderer and the core.
 *
 * The desktop preload carries it over IPC, the browser inspector carries it over HTTP and
 * server-sent events; both are checked against this file by the compiler. This file holds
 * types and constants only: main, preload and renderer all import it, so it must never
 * import anything with side effects (and never `electron`).
 */

/** What the signature engine concluded about one call. */
export type Verdict =
  | 'valid'
  | 'invalid'
  | 'missing'
  | 'malformed'
  | 'unsigned-test'
  | 'no-key'
  | 'not-flowent';

export const VERDICTS: readonly Verdict[] = [
  'valid',
  'invalid',
  'missing',
  'malformed',
  'unsigned-test',
  'no-key',
  'not-flowent',
];

/** How the companion produced the answer it gave. */
export type AnsweredBy = 'mock' | 'test-check' | 'signature-check' | 'error';

/** Where a stored call came from. Only `flowent` exists today; replay and simulator come later. */
export type CallSource = 'flowent' | 'replay' | 'simulator';

/** One line of the history list: small, cheap to page through. */
export interface CallSummary {
  id: number;
  /** Milliseconds since the Unix epoch, when the first byte of the request arrived. */
  receivedAt: number;
  method: string;
  path: string;
  /** The action named by the path or the body; null when neither named a valid one. */
  action: string | null;
  /** True for Flowent's registration check (`"test": true`). */
  test: boolean;
  verdict: Verdict;
  /** The signing style that matched, when one did. */
  style: string | null;
  status: number;
  durationMs: number;
  /** Request body size in bytes. */
  size: number;
  /** Stable code of what was wrong with the request, null for a well-formed Flowent call. */
  problem: string | null;
  answeredBy: AnsweredBy;
  source: CallSource;
}

export interface Diagnosis {
  /** Stable code, e.g. `key-whitespace`, `signature-field-included`, `body-reformatted`. */
  code: string;
  /** What happened, in words. */
  message: string;
  /** What to do about it. */
  hint: string;
}

export type TimestampFlag = 'ok' | 'old' | 'future' | 'missing';

/** One signing style's result for a call. */
export interface StyleResult {
  style: string;
  /** Human label, e.g. "Python example (as sent, ASCII escapes)". */
  label: string;
  /** Lowercase hex HMAC-SHA256 of `canonical` with the key; null without a key. */
  expected: string | null;
  matched: boolean;
  /** The exact text that was signed in this style (present in call details only). */
  canonical?: string;
}

export interface SignatureReport {
  verdict: Verdict;
  /** The style that matched, when one did. */
  style: string | null;
  /** The signature as received, when there was one. */
  received: string | null;
  styles: StyleResult[];
  /** Why nothing matched (or warnings on a match); empty when there is nothing to say. */
  diagnosis: Diagnosis[];
  timestamp: {
    value: number | null;
    /** Seconds between the call's timestamp and its arrival; negative when in the future. */
    ageSeconds: number | null;
    flag: TimestampFlag;
  };
}

export type HeaderPair = [name: string, value: string];

export interface CallDetail extends CallSummary {
  remoteAddress: string | null;
  requestHeaders: HeaderPair[];
  /** The request body decoded as UTF-8 (invalid bytes shown as U+FFFD). */
  requestBody: string;
  /** The exact request body bytes, base64. */
  requestBodyBase64: string;
  problemMessage: string | null;
  signature: SignatureReport;
  response: {
    status: number;
    headers: HeaderPair[];
    body: string;
  };
  originalCallId: number | null;
}

export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx';

/** Filters for the history list. All are optional and combine with AND. */
export interface CallFilter {
  action?: string;
  verdict?: Verdict;
  statusClass?: StatusClass;
  /** true: only registration checks; false: no registration checks. */
  test?: boolean;
  /** Inclusive bounds on `receivedAt`, milliseconds since the epoch. */
  since?: number;
  until?: number;
  /** Free text searched in the request body. */
  text?: string;
}

export interface CallQuery extends CallFilter {
  /** Page size; the core caps it. */
  limit?: number;
  /** Return calls with an id lower than this (the next page, newest first). */
  beforeId?: number;
}

export interface CallPage {
  calls: CallSummary[];
  /** Pass as `beforeId` to get the next page; null when this is the last page. */
  nextBeforeId: number | null;
}

export interface ActionCount {
  action: string;
  count: number;
}

export interface CallStats {
  total: number;
  /** Calls whose verdict is not valid/unsigned-test, or whose status is not 2xx. */
  failures: number;
  perAction: ActionCount[];
}

export interface CoreStatus {
  /** e.g. http://127.0.0.1:8787 ; null until the server listens. */
  webhookBaseUrl: string | null;
  host: string;
  port: number | null;
  dataDir: string;
  enforceSignatures: boolean;
  bodyLimitBytes: number;
  hmacKey: { set: boolean; masked: string | null; source: 'keychain' | 'environment' | 'session' | null };
  /** Whether the HMAC key can be changed from the UI in this mode. */
  canSetHmacKey: boolean;
  mode: 'desktop' | 'headless';
}

export interface SampleRequest {
  url: string;
  body: string;
  /** A shell command that sends `body` to `url`. */
  curl: string;
  signed: boolean;
}

/** Expected failures are values, never exceptions. */
export type Result<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

export type CoreEvent =
  | { type: 'call-stored'; call: CallSummary }
  | { type: 'history-cleared' }
  | { type: 'status-changed'; status: CoreStatus };

export type CoreEventType = CoreEvent['type'];

/** What the renderer can ask of the core. Every method is a specific operation. */
export interface CompanionApi {
  getStatus(): Promise<CoreStatus>;
  listCalls(query: CallQuery): Promise<CallPage>;
  getCall(id: number): Promise<CallDetail | null>;
  getStats(filter: CallFilter): Promise<CallStats>;
  getSampleRequest(action: string): Promise<SampleRequest>;
  setHmacKey(key: string): Promise<Result<CoreStatus>>;
  clearHmacKey(): Promise<Result<CoreStatus>>;
  clearHistory(): Promise<Result<{ deleted: number }>>;
}

export type ApiMethod = keyof CompanionApi;

/** The method names, for transports that route by name (IPC channels, HTTP paths). */
export const API_METHODS = [
  'getStatus',
  'listCalls',
  'getCall',
  'getStats',
  'getSampleRequest',
  'setHmacKey',
  'clearHmacKey',
  'clearHistory',
] as const satisfies readonly ApiMethod[];

/** Compile-time proof that API_METHODS lists every method exactly. */
type MissingMethods = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
const everyMethodListed: MissingMethods extends never ? true : never = true;
void everyMethodListed;

/** What the renderer sees: the API plus a live event subscription. */
export interface CompanionBridge extends CompanionApi {
  /** Subscribe to core events; returns the unsubscribe function. */
  onEvents(listener: (events: CoreEvent[]) => void): () => void;
}

export const IPC_CHANNEL_PREFIX = 'companion:';
export const IPC_EVENT_CHANNEL = 'companion:events';
/** The preload signals this once its listener is in place, so no event is lost before it. */
export const IPC_READY_CHANNEL = 'companion:ready';

export function ipcChannelFor(method: ApiMethod): string {
  return IPC_CHANNEL_PREFIX + method;
}

/** The page size the core never exceeds. */
export const MAX_PAGE_SIZE = 500;
