import type { CallSource } from '../../../main/contract/api';

/** The source tag's one letter where the list is narrow (the tag keeps its word for screen readers and its title). */
export const SOURCE_LETTER: Record<Exclude<CallSource, 'flowent'>, string> = { replay: 'R', simulator: 'S', import: 'I' };

export function statusClass(status: number): string {
  return status === 0 ? 'status-none' : `status-${Math.floor(status / 100)}xx`;
}

export function formatTime(ms: number): string {
  return `${formatClock(ms)}${formatMilliseconds(ms)}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The clock to the second, "14:02:11": the list's time without the milliseconds it may leave out. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** The milliseconds after the clock's seconds, ".123". */
export function formatMilliseconds(ms: number): string {
  return `.${pad(new Date(ms).getMilliseconds(), 3)}`;
}

/** Midnight today, local time, in milliseconds since the epoch. */
export function startOfToday(now = Date.now()): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * Whether `ms` is on the local day that starts at `dayStart` (a `startOfToday`): by the calendar,
 * not by 24 hours after it, which would be wrong on the days the clocks change (23 or 25 hours).
 */
export function isOnDay(ms: number, dayStart: number): boolean {
  return startOfToday(ms) === dayStart;
}

const DAY_MS = 86_400_000;

// Made once: `toLocaleString` with options builds a new formatter on every call, and the list
// formats every visible row's times again each time rows arrive (a burst is 20 batches a second).
const DAY = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const DAY_OF_ANOTHER_YEAR = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
/** What `toLocaleString(undefined, { hour12: false })` shows: date and time, to the second. */
const DATE_AND_TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hour12: false,
});

/**
 * The list's time, in the time column's 12 characters: the clock for today's calls ("14:02:11.123"),
 * the date and minute for another day's ("Dec 3 14:02"), the date with its year for a call about a
 * year away or more ("Nov 14, 2023": with the minute too it was cut to "Nov 14, 23 1…"). The row's
 * title has the whole date and time.
 */
export function formatListTime(ms: number, today: number): string {
  if (isOnDay(ms, today)) return formatTime(ms);
  const d = new Date(ms);
  if (Math.abs(ms - today) > 300 * DAY_MS) return DAY_OF_ANOTHER_YEAR.format(d);
  return `${DAY.format(d)} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** Date and time to the second, on the 24-hour clock the rest of the screen uses. */
export function formatDateAndTime(ms: number): string {
  return DATE_AND_TIME.format(ms);
}

const DATE = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'numeric', day: 'numeric' });

/**
 * A call's arrival: the date as the locale writes it, then the clock to the millisecond as the
 * list shows it ("12/6/2026, 00:29:35.782"). The time once: the date and time to the second
 * followed by the list's clock wrote it twice.
 */
export function formatDateTime(ms: number): string {
  return `${DATE.format(ms)}, ${formatTime(ms)}`;
}

/**
 * A size in at most 8 characters, the list's size column: "999.9 KB" then "0.98 MB", never
 * "1024.0 KB"; a refused upload of gigabytes reads "2.50 GB".
 */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const kb = n / 1024;
  if (Number(kb.toFixed(1)) < 1000) return `${kb.toFixed(1)} KB`;
  const mb = kb / 1024;
  if (Number(mb.toFixed(1)) < 100) return `${mb.toFixed(2)} MB`;
  if (Number(mb.toFixed(1)) < 1000) return `${mb.toFixed(1)} MB`;
  return `${(mb / 1024).toFixed(2)} GB`;
}

export function formatDuration(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
