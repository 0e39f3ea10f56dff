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

/**
 * How the companion produced the answer it gave: its mock, Flowent's registration check,
 * a signature refusal, an error answer to bad input, the developer's handler (`forward`),
 * the mock because the handler was unreachable (`fallback-mock`), or a 502/504 because
 * forwarding failed (`forward-error`).
 */
export type AnsweredBy = 'mock' | 'test-check' | 'signature-check' | 'error' | 'forward' | 'fallback-mock' | 'forward-error';

/** One way an answer falls short of what Flowent expects (2xx, JSON, `result` a string...). */
export interface Violation {
  /** Stable code: `not-2xx`, `not-json`, `not-object`, `result-missing`, `result-not-string`, `error-not-string`, `error-on-success`, `too-large`, `too-slow`, `no-answer`. */
  code: string;
  /** What happened, in the words a developer acts on. */
  message: string;
}

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
  /** How the answer falls short of Flowent's contract; empty when it does not (or was not checked). */
  violations: Violation[];
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
  /** The client address the tunnel reported (X-Forwarded-For), for calls that came through it. */
  forwardedFor: string | null;
  /** Set when the call was forwarded to the developer's handler. */
  forward: {
    target: string | null;
    /** What went wrong reaching the handler, when something did. */
    error: string | null;
    /** For a forwarded registration check: would Flowent have accepted the handler's answer? */
    registrationWouldPass: boolean | null;
  };
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

/** Where the public tunnel is. */
export interface TunnelStatus {
  state: 'offline' | 'connecting' | 'online' | 'reconnecting';
  /** The public base URL while online (the last known one while reconnecting). */
  url: string | null;
  /** Why it is offline or reconnecting, when that was not the user's choice. */
  reason: { code: string; message: string } | null;
  /** Set while the app itself schedules a rebuild of the session. */
  attempt?: number;
  /** Milliseconds since the epoch of the next rebuild attempt. */
  nextRetryAt?: number;
}

/** One of this machine's network addresses, for Flowent on the same network. */
export interface LanAddress {
  interface: string;
  address: string;
  /** e.g. http://192.168.1.100:8787 */
  baseUrl: string;
}

export interface SecretState {
  set: boolean;
  source: 'keychain' | 'environment' | 'session' | null;
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
  tunnel: TunnelStatus;
  ngrokAuthtoken: SecretState;
  canSetNgrokAuthtoken: boolean;
  /** The reserved domain the tunnel asks for, when one is configured. */
  tunnelDomain: string | null;
  /** True when the webhook server listens on every interface (reachable from the network). */
  listeningOnAllInterfaces: boolean;
  /** This machine's non-internal IPv4 addresses with the webhook base URL on each. */
  lanAddresses: LanAddress[];
}

// ---- Answers: mocks and forwarding -------------------------------------------------------

export type ConditionOperator = 'equals' | 'contains' | 'regex' | 'exists';

/** A test on one value of the call, found by a JSON path such as `parameters.user.email`. */
export interface Condition {
  path: string;
  op: ConditionOperator;
  /** equals: any JSON value; contains/regex: a string; exists: true or false. */
  value: unknown;
}

/** A fault injected on purpose, to see what the flow does when the action misbehaves. */
export type Fault = { type: 'timeout'; holdMs: number } | { type: 'drop' } | { type: 'non-json' } | { type: 'error'; message: string };

/** One possible answer. `body` is a Handlebars template, or a JSON value whose strings are templates. */
export interface MockResponse {
  name?: string;
  /** For `rules` selection: applies when every condition holds (none: always). */
  when: Condition[];
  status: number;
  headers: Record<string, string>;
  body: unknown;
  delayMs: number;
  fault: Fault | null;
}

export type Selection = 'rules' | 'sequence' | 'random';

/** What is stored for an action (or for every action: the default). */
export interface MockDefinition {
  selection: Selection;
  responses: MockResponse[];
  /** Answer when no rule matches (or when there are no responses). */
  fallback: MockResponse | null;
  /** Registration checks get the built-in success answer unless this is true. */
  answerRegistrationCheck: boolean;
}

/** A problem at a path inside a mock definition, e.g. `responses[1].when[0].value`. */
export interface DefinitionError {
  path: string;
  message: string;
  /** For syntax and template errors: where, 1-based. */
  line?: number;
  column?: number;
}

export type MockFormat = 'json' | 'yaml';
export type RespondMode = 'mock' | 'forward';

/** A stored mock; `action` null is the default for every action. */
export interface StoredMock {
  action: string | null;
  definition: MockDefinition;
  updatedAt: number;
}

/** The per-action (or default) choice between mock and forwarding. */
export interface RouteSetting {
  action: string | null;
  mode: RespondMode | null;
  /** e.g. http://localhost:8000/actions/{action_name} */
  target: string | null;
  updatedAt: number;
}

