/**
 * What to do about Flowent's registration check when it failed, by how it failed: the page's
 * verdict line says it after the failure. Its missing signature is never the cause (Flowent
 * sends it unsigned), so the signature's own advice fits only an answer that refused it for that.
 */
import type { AnsweredBy } from '../names-and-limits';
import type { NoAnswerCause } from '../shared';
import { noAnswerPhrase } from './answer-mark-words';
import { cap } from './said';

/** What to do when the check got no answer at all: about the crash, the wait or the port, never the signature. */
const NO_ANSWER_NEXT_STEP: Record<NoAnswerCause, string> = {
  refused: 'start it, or check the port it listens on',
  closed: 'check its log for a crash while it handled the check',
  timeout: 'answer within 30 s, when Flowent gives up, doing slow work after answering (its log shows where it waits)',
  'not-http': "check that the forward target is its plain HTTP port, not another service's",
  unreachable: 'check that it can be reached at the forward target',
  failed: 'check that it can be reached at the forward target',
  'no-target': 'set where the action forwards to',
  stopped: 'send the check again while the companion runs',
};

/** How a registration check that was answered with a 2xx passed: there was nothing to do. */
export const PASSED_REGISTRATION_CHECK = 'Any 2xx answer passes it, with no signature to check.';

/**
 * Whether Flowent would register the action after this answer to its check: judged by the
 * status alone (and in time), its body not looked at. The page's forwarding box says it of a
 * forwarded check, `send --test` as its verdict.
 */
export function registrationCheckOutcomeWords(passes: boolean): string {
  return `Flowent's registration check would ${passes ? 'pass' : 'fail'} with this answer.`;
}

export interface FailedRegistrationCheck {
  /** How no answer came; null when an answer came. */
  cause: NoAnswerCause | null;
  /** The answer's status; 0 when none came. */
  status: number;
  /** Whether the answer refused the call for its signature (the handler's verdict `refused`). */
  refusedSignature: boolean;
  /** The signature report's own advice for an unsigned check. */
  signatureTodo: string | null;
}

/**
 * How a registration check failed, as a call's details lead with it: nothing answered it (and
 * who did not), or its answer was not a 2xx. The page's verdict line and `calls <id>` say it alike.
 */
export function failedRegistrationCheckWords(
  check: Pick<FailedRegistrationCheck, 'cause' | 'status'> & { answeredBy: AnsweredBy },
): string {
  if (check.cause !== null || check.status === 0)
    return `Registration check failed: ${check.cause !== null ? noAnswerPhrase(check.answeredBy, check.cause) : 'nothing answered it'}.`;
  return `Registration check failed: answered ${check.status}, and only a 2xx answer passes it.`;
}

/** What to do about a registration check that was not answered with a 2xx. */
export function failedRegistrationCheckTodo(check: FailedRegistrationCheck): string | null {
  const needs = 'Flowent registers the action only when this check gets a 2xx answer.';
  if (check.cause !== null) {
    // "It" is who the verdict line just said did not answer (your handler, the mock...).
    return `${cap(NO_ANSWER_NEXT_STEP[check.cause])}. ${needs}`;
  }
  if (check.status === 0) return needs;
  if (check.refusedSignature) return check.signatureTodo;
  return `Answer it with any 2xx status (its ${check.status} answer below may say why it did not).`;
}
