/** The history: what Flowent (or a replay, or the simulator) sent, and what was answered. */
import type * as z from 'zod';
import type { Selection } from './answers';
import type { HandlerReport } from './handlers';
import type { Result } from './result';
import type { ArgumentsOf } from './schemas/arguments';
import type { callCountQuery, callEstimateQuery, callFilter, callQuery, callsArguments, statusClass } from './schemas/calls';
import type { AnsweredBy, CallSource, HandlerSignature, Verdict } from './names-and-limits';
import type { CallsFailure, Diagnosis, Violation } from './shared';

/** One line of the history list: small, cheap to page through. */
export interface CallSummary {
  id: number;
  /** Milliseconds since the Unix epoch, when the first byte of the request arrived. */
  receivedAt: number;
  method: string;
  path: string;
  /** The action named by the path or the body; null when neither named a valid one. */
  action: string | null;
  /**
   * The body's `action_name` as it was written (`5`, `"Send Email"`, `null`) when it is not a
   * valid action name; null when it is one, or when the body has none. `action` is then the
   * URL's action, not what was sent.
   */
  sentAction: string | null;
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
  /** The failure rule's verdict on this call (`isFailedCall`), whatever its source. */
  failed: boolean;
  /** The developer's handler's verdict on the signature; null when no handler answered (a mock, the companion itself). */
  handlerSignature: HandlerSignature | null;
  /**
   * The body's timestamp against the call's arrival, as the signature check judged it: `old`
   * past Flowent's 5-minute window, `future` over a minute ahead. The same as the detail's
   * `signature.timestamp`, without the value.
   */
  timestamp: { flag: TimestampFlag; ageSeconds: number | null };
  /**
   * Why the signature failed (verdict `invalid`, `malformed` or `missing`): the diagnosis the
   * call's details lead with, without its hint; null for every other verdict.
   */
  signatureDiagnosis: SignatureCause | null;
  /**
   * Why forwarding to the developer's handler gave no answer, in a sentence naming the target
   * (`answeredBy` `forward-error`, or `fallback-mock` when the mock answered in its place);
   * null when the handler answered or nothing was forwarded. A line must say it: a mock's 200
   * in place of a handler that is down looks like success otherwise.
   */
  forwardError: string | null;
  /**
   * Sent by this companion with its signature spoiled on purpose (`send --wrong-signature`,
   * Simulate's "Spoil the signature", the probe of a handler's verifier): its verdict is
   * `invalid` because it was meant to be, to check that the handler refuses it.
   */
  spoiledSignature: boolean;
  /**
   * Read from a HAR file (`import`, the page's Import): true for every call of source `import`, and
   * for a replay or simulated call another companion's export names as such, which keeps its source.
   */
  imported: boolean;
  /** Where a text search found this call: set on the calls of a page listed with `text`. */
  match?: TextMatch;
}

/** A diagnosis's stable code and its sentence (`Diagnosis` without the hint). */
export type SignatureCause = Pick<Diagnosis, 'code' | 'message'>;

/**
 * A text search's hit in a body's readable text (escapes decoded): how many times the text is
 * there, and the first place, with a little of what surrounds it.
 */
export interface TextMatch {
  count: number;
  /** Up to a few dozen characters before the first hit; starts with "…" when cut. */
  before: string;
  /** The hit, as searched. */
  text: string;
  /** What follows it, cut the same way. */
  after: string;
}

/**
 * Verdicts that make a call a failure by themselves. `valid` and `unsigned-test` are fine;
 * `no-key` means nothing could be checked (no HMAC key is set, as on a first run), which
 * says nothing about the call.
 */
export const FAILING_VERDICTS: readonly Verdict[] = ['invalid', 'missing', 'malformed', 'not-flowent'];

/**
 * The one failure rule: a call failed when its answer was not 2xx (or there was none, status
 * 0), when its signature verdict is one of FAILING_VERDICTS, or when its answer breaks
 * Flowent's contract (violations). The store keeps this verdict in a column computed by this
 * function, so a count read from the history and a count kept live agree. A registration check
 * answered 2xx in time has no violations (Flowent judges it by its status alone, so its body
 * breaks nothing); a wrong signature on one still fails it: the key that does not match there
 * does not match on real calls either.
 */
