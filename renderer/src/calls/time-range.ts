import { isOnDay, startOfToday } from '../shared/format';
import { rangeBackwardsWords, TODAY, timeRangeWords, type RangeBound } from '../../../main/contract/words';

// Made once, as the list's formatters are (shared/format.ts).
const DAY = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const DAY_OF_ANOTHER_YEAR = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' });

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A bound of a chosen range to the minute: its day ("today", "Dec 4", "Nov 14, 2023": the year
 * only when it is not `year`, this year or the start's) and its clock.
 */
function boundOf(ms: number, today: number, year = new Date(today).getFullYear()): RangeBound {
  const d = new Date(ms);
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (isOnDay(ms, today)) return { day: TODAY, clock };
  return { day: (d.getFullYear() === year ? DAY : DAY_OF_ANOTHER_YEAR).format(d), clock };
}

/**
 * The chosen "Between…" range as the filter bar shows it ("today 18:00 – 19:00", "since Dec 4
 * 18:00"); null when neither bound is set yet. An end on the start's day is only its clock.
 */
export function rangeInWords(since: number | null, until: number | null, now = Date.now()): string | null {
  const today = startOfToday(now);
  // The end's day names its year when it is not the start's.
  const endYear = since === null ? undefined : new Date(since).getFullYear();
  return timeRangeWords(
    since === null ? null : boundOf(since, today),
    until === null ? null : boundOf(until, today, endYear),
    since !== null && until !== null && startOfToday(since) === startOfToday(until),
  );
}

/** Why a range cannot be chosen (its end before its start); null when it can. */
export function rangeProblem(since: number | null, until: number | null): string | null {
  if (since === null || until === null || since <= until) return null;
  const today = startOfToday();
  return rangeBackwardsWords(boundOf(since, today), boundOf(until, today));
}

/** A time as a `datetime-local` input's value, local time to the minute; '' for none. */
export function toLocalInput(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** A `datetime-local` input's value as a time; null for an empty or unreadable one. */
export function fromLocalInput(value: string): number | null {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}
