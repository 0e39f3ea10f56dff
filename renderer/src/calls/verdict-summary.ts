import type { CallDetail } from '../../../main/contract/api';
import { isTimestampRemark, leadDiagnosis } from '../../../main/contract/words';

/**
 * Why a request is not a Flowent call, in a word or two, from the core's problem code (the
 * full sentence is in the call's details). Unknown codes read as their own words.
 */
const PROBLEM_WORDS: Record<string, string> = {
  empty: 'empty body',
  'invalid-utf8': 'not UTF-8',
  bom: 'byte order mark',
  'invalid-json': 'not JSON',
  'too-deep': 'nested too deep',
  'duplicate-key': 'duplicate key',
  'not-an-object': 'not an object',
  'missing-action-name': 'no action',
  'invalid-action-name': 'bad action',
  'action-mismatch': 'action mismatch',
  'missing-parameters': 'no parameters',
  'invalid-parameters': 'wrong type',
  'missing-timestamp': 'no timestamp',
  'invalid-timestamp': 'wrong type',
  'invalid-test': 'wrong type',
  'invalid-signature-type': 'wrong type',
  aborted: 'aborted',
  'body-timeout': 'timed out',
  'too-large': 'too large',
  'not-found': 'no route',
  'method-not-allowed': 'wrong method',
  'invalid-path-action': 'bad path',
  'unsupported-content-type': 'media type',
  'unsupported-content-encoding': 'compressed',
  'mock-template-failed': 'mock failed',
};

export function problemWord(code: string | null): string | null {
  if (code === null) return null;
  return PROBLEM_WORDS[code] ?? code.replace(/-/g, ' ');
}

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
  switch (report.verdict) {
    case 'not-flowent': {
      const word = problemWord(call.problem);
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
        headline: `Valid signature${style ? `: ${style}` : ''}.`,
        detail: stamp?.message ?? null,
        hint: stamp?.hint ?? null,
      };
    }
    case 'unsigned-test':
      return { tone: 'info', headline: lead?.message ?? UNSIGNED_TEST, detail: null, hint: lead?.hint ?? null };
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
