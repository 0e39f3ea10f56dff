import type { AnsweredBy, CallDetail } from '../../../main/contract/api';
import { isTimestampRemark, leadDiagnosis, problemWords, refusedForRequest } from '../../../main/contract/words';

export type Tone = 'ok' | 'bad' | 'warn' | 'info' | 'neutral';

/** The one line a call's details open with: what happened, why, and what to do. */
export interface VerdictSummary {
  tone: Tone;
  headline: string;
  /** Why, when the headline alone does not say it. */
  detail: string | null;
  /** What to do, when there is something to do. */
  hint: string | null;
}

const UNSIGNED_TEST = 'An unsigned registration check: Flowent may send it without a signature, and that is fine.';

const SHORT_VERDICT = {
  invalid: 'Invalid signature.',
  malformed: 'Malformed signature.',
  missing: 'No signature.',
  'no-key': 'Signature not checked: no HMAC key is set.',
} as const;

export function summarize(call: CallDetail): VerdictSummary {
  const report = call.signature;
  const lead = leadDiagnosis(report.diagnosis);
  const stamp = report.diagnosis.find(isTimestampRemark) ?? null;
  // The companion answered the 4xx itself for what is wrong with the request: that is why the
  // call failed, whatever its signature (whose advice, such as signing it or turning
  // enforcement off, would not have changed the answer). The signature's verdict stays in the
  // title's badge and its own section below.
  if (refusedForRequest(call) && report.verdict !== 'not-flowent') {
    return {
      tone: 'bad',
      headline: `Request refused: ${problemWords(call.problem)}.`,
      detail: call.problemMessage,
      hint: null,
    };
  }
  switch (report.verdict) {
    case 'not-flowent': {
      const word = problemWords(call.problem);
      return {
        tone: 'neutral',
        headline: `Not a Flowent call${word ? ` (${word})` : ''}.`,
        detail: call.problemMessage ?? lead?.message ?? null,
        hint: null,
      };
    }
    case 'valid': {
      const style = report.styles.find((s) => s.style === report.style)?.label ?? report.style;
      return {
        tone: stamp ? 'warn' : 'ok',
        headline: `Valid signature${style ? `: ${style}${alikeNote(report.styles)}` : ''}.`,
        detail: stamp?.message ?? null,
        hint: stamp?.hint ?? null,
      };
    }
    case 'unsigned-test':
      // How to answer the check matters when it was not passed: a 2xx passed it, nothing to do.
      return { tone: 'info', headline: lead?.message ?? UNSIGNED_TEST, detail: null, hint: passed(call) ? null : (lead?.hint ?? null) };
    case 'invalid':
    case 'malformed':
    case 'missing':
    case 'no-key':
      return {
        tone: report.verdict === 'invalid' || report.verdict === 'malformed' ? 'bad' : 'warn',
        headline: SHORT_VERDICT[report.verdict],
        detail: [lead?.message, stamp?.message].filter(Boolean).join(' ') || null,
        hint: lead?.hint ?? null,
      };
    default: {
      const never: never = report.verdict;
      return never;
    }
  }
}

function passed(call: CallDetail): boolean {
  return call.response.status >= 200 && call.response.status < 300;
}

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

/**
 * Why the answer failed in its own words, for the problem box: who said it and what it said.
 * Null when the answer gave no error, when the companion wrote the answer itself, or when the
 * contract check quotes the error already (an error on a 2xx answer).
 */
export function answerErrorLine(call: Pick<CallDetail, 'answeredBy' | 'response' | 'violations'>): { who: string; error: string } | null {
  const who = errorOwner(call.answeredBy);
  if (who === null || call.violations.some((v) => v.code === 'error-on-success')) return null;
  const error = answerError(call.response.body);
  return error === null ? null : { who, error };
}

/**
 * The first style that matched is named; when others sign the same bytes, they matched too
 * (a call with only ASCII text and keys in order reads alike in every style), and a replay or
 * the simulator may have said it signed in one of those: both are true, and this says so.
 */
function alikeNote(styles: CallDetail['signature']['styles']): string {
  const others = styles.filter((s) => s.matched).length - 1;
  if (others <= 0) return '';
  return others === styles.length - 1
    ? ', like every style (they sign these bytes alike)'
    : ` and ${others} more style${others === 1 ? '' : 's'} that sign these bytes alike`;
}
