/**
 * What a failed answer says of itself, and whose words they are: the page's problem box quotes
 * it ("Your handler's error: “database is down”"), and the handler's section leaves out what the
 * box quotes already.
 */
import type { CallDetail } from '../calls';
import type { AnsweredBy } from '../names-and-limits';

/** The most of an answer's own error the problem box quotes: the whole answer is in the Answer section. */
const ANSWER_ERROR_SHOWN = 300;

/**
 * The answer's own reason for failing: the non-empty `error` string of Flowent's
 * {"result": "...", "error": "..."}, on one line and cut to ANSWER_ERROR_SHOWN characters.
 * Null when the answer is not a JSON object with such an error.
 */
export function answerError(body: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const error = (parsed as Record<string, unknown>).error;
  if (typeof error !== 'string') return null;
  const text = error.replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  // By code points, so a cut never splits a character in two.
  const chars = [...text];
  return chars.length > ANSWER_ERROR_SHOWN ? `${chars.slice(0, ANSWER_ERROR_SHOWN - 1).join('')}…` : text;
}

/**
 * Whose error an answer's `error` is, for answers someone else wrote (the handler, a mock);
 * null for the companion's own answers (a refused signature, a failed forward), whose reason
 * the verdict line or the forwarding note says already.
 */
function errorOwner(answeredBy: AnsweredBy): string | null {
  switch (answeredBy) {
    case 'forward':
      return "Your handler's error";
    case 'mock':
    case 'fallback-mock':
      return "The mock's error";
    case 'companion':
      return "The answer's error";
    case 'test-check':
    case 'signature-check':
    case 'error':
    case 'forward-error':
    case 'companion-error':
      return null;
    default: {
      const never: never = answeredBy;
      return never;
    }
  }
}

type AnswerOfCall = Pick<CallDetail, 'answeredBy' | 'response' | 'violations'>;

/**
 * The answer's own reason for failing, as the problem box quotes it: null when the answer gave no
 * error, when the companion wrote the answer itself, or when the contract check quotes the error
 * already (an error on a 2xx answer).
 */
export function quotedAnswerError(call: AnswerOfCall): string | null {
  if (errorOwner(call.answeredBy) === null || call.violations.some((v) => v.code === 'error-on-success')) return null;
  return answerError(call.response.body);
}

/** Why the answer failed in its own words, for the problem box: `Your handler's error: “database is down”` (null as quotedAnswerError). */
export function answerErrorWords(call: AnswerOfCall): string | null {
  const who = errorOwner(call.answeredBy);
  const error = quotedAnswerError(call);
  return who === null || error === null ? null : `${who}: “${error}”`;
}
