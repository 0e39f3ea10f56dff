import type { AnsweredBy } from '../names-and-limits';

/**
 * Why a mock answered in place of the developer's handler (`--fallback-to-mock`), in every
 * front end: after the status of a call's line and of a replay's or simulated call's result,
 * and in the page's account of what answered a call.
 */
export const NO_HANDLER_ANSWER = 'your handler gave no answer';

/**
 * Who answered, said after the status when the status alone would mislead: a mock's 200 given
 * in place of a handler that is down looks like the handler's success otherwise. Null where the
 * status says enough.
 */
const ANSWERED_WORDS: Record<AnsweredBy, string | null> = {
  mock: null,
  'test-check': null,
  'signature-check': null,
  error: null,
  forward: null,
  'fallback-mock': `from the mock: ${NO_HANDLER_ANSWER}`,
  'forward-error': null,
  companion: null,
  'companion-error': null,
};

/** Who answered, where the status alone would mislead (`from the mock: your handler gave no answer`); null where it says enough. */
export function answeredByWords(answeredBy: AnsweredBy): string | null {
  return ANSWERED_WORDS[answeredBy];
}

/** An HTTP status as people read it: 0 is what the store keeps when no answer was sent. */
export function statusNumberWords(status: number): string {
  return status === 0 ? 'no answer' : String(status);
}

/** The status as a call's line or a sent call's result shows it: `no answer`, `502`, `200 from the mock: your handler gave no answer`. */
export function statusWords(status: number, answeredBy: AnsweredBy): string {
  const answered = answeredByWords(answeredBy);
  return statusNumberWords(status) + (answered ? ` ${answered}` : '');
}

/**
 * Why the mock answered in place of the handler (`forwarding failed: Your handler at ...
 * refused the connection ...`); null for any other answer: a 502/504's violation already says
 * what forwarding met, and a mock's answer in its place does not.
 */
export function forwardingFailedWords(answeredBy: AnsweredBy, forwardError: string | null): string | null {
  return answeredBy === 'fallback-mock' && forwardError ? `forwarding failed: ${forwardError}` : null;
}

/**
 * The verdict on an answer a companion's webhook gave by refusing the call (its signature, its
 * body): checked against no contract, as its own record of the call is, yet a failed action to
 * Flowent. For a sent call's result, where no violation says so.
 */
export function refusedVerdictWords(status: number): string {
  return `this companion refused the call (${status}); Flowent treats anything but 2xx as a failed action`;
}

/** Whether an answer is what Flowent takes for success: a 2xx breaking none of its contract. */
export function answerPasses(answer: { status: number; violations: readonly unknown[] }): boolean {
  return answer.violations.length === 0 && answer.status >= 200 && answer.status < 300;
}