export function isFailedCall(call: Pick<CallSummary, 'status' | 'verdict' | 'violations'>): boolean {
  return call.status < 200 || call.status > 299 || FAILING_VERDICTS.includes(call.verdict) || call.violations.length > 0;
}

/**
 * What the header's "failures" counts: Flowent's own calls that failed. A replay, a simulated
 * or an imported call may fail too (its row says so), but it is not Flowent's traffic.
 */
export function countsAsFailure(call: Pick<CallSummary, 'source' | 'failed'>): boolean {
  return call.source === 'flowent' && call.failed;
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

/** Which of a mock's answers was given. */
export type MockResponseChoice =
  /** One of `responses`: the first whose rules held (`rules`), the sequence's turn, or the random pick. */
  | { kind: 'response'; selection: Selection; index: number; name: string | null }
  /** The fallback: the mock has responses, and none of their rules held. */
  | { kind: 'fallback'; name: string | null }
  /**
   * The mock's one answer: it has no responses, so no rule to hold or a turn to take (one answer
   * written at the top, `status:`/`body:`, or a fallback alone). Calls stored before this was
   * told apart say `fallback` of it too.
   */
  | { kind: 'only'; name: string | null }
  /** The built-in answer `{"result":"ok","error":""}`: no mock, or nothing in it applied. */
  | { kind: 'built-in' };

/** What answered a call from a mock: whose mock, and which of its answers. */
export interface MockChoice {
  /** The action's own mock, the default mock for every action, or none (the built-in answer). */
  mock: 'action' | 'default' | 'none';
  response: MockResponseChoice;
}

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
  /**
   * Which mock answer was given, when a mock or the built-in answer answered (`answeredBy`
   * `mock` or `fallback-mock`); null otherwise, and for calls stored before this was recorded.
   */
  mockChoice: MockChoice | null;
  /** The client address the tunnel reported (X-Forwarded-For), for calls that came through it. */
  forwardedFor: string | null;
  /** Set when the call was forwarded to the developer's handler. */
  forward: {
    target: string | null;
    /** What went wrong reaching the handler, when something did. */
    error: string | null;
    /** For a forwarded registration check: would Flowent have accepted the handler's answer? */
    registrationWouldPass: boolean | null;
    /**
     * For a call this companion sent (a replay, a simulated call): whether `target` was a
     * companion's webhook (a running serve's, the app's own) rather than a handler. Null when not
     * recorded: a call the companion received, an imported one whose file does not say, one
     * stored before this was.
     */
    throughWebhook: boolean | null;
    /**
     * Sent through a companion's webhook: the handler that webhook said it forwarded the call to,
     * answered or not (a password in it as `***`). Null when its mock answered, or it did not say.
     */
    webhookForwardedTo: string | null;
  };
  /** The handler's verdict on the signature, what the handler taught so far and, when they disagree, what that means; null when no handler answered. */
  handler: HandlerReport | null;
  /**
   * The style learned from this Flowent's calls (and from how many), when this call from Flowent
   * is validly signed with the key set now in none of the styles that sign like it: a handler
   * written for that style rejects it. Null otherwise, and for calls not from Flowent.
   */
  signedUnlikeLearned: SignedUnlikeLearned | null;
}

/** The style learned from this Flowent's calls, as a call signed unlike it names it. */
export interface SignedUnlikeLearned {
  style: string;
  /** The valid Flowent calls that style signs. */
  fromCalls: number;
}

export type StatusClass = z.output<typeof statusClass>;

/** Filters for the history list. All are optional and combine with AND. */
export type CallFilter = z.output<typeof callFilter>;

/** A filter and the page fields, `limit` (capped by the core) and `beforeId`. */
export type CallQuery = z.output<typeof callQuery>;

/**
 * A filter and `beforeId`, to count the calls below where counts that ran out of time stopped;
 * `perAction: false` when only the totals are wanted.
 */
export type CallCountQuery = z.output<typeof callCountQuery>;

/** A filter, and `perAction: false` when only the total's estimate is wanted. */
export type CallEstimateQuery = z.output<typeof callEstimateQuery>;

export interface CallPage {
  calls: CallSummary[];
  /** Pass as `beforeId` to get the next page; null when this is the last page. */
  nextBeforeId: number | null;
  /**
   * Set when the page holds fewer than `limit` calls because its time ran out before it read
   * the whole history (a filter that matches little): the calls from this id up were
   * searched, those below were not. `nextBeforeId` is then the same id and goes on searching.
   */
  searchedDownTo: number | null;
}