export interface RespondSettings {
  mocks: StoredMock[];
  routes: RouteSetting[];
  /** From `serve --forward`, not stored. */
  startupForwardTarget: string | null;
  forwardTimeoutMs: number;
  fallbackToMock: boolean;
}

/** A mock checked without being stored: the parsed definition, or every problem with its path. */
export type MockCheck = { ok: true; definition: MockDefinition } | { ok: false; errors: DefinitionError[] };

/** Saving a mock: like Result, plus every problem with its path for inline display. */
export type MockSave = { ok: true; value: StoredMock } | { ok: false; code: string; message: string; errors: DefinitionError[] };

export interface SampleRequest {
  url: string;
  body: string;
  /** A shell command that sends `body` to `url`. */
  curl: string;
  signed: boolean;
}

/** Expected failures are values, never exceptions. */
export type Result<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

// ---- Replay (issue 6) -------------------------------------------------------------------

/** `as-is`: the original bytes and headers; `resign`: a fresh timestamp signed with the current key. */
export type ReplayMode = 'as-is' | 'resign';

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface HeaderChange {
  /** Lower-case name. */
  name: string;
  /** Null when the header is new in the replay. */
  before: string | null;
  /** Null when the replay's answer lacks it. */
  after: string | null;
}

/** How a replay's answer differs from the original's (volatile headers ignored). */
export interface AnswerDiff {
  changed: boolean;
  status: { before: number; after: number; changed: boolean };
  headers: HeaderChange[];
  body: { changed: boolean; json: boolean; lines: DiffLine[] };
}

/** What a replay did: the new stored call, its answer and how it differs from the original's. */
export interface ReplayOutcome {
  originalId: number;
  /** The stored replay (source `replay`). */
  id: number;
  mode: ReplayMode | 'edit';
  url: string;
  /** The style the body was signed in; null for `as-is`. */
  signedStyle: string | null;
  signatureVerdict: string;
  status: number;
  durationMs: number;
  violations: Violation[];
  originalViolations: Violation[];
  diff: AnswerDiff;
  /** passed: no violation, same answer; changed: no violation, another answer; failed: a violation or no answer. */
  verdict: 'passed' | 'changed' | 'failed';
  /** Why the handler could not be reached, when it could not. */
  error: string | null;
}

export type CoreEvent =
  | { type: 'call-stored'; call: CallSummary }
  | { type: 'history-cleared' }
  | { type: 'status-changed'; status: CoreStatus }
  /** Mocks or forwarding settings changed; read them again with getRespondSettings. */
  | { type: 'respond-changed' }
  | { type: 'tunnel-status'; status: TunnelStatus }
  /** A rebuilt tunnel came back with another public URL: Flowent actions must be re-pointed. */
  | { type: 'tunnel-url-changed'; previous: string; current: string };

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

  getRespondSettings(): Promise<RespondSettings>;
  /** Parses and validates a mock (JSON or YAML text) without storing it. */
  checkMock(text: string, format: MockFormat): Promise<MockCheck>;
  /** `action` null sets the default for every action. */
  setMock(action: string | null, text: string, format: MockFormat): Promise<MockSave>;
  clearMock(action: string | null): Promise<Result<{ cleared: boolean }>>;
  /** Turns a stored call's answer into its action's mock. */
  mockFromCall(callId: number): Promise<Result<StoredMock>>;
  /** A URL like http://localhost:8000/actions/{action_name}; null removes it. */
  setForwardTarget(action: string | null, url: string | null): Promise<Result<RouteSetting>>;
  /** null goes back to inheriting the default. */
  setRespondMode(action: string | null, mode: RespondMode | null): Promise<Result<RouteSetting>>;

  openTunnel(): Promise<Result<{ url: string }>>;
  closeTunnel(): Promise<Result<{ closed: true }>>;
  setNgrokAuthtoken(token: string): Promise<Result<CoreStatus>>;
  clearNgrokAuthtoken(): Promise<Result<CoreStatus>>;
  /** Restarts the webhook server on the same port, on every interface or on loopback only. */
  setListenOnAllInterfaces(on: boolean): Promise<Result<CoreStatus>>;

  /** Sends a stored call to the handler again (`target` null: the action's forwarding target); stored as a new call. */
  replayCall(id: number, mode: ReplayMode, target: string | null): Promise<Result<ReplayOutcome>>;
  /** A shell command that sends the stored call again, re-signed with the learned style when `resign`. */
  copyAsCurl(id: number, resign: boolean): Promise<Result<string>>;
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
  'getRespondSettings',
  'checkMock',
  'setMock',
  'clearMock',
  'mockFromCall',
  'setForwardTarget',
  'setRespondMode',
  'openTunnel',
  'closeTunnel',
  'setNgrokAuthtoken',
  'clearNgrokAuthtoken',
  'setListenOnAllInterfaces',
  'replayCall',
  'copyAsCurl',
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
