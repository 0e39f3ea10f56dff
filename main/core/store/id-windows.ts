/** How much one list or count query may read before it answers with what it has. */
export interface QueryBudget {
  /**
   * Time to spend reading. A filter that matches little (or nothing) would otherwise read the
   * whole history on the thread that answers webhook calls: seconds at 1,000,000 calls.
   */
  ms: number;
  /**
   * The first window's ids. Always read whole, whatever the time: every query makes progress,
   * and a history smaller than this is answered in one go, under any load.
   */
  firstWindow: number;
  /**
   * What the time is read from, in ms (performance.now unless given). Tests give a clock that
   * moves a fixed step at each look, so the windows a walk reads are the same on any machine.
   */
  clock?: () => number;
}

export const DEFAULT_QUERY_BUDGET: QueryBudget = { ms: 40, firstWindow: 1024 };
/**
 * A window grows at most this many times over the one before it, up to the largest window, and
 * is sized to fill a share of the time left at the cost per id of the window just read: the
 * cost of an id is not even (a stretch of the file not in memory costs 10-80 times one that
 * is), and a window misjudged is paid whole. The largest window bounds that misjudgement: 8,192
 * ids of the filter columns' index cost about 1.5 ms in memory; 16,384 cost 3 ms in memory but
 * 33-189 ms read from disk, and a step that grew to them on calls in memory took 384 ms.
 */
const GROWTH = 2;
export const LARGEST_WINDOW = 8_192;
/**
 * The largest window of a scan of bodies, which reads every candidate's row: 2,048 rows cost
 * 4-8 ms in memory but 27-85 ms from disk, and once 958 ms (a count step grown on bodies in
 * memory that reached ones that were not); 1,024 rows cost 2-7 ms in memory, 13-74 ms from
 * disk. In memory a statement per 1,024 rows adds too little for an exact count to take longer.
 */
export const LARGEST_BODY_WINDOW = 1_024;
const SHARE_OF_TIME_LEFT = 0.5;
/** Fewer ids than this left in the budget: answer now, a window that small is mostly overhead. */
const SMALLEST_WINDOW = 256;
/**
 * The smallest first window of a step that goes on: after a window that overran by far (rows
 * read from disk at up to 0.3 ms each), a step of this many ids still fits in the budget.
 */
const SMALLEST_NEXT_WINDOW = 64;

/** Ids from `low` (inclusive) to `high` (exclusive). */
export interface IdWindow {
  low: number;
  high: number;
}

export interface WalkEnd {
  /**
   * Where the walk stopped for time: the ids from here down were not read (continue below
   * it). Null when `visit` had enough or the walk reached `floor`.
   */
  stoppedBelow: number | null;
  /**
   * The window a walk that goes on below `stoppedBelow` can start with (`firstWindow`), sized
   * from what the last window read cost (0 when the walk read none): larger than the last when
   * it was cheap, smaller at once when it overran, so a step does not grow again from a small
   * window, nor start with one sized on calls in memory when the last reached the disk.
   */
  nextWindow: number;
}

/** The budget's clock. */
export const clockOf = (budget: QueryBudget): (() => number) => budget.clock ?? (() => performance.now());

/**
 * Reads the ids below `top` down to `floor`, newest first, in windows that grow as far as the
 * time left allows (the cost of an id is measured on the window just read: a query whose
 * filter an index serves reads a wide window cheaply, a scan of bodies a narrow one; a window
 * that reached pages not in memory makes the next one small).
 * `visit` reads one window and returns true when it has enough. Stops for time between
 * windows only, so a query runs its budget plus at most one window's estimated share of it.
 * No window is wider than `largest` ids.
 */
export function walkIdWindows(
  range: { top: number; floor: number },
  visit: (window: IdWindow) => boolean,
  budget: QueryBudget = DEFAULT_QUERY_BUDGET,
  largest = LARGEST_WINDOW,
): WalkEnd {
  const now = clockOf(budget);
  const started = now();
  let high = range.top;
  let size = Math.min(budget.firstWindow, largest);
  let nextWindow = 0;
  while (high > range.floor) {
    const low = Math.max(range.floor, high - size);
    const windowStarted = now();
    if (visit({ low, high })) return { stoppedBelow: null, nextWindow };
    const windowEnded = now();
    const read = high - low;
    const perId = (windowEnded - windowStarted) / read;
    nextWindow = nextStepWindow(read, perId, budget.ms, largest);
    high = low;
    if (high <= range.floor) break;
    const elapsed = windowEnded - started;
    if (elapsed >= budget.ms) return { stoppedBelow: high, nextWindow };
    const affordable = perId > 0 ? Math.floor(((budget.ms - elapsed) * SHARE_OF_TIME_LEFT) / perId) : largest;
    if (affordable < SMALLEST_WINDOW) return { stoppedBelow: high, nextWindow };
    size = Math.min(read * GROWTH, affordable, largest);
  }
  return { stoppedBelow: null, nextWindow };
}

/**
 * The first window of the next step after a window of `read` ids that cost `perId` ms an id: at
 * most GROWTH times as wide, at most a share of a whole budget `ms` at that cost, at least a few
 * ids (a step always makes progress, even after a window that cost seconds).
 */
function nextStepWindow(read: number, perId: number, ms: number, largest: number): number {
  const affordable = perId > 0 ? Math.floor((ms * SHARE_OF_TIME_LEFT) / perId) : largest;
  return Math.max(SMALLEST_NEXT_WINDOW, Math.min(read * GROWTH, affordable, largest));
}
