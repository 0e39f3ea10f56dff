/**
 * What was wrong with a call, in a few words, from the stable `problem` code the core stores
 * with it: for the page's list row and the verdict line's headline, and for the command line's
 * call lines. The full sentence (what happened and what to do) is the call's stored
 * `problemMessage`, which the call's details show whole (request-refusal-words.ts words the
 * companion's own refusals).
 */
import type { CallDetail, CallSummary } from '../calls';

/**
 * Why the companion refused a request, by code. Every code the core refuses with is here, so
 * the core's refusals are typed by this list (a new code does not compile until it is worded).
 * A word here never reads as a word of the answer's mark (answer-mark-words.ts): the body that
 * was not JSON says "body", where the answer's mark says "not JSON" of the handler's answer,
 * "bad HTTP" and "body too slow" where it says "not HTTP" and "timed out".
 */
const REQUEST_PROBLEM_WORDS = {
  // Before the request's head could be read (parser-refusal.ts, rate-limit.ts).
  'head-too-large': 'headers too large',
  'ambiguous-length': 'unclear length',
  'malformed-http': 'bad HTTP',
  'headers-timeout': 'headers too slow',
  'rate-limited': 'rate limited',
  // On the request's head alone, its body unread (head-refusal.ts).
  'unsupported-expect': 'Expect not met',
  // The body's arrival and the route (interpret-call.ts).
  aborted: 'aborted',
  'body-timeout': 'body too slow',
  'malformed-body': 'unreadable body',
  'too-large': 'body too large',
  'missing-host': 'no Host header',
  'not-found': 'no route',
  'method-not-allowed': 'wrong method',
  'invalid-path-action': 'bad path',
  'unsupported-content-type': 'media type',
  'unsupported-content-encoding': 'compressed',
  // The body as JSON (parse-json.ts, typed-json.ts).
  empty: 'empty body',
  'invalid-utf8': 'body not UTF-8',
  bom: 'byte order mark',
  'invalid-json': 'body not JSON',
  'too-deep': 'nested too deep',
  'duplicate-key': 'duplicate key',
  // The body as a Flowent call (call-body.ts).
  'not-an-object': 'body not an object',
  'missing-action-name': 'no action_name',
  'invalid-action-name': 'bad action_name',
  // Short enough to stay whole beside its verdict in the list's signature column at 180 px.
  'action-mismatch': 'action ≠ URL',
  'missing-parameters': 'no parameters',
  'invalid-parameters': 'parameters not an object',
  'missing-timestamp': 'no timestamp',
  'invalid-timestamp': 'bad timestamp',
  'invalid-test': 'bad test flag',
  'invalid-signature-type': 'signature not text',
} as const satisfies Record<string, string>;

/** What went wrong on a call that was answered all the same (by a mock, or forwarded). */
const ANSWER_PROBLEM_WORDS = {
  'mock-template-failed': 'mock failed',
  'headers-dropped': 'headers dropped',
} as const satisfies Record<string, string>;

/** A reason the companion refuses a request with before any mock or handler sees it. */
export type RequestProblem = keyof typeof REQUEST_PROBLEM_WORDS;
/** Every reason the companion refuses a request with, for checks that go through them all. */
export const REQUEST_PROBLEMS = Object.keys(REQUEST_PROBLEM_WORDS) as readonly RequestProblem[];
/** A problem stored with a call: a refusal's reason, or what went wrong on an answered call. */
export type CallProblem = RequestProblem | keyof typeof ANSWER_PROBLEM_WORDS;

const PROBLEM_WORDS: Record<string, string | undefined> = { ...REQUEST_PROBLEM_WORDS, ...ANSWER_PROBLEM_WORDS };

/**
 * A call's problem in a word or two (`no parameters`, `action ≠ URL`); null when it
 * has none. A code this catalogue does not know (a history written by a newer companion, an
 * imported HAR) reads as its own words.
 */
export function problemWords(code: string | null): string | null {
  if (code === null) return null;
  return PROBLEM_WORDS[code] ?? code.replace(/-/g, ' ');
}

/**
 * The companion itself refused the call for what was wrong with the request (its answer, a
 * 4xx, says why): that problem, not the signature, is why the call failed, and is what every
 * front end leads with.
 */
export function refusedForRequest(call: Pick<CallSummary, 'answeredBy' | 'problem'>): boolean {
  return call.answeredBy === 'error' && call.problem !== null;
}

/**
 * A mock whose template failed: the mock's problem, not the request's (the call may lack what the
 * template reads, but the fix is in the mock). Its 500 quotes it as the mock's error, so the
 * details say it there, once.
 */
export function mockTemplateFailed(call: Pick<CallSummary, 'problem'>): boolean {
  return call.problem === 'mock-template-failed';
}

type ProblemSaid = Pick<CallDetail, 'problem' | 'problemMessage'>;

/**
 * The stored sentence of what was wrong with the request, for the request's part of the details;
 * null when there was none, or when the problem is the answered call's (ANSWER_PROBLEM_WORDS): a
 * failed mock template is said with the mock's answer, headers not sent on with where the call went.
 */
export function requestProblemMessage(call: ProblemSaid): string | null {
  return call.problem !== null && Object.hasOwn(ANSWER_PROBLEM_WORDS, call.problem) ? null : call.problemMessage;
}

/**
 * The request headers the companion left out when it sent the call on to a handler (a header no
 * HTTP client can send, an imported call's redacted credentials), in the stored sentence ("Not
 * sent on, because ..."): said with where the call went, as it is about what the handler got.
 */
export function headersNotSentOn(call: ProblemSaid): string | null {
  return call.problem === 'headers-dropped' ? call.problemMessage : null;
}

/**
 * What stands for a stored request's request line when it has none: the HTTP parser refused its
 * bytes before one could be read, or its head stopped arriving (Node reads a head out of sight
 * and keeps nothing of one that does not finish, so its request line is not known, not absent).
 */
export function requestLineWords(call: Pick<CallSummary, 'method' | 'path' | 'problem'>): string {
  if (call.method || call.path) return `${call.method} ${call.path}`;
  return call.problem === 'headers-timeout' ? '(request head unfinished)' : '(no request line)';
}
