/**
 * A call's timestamp in words, for the core's diagnoses (which the command line prints as they
 * are) and the page's signature panel alike, so one call's age reads one way everywhere: "30 days
 * old, past the 5-minute window", never "2592000 s old" in one place and "30 days" in another.
 */
import type { SignatureReport } from '../calls';
import { TIMESTAMP_WINDOW_SECONDS } from '../names-and-limits';

/** Flowent's replay window as the front ends say it. */
export const TIMESTAMP_WINDOW_WORDS = `${TIMESTAMP_WINDOW_SECONDS / 60}-minute window`;

/** A timestamp's age or lead in the unit a person reads it in: "42 s", "7 min", "5 h", "20792 days". */
export function formatSeconds(s: number): string {
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}

/** The diagnosis of a timestamp past the window. */
export function timestampOldMessage(ageSeconds: number): string {
  return `The call's timestamp is ${formatSeconds(ageSeconds)} old, past the ${TIMESTAMP_WINDOW_WORDS}.`;
}

/** The diagnosis of a timestamp ahead of this machine's clock by more than the allowed skew. */
export function timestampFutureMessage(leadSeconds: number): string {
  return `The call's timestamp is ${formatSeconds(leadSeconds)} in the future.`;
}

/** The page's words for a call's timestamp: "sent 12 s before it arrived", "sent just now", or why there is nothing to say. */
export function describeTimestamp(ts: Pick<SignatureReport['timestamp'], 'flag' | 'ageSeconds'>): string {
  if (ts.flag === 'missing' || ts.ageSeconds === null) return 'no timestamp in the body';
  const age = ts.ageSeconds;
  const amount = formatSeconds(Math.abs(age));
  // Under 2 s either way is the grain of whole-second timestamps and of the network: no delay to count.
  const justNow = Math.abs(age) < 2;
  let text = justNow
    ? 'sent just now'
    : age >= 0
      ? `sent ${amount} before it arrived`
      : `stamped ${amount} after it arrived (in the future)`;
  if (ts.flag === 'old') text += ` (old: past the ${TIMESTAMP_WINDOW_WORDS})`;
  if (ts.flag === 'future' && (age >= 0 || justNow)) text += ' (future)';
  return text;
}