export interface ActionCount {
  action: string;
  count: number;
}

export interface CallStats {
  total: number;
  /** Of these calls, how many count as failures (`countsAsFailure`: Flowent's own calls that failed). */
  failures: number;
  /** Empty when the query said `perAction: false`. */
  perAction: ActionCount[];
  /**
   * The newest call id in the history when these counts were read (0 for none): the counts
   * cover every call up to it. A page that adds live calls to the counts adds only newer ones,
   * so a call stored while the counts were being read is not counted twice.
   */
  countedUpTo: number;
  /**
   * Null when the counts cover every call up to `countedUpTo`. Otherwise counting ran out of
   * time: they cover the calls from this id up, and `getStats` with this as `beforeId` counts
   * the ones below it, to add.
   */
  nextBeforeId: number | null;
}

/**
 * About how many calls match a filter, read at once from a sample: what the header shows while
 * the exact count (`getStats`, in steps) goes on.
 */
export interface CountEstimate {
  /**
   * About how many calls match, to two significant figures (one when the sample held fewer
   * than 100 matches): the share of matches among calls spread over the history, times the
   * calls stored (exact when the history is small enough to read whole). Null when the sample
   * held too few matches to say.
   */
  about: number | null;
  /** How many calls the sample read. */
  sampled: number;
  /**
   * The same per action, for the actions the sample found (most matches first); each action's
   * `about` by the same rule, from its own matches. Empty when the query said `perAction: false`.
   */
  perAction: ActionEstimate[];
}

export interface ActionEstimate {
  action: string;
  /** About how many of the action's calls match; null when the sample held too few of them to say. */
  about: number | null;
}

export interface SampleRequest {
  url: string;
  body: string;
  /** A shell command that sends `body` to `url`. */
  curl: string;
  signed: boolean;
}

type Args = ArgumentsOf<typeof callsArguments>;

export interface CallsMethods {
  listCalls(...[query]: Args['listCalls']): Promise<CallPage>;
  getCall(...[id]: Args['getCall']): Promise<CallDetail | null>;
  getStats(...[filter]: Args['getStats']): Promise<CallStats>;
  estimateCount(...[query]: Args['estimateCount']): Promise<CountEstimate>;
  getSampleRequest(...[action]: Args['getSampleRequest']): Promise<SampleRequest>;
  clearHistory(...args: Args['clearHistory']): Promise<Result<{ deleted: number }, CallsFailure>>;
  /** The calls waiting for the handler now, oldest first: what a page opened meanwhile shows (they are not stored yet). */
  listWaitingCalls(...args: Args['listWaitingCalls']): Promise<WaitingCall[]>;
}

export const CALLS_METHOD_NAMES = [
  'listCalls',
  'getCall',
  'getStats',
  'estimateCount',
  'getSampleRequest',
  'clearHistory',
  'listWaitingCalls',
] as const satisfies readonly (keyof CallsMethods)[];

/**
 * A Flowent call forwarded to the developer's handler that has waited past a moment for its
 * answer. It is not stored yet: it is once the handler answers or the forward's limit ends the
 * wait, and then its `call-stored` follows its `call-wait-ended`.
 */
export interface WaitingCall {
  /** Names it until the wait ends (not the id it will be stored under, which it has none of yet). */
  key: number;
  action: string;
  receivedAt: number;
  /** Where it was forwarded, any password in it as `***`. */
  target: string;
}

/**
 * `call-waiting` and `call-wait-ended`: a forwarded call still waiting for the handler, and the
 * end of that wait (WaitingCall).
 *
 * `calls-stored-elsewhere`: another process (an `import` run in a terminal, say) stored more
 * calls in this history than are told one by one; a receiver reads its list and counts again.
 * Fewer come as `call-stored`, like the calls stored here, with `elsewhere` set: another serve on
 * the same data folder stores the calls its own webhook receives, and a terminal must not show
 * them as this one's.
 */
export type CallsEvent =
  | { type: 'call-stored'; call: CallSummary; elsewhere?: true }
  | { type: 'call-waiting'; call: WaitingCall }
  | { type: 'call-wait-ended'; key: number }
  | { type: 'calls-stored-elsewhere'; count: number }
  | { type: 'history-cleared' };
