import { MAX_PAGE_SIZE } from '../../contract/api';
import type { SqlWhere } from './call-filter-sql';
import { clockOf, LARGEST_BODY_WINDOW, LARGEST_WINDOW, walkIdWindows, type IdWindow, type QueryBudget, type WalkEnd } from './id-windows';
import type { IdRange } from './query-range';

export type IndexWhere = SqlWhere & { candidates: NonNullable<SqlWhere['candidates']> };

/** What a page tells the walk: how many rows it still wants, and how many bodies a window costs it. */
export interface PageNeeds {
  /** Rows the page still wants. */
  wanted: () => number;
  /** How many bodies the search reads in `window`: those of the calls the filter's other conditions let through. */
  searched: (window: IdWindow) => number;
}

export interface Readers {
  /** Reads one window of ids of the filter's queries read by window; true when it has enough. */
  window: (where: SqlWhere, window: IdWindow) => boolean;
  /**
   * Reads the text index's part (index-stream.ts) until `outOfTime` says the query's time is
   * spent; `enough` when it has enough.
   */
  stream: (where: IndexWhere, range: IdRange, outOfTime: () => boolean) => Omit<WalkEnd, 'nextWindow'> & { enough: boolean };
  /**
   * Given by a page, which wants a number of rows: its search then reads bodies on below the
   * index's mark while its hits are dense, and the index only once they turn out sparse.
   * Without it (counts, which want every hit) the index is read for every call it holds.
   */
  page?: PageNeeds;
}

/**
 * The first window of a page's search, which may read bodies below the index's mark: enough to
 * see how dense the hits are (a term in 40% of bodies gives about 100 of them), few enough that
 * a rare term, which goes on through the index, pays little for the look (under 1 ms in memory).
 * A window is sized on the cost of the one before it; the first has none, so a small one is what
 * bounds a page whose bodies are not in memory (the windows after it grow twofold when cheap).
 */
const FIRST_SEARCH_WINDOW = 256;
/**
 * A page goes on by bodies while the rows it still wants are expected within this many more
 * bodies, at the hits per body seen: 16-20 ms of bodies in memory at most (a page of 200 from a
 * term in 1 body of 40 or more). Before its first candidate far below its newest entry, the index
 * reads each trigram's list from the newest entry down: in proportion to how common the term is
 * and how deep the page (80-118 ms for a term in 40% of bodies below #100,000 of 1,000,000, and
 * no budget can stop that statement), where a term that sparse costs it a few ms.
 */
const BODIES_FOR_THE_REST = 8_192;
/**
 * The most rows the rule above is asked about: a largest page. A walk that wants more (a bulk
 * replay's selection of up to 10,000) ends its step at the budget long before it has them either
 * way, so what matters is how dense the hits are, as for a page: judged by the rows it wants, a
 * term in 40% of bodies went to the index at once, whose first candidate far down costs the
 * whole budget (a step below #500,000 selected 31 calls that way, 6,900 by bodies).
 */
const MOST_ROWS_JUDGED = MAX_PAGE_SIZE;

/**
 * Bodies read before the hits per body decide anything: a term at the density BODIES_FOR_THE_REST
 * stands for shows 3 hits in as many on a page of 200 (`source=import & text=example.com`, 40%
 * of 1 call in 211, went to the index on 1 body without a hit, and its index read took 435 ms).
 */
const FEWEST_BODIES_TO_TELL = 128;

/**
 * Reads a filter's queries (filterToSql: newest first) within the budget, in windows of ids: any
 * filter without text, the calls a search's index does not hold yet, and, for a page, the calls
 * it does hold while the hits per body stay dense. Then the text index's part, as one stream with
 * the time left. Says where it stopped for time.
 */
export function readNewestFirst(wheres: SqlWhere[], range: IdRange, budget: QueryBudget, readers: Readers): WalkEnd {
  const now = clockOf(budget);
  const started = now();
  const indexed = wheres.find((where): where is IndexWhere => where.candidates !== undefined);
  const scanned = wheres.filter((where) => where.candidates === undefined);
  const largest = scanned.some((where) => where.readsBodies) ? LARGEST_BODY_WINDOW : LARGEST_WINDOW;
  const readWindow = (window: IdWindow) => scanned.some((where) => readers.window(where, window));
  // A page's scan of bodies (a search of 1-2 characters) starts small as well: its first window
  // is sized on nothing, and 1,024 bodies read from a busy disk took 885 ms once.
  const bodies = largest === LARGEST_BODY_WINDOW;
  if (!indexed) return walkIdWindows(range, readWindow, readers.page && bodies ? searchBudget(budget, range) : budget, largest);

  // The index holds the calls up to its mark; the ones above it are read by bodies (text-index.ts).
  const indexedUpTo = Number(indexed.params.indexedUpTo);
  const seen = readers.page ? new HitsPerBody(readers.page) : null;
  let enough = false;
  let indexFrom: number | null = null;
  const walk = walkIdWindows(
    { top: range.top, floor: seen ? range.floor : Math.max(range.floor, indexedUpTo + 1) },
    (window) => {
      if ((enough = seen ? seen.read(window, readWindow) : readWindow(window))) return true;
      // Below here the index holds every call: go on by bodies only while they pay.
      if (seen && window.low <= indexedUpTo + 1 && !seen.bodiesStillPay()) {
        indexFrom = window.low;
        return true;
      }
      return false;
    },
    seen ? searchBudget(budget, range) : budget,
    largest,
  );
  if (enough || walk.stoppedBelow !== null || (seen && indexFrom === null)) return walk;
  const top = Math.min(indexFrom ?? range.top, indexedUpTo + 1);
  if (top <= range.floor) return walk;
  const streamed = readers.stream(indexed, { top, floor: range.floor }, () => now() - started >= budget.ms);
  return { stoppedBelow: streamed.enough ? null : streamed.stoppedBelow, nextWindow: walk.nextWindow };
}

/** A page's search starts with a window that shows how dense its hits are; a history that fits in the first window is read whole all the same. */
function searchBudget(budget: QueryBudget, range: IdRange): QueryBudget {
  if (range.top - range.floor <= budget.firstWindow) return budget;
  return { ...budget, firstWindow: Math.min(budget.firstWindow, FIRST_SEARCH_WINDOW) };
}

/** The hits a page's search found per body it read, over the windows read so far. */
class HitsPerBody {
  private bodies = 0;
  private hits = 0;

  constructor(private readonly page: PageNeeds) {}

  /** Reads a window (`read`: true when the page has enough), noting its hits and bodies. */
  read(window: IdWindow, read: (window: IdWindow) => boolean): boolean {
    const wanted = this.page.wanted();
    if (read(window)) return true;
    this.hits += wanted - this.page.wanted();
    this.bodies += this.page.searched(window);
    return false;
  }

  /**
   * Whether the rest of the page is expected within BODIES_FOR_THE_REST bodies; also while too
   * few bodies were read to tell (the filter's other conditions let few calls through, so its
   * windows cost next to nothing, where the index would pay for its lists, then read the rows of
   * candidates that mostly fail those conditions).
   */
  bodiesStillPay(): boolean {
    if (this.bodies < FEWEST_BODIES_TO_TELL) return true;
    const rest = Math.min(this.page.wanted(), MOST_ROWS_JUDGED);
    return this.hits > 0 && (rest * this.bodies) / this.hits <= BODIES_FOR_THE_REST;
  }
}
