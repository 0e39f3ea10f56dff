import type { Database } from 'better-sqlite3';
import type { CountEstimate } from '../../contract/api';
import { withinWindow, type SqlWhere } from './call-filter-sql';
import { clockOf, type IdWindow, type QueryBudget } from './id-windows';
import type { IdRange } from './query-range';

/** Ids per sampled window: a window read from disk costs a few ms, not tens. */
const SAMPLE_WINDOW = 64;
/**
 * Windows at most (65,536 calls, more than a budget reads even in memory): a power of two, so
 * the order below spreads every prefix of them over the range.
 */
const SAMPLE_WINDOWS = 1_024;
/** Windows that must hold matches before the matches can be enough: a sample spread over the whole range. */
const SPREAD_WINDOWS = 64;
/**
 * Matches that are enough, once the sample is spread: a tenth off at worst in most samples. A
 * common filter stops here (a few ms); a rarer one reads on while the budget allows, so the
 * rarer the matches the more calls the sample holds. They must lie in as many windows as
 * SPREAD_WINDOWS: matches side by side (a day's calls, a burst of one source) say about as much
 * as the windows they fill, and a few full windows miss or catch the stretch's ends by a window.
 */
const ENOUGH_MATCHES = 400;
/**
 * Matches the windows must hold before their share is worth showing: with 30 it is off by a
 * third at worst in most samples (two standard errors), which one significant figure and
 * "about" can carry; from 100 (a fifth), in 30 windows or more, it is given to two.
 */
const FEWEST_MATCHES = 30;
const TWO_FIGURES_FROM = { matches: 100, windows: 30 };

/** Matches found in the sample, and how many of its windows held them. */
interface Tally {
  matches: number;
  windows: number;
}

/**
 * About how many calls match a filter, at once: an exact count of a common search at 1,000,000
 * calls reads every body (seconds, in budgeted steps), while the share of matches among a few
 * thousand calls spread over the history says the same to two figures in one step. Windows of
 * ids are read in an order that spreads them over the whole range whatever their number, so a
 * sample cut short by the budget (a file not in memory) or by enough matches is still spread,
 * only smaller. With `byAction`, each action's matches are kept apart and given by the same
 * rule (the filter bar's counts), and the sample reads on until each has enough for two figures.
 * `where` reads windows (no text index: its statements cost the same whatever the window);
 * `stored` is how many calls `range` holds, or null when only a full reading can say.
 */
export function estimateCount(
  db: Database,
  where: SqlWhere,
  range: IdRange,
  stored: number | null,
  budget: QueryBudget,
  byAction: boolean,
): CountEstimate {
  const now = clockOf(budget);
  const started = now();
  const windows = sampleWindows(range);
  if (windows.length === 0) return { about: 0, sampled: 0, perAction: [] };
  const { clause } = withinWindow(where, windows[0]!);
  // Without the actions, a window is one count: no GROUP BY and its sorter.
  const matchedIn = db.prepare(
    byAction
      ? `SELECT action, count(*) AS count FROM ${where.from} ${clause} GROUP BY action`
      : `SELECT NULL AS action, count(*) AS count FROM ${where.from} ${clause}`,
  );
  const storedIn = db.prepare('SELECT count(*) FROM calls WHERE id >= @windowLow AND id < @windowHigh').pluck();
  const total: Tally = { matches: 0, windows: 0 };
  const actions = new Map<string, Tally>();
  let sampled = 0;
  let read = 0;
  for (const window of windows) {
    const bounds = { windowLow: window.low, windowHigh: window.high };
    let matches = 0;
    for (const group of matchedIn.all({ ...where.params, ...bounds }) as { action: string | null; count: number }[]) {
      matches += group.count;
      if (group.action !== null) addTo(actions, group.action, group.count);
    }
    total.matches += matches;
    if (matches > 0) total.windows++;
    sampled += storedIn.get(bounds) as number;
    read++;
    if (enough(total, byAction ? actions : null)) break;
    if (now() - started >= budget.ms) break;
  }
  // The windows tiled the whole range: the matches are the count.
  const whole = read === windows.length && windows.length * SAMPLE_WINDOW >= range.top - range.floor;
  const about = (tally: Tally): number | null => (whole ? tally.matches : scaled(tally, sampled, stored));
  const perAction = [...actions]
    .sort(([a, x], [b, y]) => y.matches - x.matches || (a < b ? -1 : 1))
    .map(([action, tally]) => ({ action, about: about(tally) }));
  return { about: about(total), sampled, perAction };
}

/**
 * Whether the sample can stop: its matches are enough and spread; with the actions apart, each
 * action found also has enough matches for two figures (else the budget stops the sample: a rare
 * action costs the time the budget allows, and gets what that sample can say).
 */
function enough(total: Tally, actions: Map<string, Tally> | null): boolean {
  if (total.windows < SPREAD_WINDOWS || total.matches < ENOUGH_MATCHES) return false;
  if (actions) for (const tally of actions.values()) if (tally.matches < TWO_FIGURES_FROM.matches) return false;
  return true;
}

function addTo(actions: Map<string, Tally>, action: string, matches: number): void {
  const tally = actions.get(action);
  if (tally) {
    tally.matches += matches;
    tally.windows++;
  } else {
    actions.set(action, { matches, windows: 1 });
  }
}

/** The sample's share of matches, scaled to the calls stored, to as many figures as it can say. */
function scaled(tally: Tally, sampled: number, stored: number | null): number | null {
  if (stored === null || tally.matches < FEWEST_MATCHES || sampled === 0) return null;
  const twoFigures = tally.matches >= TWO_FIGURES_FROM.matches && tally.windows >= TWO_FIGURES_FROM.windows;
  return significant((tally.matches / sampled) * stored, twoFigures ? 2 : 1);
}

/**
 * The windows to read, in reading order: the whole range in windows when it is small enough;
 * otherwise one window at the start of each of SAMPLE_WINDOWS equal stretches.
 */
function sampleWindows(range: IdRange): IdWindow[] {
  const span = range.top - range.floor;
  if (span <= 0) return [];
  const count = Math.min(SAMPLE_WINDOWS, Math.ceil(span / SAMPLE_WINDOW));
  const stretch = count === SAMPLE_WINDOWS ? span / SAMPLE_WINDOWS : SAMPLE_WINDOW;
  return spreadOrder(count).map((slot) => {
    const low = range.floor + Math.floor(slot * stretch);
    return { low, high: Math.min(range.top, low + SAMPLE_WINDOW) };
  });
}

/**
 * 0..count-1 in bit-reversed order (0, half, a quarter, three quarters, ...): the first k of
 * them are spread over the whole range for any k.
 */
export function spreadOrder(count: number): number[] {
  let bits = 0;
  while (1 << bits < count) bits++;
  const order: number[] = [];
  for (let n = 0; n < 1 << bits; n++) {
    let reversed = 0;
    for (let bit = 0; bit < bits; bit++) if (n & (1 << bit)) reversed |= 1 << (bits - 1 - bit);
    if (reversed < count) order.push(reversed);
  }
  return order;
}

/** Rounded to as many significant figures as the sample can say. */
function significant(value: number, figures: number): number {
  if (value < 10 ** figures) return Math.round(value);
  const step = 10 ** (Math.floor(Math.log10(value)) - figures + 1);
  return Math.round(value / step) * step;
}
