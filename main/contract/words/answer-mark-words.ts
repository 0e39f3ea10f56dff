import type { AnsweredBy } from '../names-and-limits';
import { VIOLATION_CODES, type NoAnswerCause, type Violation, type ViolationCode } from '../shared';
import { FLOWENT_LIMIT_WORDS } from './flowent-limit-words';

/**
 * Why an answer fails Flowent's contract, in a word or two: what the list's mark says beside
 * the status (the full sentences are in its title and in the call's details). One entry per
 * code, so a new code does not compile until it has its word.
 */
const VIOLATION_WORD: Record<ViolationCode, string> = {
  'no-answer': 'no answer',
  'too-slow': 'too slow',
  'too-large': `over ${FLOWENT_LIMIT_WORDS}`,
  'not-json': 'not JSON',
  'not-object': 'not object',
  'result-missing': 'no result',
  'result-not-string': 'bad result',
  'error-not-string': 'bad error',
  'error-on-success': 'error set',
  'not-2xx': 'not 2xx',
};

/** How no answer came, in a word or two: said in place of the violation's word. */
const CAUSE_WORD: Record<NoAnswerCause, string> = {
  // Not "refused": that is the companion refusing a request (call-problem-words.ts). A refused
  // connection is nothing listening on the port, as its message says; "not listening" would not
  // fit beside "no answer" in a 1024 px window, "no listener" is as long as "unreachable".
  refused: 'no listener',
  closed: 'closed',
  timeout: 'timed out',
  'not-http': 'not HTTP',
  unreachable: 'unreachable',
  failed: 'failed',
  'no-target': 'no target',
  stopped: 'stopped',
};

/** How no answer came, after who was asked ("your handler refused the connection"). */
const CAUSE_PHRASE: Record<NoAnswerCause, string> = {
  refused: 'refused the connection',
  // Also when it sent its status line and headers first: the answer was never finished, so
  // Flowent got none ("without answering" read wrong beside a handler seen to start one).
  closed: 'closed the connection before finishing its answer',
  timeout: 'did not answer in time',
  'not-http': 'answered with bytes that are not HTTP',
  unreachable: 'could not be reached',
  failed: 'could not be reached',
  'no-target': 'was not sent the call: no forward target is set',
  stopped: 'was not waited for: the companion was stopping',
};

const LEAD_ORDER: readonly string[] = VIOLATION_CODES;

/**
 * The violation a call's mark leads with: an answer never given first (it is why there is
 * nothing else to check), then the order of VIOLATION_CODES, which puts "not JSON" before
 * "not 2xx" (the status beside the mark says that already). Null for no violations.
 */
export function leadViolation(violations: readonly Violation[]): Violation | null {
  const caused = violations.find((v) => v.cause !== undefined);
  if (caused) return caused;
  const rank = (v: Violation) => (LEAD_ORDER.includes(v.code) ? LEAD_ORDER.indexOf(v.code) : LEAD_ORDER.length);
  return violations.reduce<Violation | null>((lead, v) => (lead === null || rank(v) < rank(lead) ? v : lead), null);
}

/** The word the list's mark says for a call's violations (`no listener`, `timed out`, `not JSON`); null for none. */
export function answerMarkWord(violations: readonly Violation[]): string | null {
  const lead = leadViolation(violations);
  if (lead === null) return null;
  if (lead.cause !== undefined) return CAUSE_WORD[lead.cause];
  // A code from another version's history: the mark still says there is a problem.
  return (VIOLATION_WORD as Record<string, string | undefined>)[lead.code] ?? 'contract';
}

/** How no answer came for a call, when it was recorded: the cause of its violation of an answer never given. */
export function noAnswerCause(violations: readonly Violation[]): NoAnswerCause | null {
  return violations.find((v) => v.cause !== undefined)?.cause ?? null;
}

/** Who was asked and gave no answer, as a sentence starts: "Your handler", "This companion's webhook", "The mock". */
export function unansweredBy(answeredBy: AnsweredBy): string {
  if (answeredBy === 'companion-error' || answeredBy === 'companion') return "This companion's webhook";
  if (answeredBy === 'forward-error' || answeredBy === 'forward') return 'Your handler';
  return 'The mock';
}

/**
 * "your handler refused the connection", "this companion's webhook did not answer in time";
 * with `at`, where it was asked: "your handler at http://127.0.0.1:8099/actions/send_email refused the connection".
 */
export function noAnswerPhrase(answeredBy: AnsweredBy, cause: NoAnswerCause, at?: string): string {
  const who = unansweredBy(answeredBy);
  return `${who.charAt(0).toLowerCase()}${who.slice(1)}${at === undefined ? '' : ` at ${at}`} ${noAnswerCausePhrase(cause)}`;
}

/** How no answer came, after whoever was asked: "refused the connection", "did not answer in time". */
export function noAnswerCausePhrase(cause: NoAnswerCause): string {
  return CAUSE_PHRASE[cause];
}

/**
 * The heading of a call's details when nothing answered it at all: said as that, not as a
 * problem with an answer. "Your handler never answered", "The mock never answered".
 */
export function noAnswerHeading(answeredBy: AnsweredBy): string {
  return `${unansweredBy(answeredBy)} never answered`;
}
