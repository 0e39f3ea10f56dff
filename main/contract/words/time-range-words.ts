/**
 * The filter bar's chosen time range in words, and why a range cannot be chosen. A bound comes
 * formatted by the page (its day in the reader's locale, "today", and its clock): the words only
 * place them. The command line takes `--since` as typed and says no range back.
 */

/** A bound of a range to the minute: its day ("today", "Dec 4") and its clock ("18:05"). */
export interface RangeBound {
  day: string;
  clock: string;
}

/** A bound's day when it is today's. */
export const TODAY = 'today';

function boundWords({ day, clock }: RangeBound): string {
  return `${day} ${clock}`;
}

/**
 * The range as the filter bar shows it ("today 18:00 – 19:00", "since Dec 4 18:00"); an end on
 * the start's day (`sameDay`) is only its clock. Null when neither bound is set.
 */
export function timeRangeWords(since: RangeBound | null, until: RangeBound | null, sameDay: boolean): string | null {
  if (since !== null && until !== null) return `${boundWords(since)} – ${sameDay ? until.clock : boundWords(until)}`;
  if (since !== null) return `since ${boundWords(since)}`;
  if (until !== null) return `until ${boundWords(until)}`;
  return null;
}

/** A range whose end is before its start: what to do, and that the list did not change. */
export function rangeBackwardsWords(since: RangeBound, until: RangeBound): string {
  return `The end (${boundWords(until)}) is before the start (${boundWords(since)}): choose an end after the start. The list keeps the range it had.`;
}
