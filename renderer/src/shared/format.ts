import type { AnsweredBy, CallSource, SignatureReport, Verdict } from '../../../main/contract/api';

export const VERDICT_LABEL: Record<Verdict, string> = {
  valid: 'valid',
  invalid: 'invalid',
  missing: 'missing',
  malformed: 'malformed',
  'unsigned-test': 'unsigned test',
  'no-key': 'no key',
  'not-flowent': 'not a Flowent call',
};

/** Where a call came from, as the source filter and the row marker name it. */
export const SOURCE_LABEL: Record<CallSource, string> = {
  flowent: 'from Flowent',
  replay: 'replay',
  simulator: 'simulated',
  import: 'imported',
};

/** Why a call that is not Flowent's is marked in the list. */
export const SOURCE_SENTENCE: Record<Exclude<CallSource, 'flowent'>, string> = {
  replay: 'A replay of a stored call, sent by this companion: not Flowent traffic, never counted as a failure.',
  simulator: 'A call made up by the simulator: not Flowent traffic, never counted as a failure.',
  import: 'A call read from a HAR file: not Flowent traffic to this companion, never counted as a failure.',
};

export const VERDICT_SENTENCE: Record<Verdict, string> = {
  valid: 'The signature is valid: it matches the HMAC of the body computed with your key.',
  invalid: 'The signature is invalid: no signing style produced the signature that was received.',
  missing: 'The call carries no signature.',
  malformed: 'The signature is malformed: it is not 64 lowercase hex characters.',
  'unsigned-test': 'An unsigned registration check: Flowent may send it without a signature, and that is fine.',
  'no-key': 'No HMAC key is set, so the signature could not be checked.',
  'not-flowent': 'This is not a Flowent call: the body is not a Flowent action request.',
};

export const ANSWERED_BY_LABEL: Record<AnsweredBy, string> = {
  mock: 'the mock answer',
  'test-check': 'the registration-check answer',
  'signature-check': 'the signature check (rejected)',
  error: 'an error answer',
  forward: 'your handler',
  'fallback-mock': 'the mock (your handler was unreachable)',
  'forward-error': 'an error: your handler could not be reached',
};

export function formatTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function formatDateTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { hour12: false }) + ` (${formatTime(ms)})`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

export function formatDuration(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

/** "sent 12 s before it arrived", or why there is nothing to say. */
export function describeTimestamp(ts: SignatureReport['timestamp']): string {
  if (ts.flag === 'missing' || ts.ageSeconds === null) return 'no timestamp in the body';
  const age = ts.ageSeconds;
  const amount = formatSeconds(Math.abs(age));
  let text = age >= 0 ? `sent ${amount} before it arrived` : `stamped ${amount} after it arrived (in the future)`;
  if (ts.flag === 'old') text += ' (old: past the 5-minute window)';
  if (ts.flag === 'future' && age >= 0) text += ' (future)';
  return text;
}

function formatSeconds(s: number): string {
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
