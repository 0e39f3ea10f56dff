import type { CallFilter } from '../../contract/api';
import { readableSql } from './readable-sql';
import type { SearchFold } from './search-fold';
import type { IdWindow } from './id-windows';

export interface SqlWhere {
  /** What to select from: `calls`, or the text index joined to it when the filter searches text. */
  from: string;
  /**
   * The call id to order and page by. When searching it is the index's rowid, so a page of
   * newest hits streams out of the index instead of every hit being read and sorted.
   */
  id: string;
  clause: string;
  params: Record<string, string | number>;
  /** True when the clause tests the body (a search), so every call in a window costs a row read. */
  readsBodies: boolean;
  /**
   * Set on the text index's query: what the index gives (`clause`, its candidates, newest
   * first) apart from what confirms each of them (`hit`, the filter's conditions). Such a
   * query is read as one stream (index-stream.ts), not in windows of ids: each statement over
   * the index pays for reading the trigrams' lists whole, whatever the ids it is bounded to.
   */
  candidates?: { clause: string; hit: string };
}

/** Searches shorter than a trigram cannot use the text index (migrations 5, 6) and scan instead. */
const TRIGRAM = 3;
/** Enough trigrams to pick out the few candidate calls; instr() confirms every hit anyway. */
const MAX_TRIGRAMS = 32;

/**
 * The contract's `countsAsFailure` on a stored row: `failed` holds the failure rule's verdict
 * (isFailedCall, at insert), and only Flowent's own calls are counted.
 */
export const COUNTED_FAILURE = `(failed AND source = 'flowent')`;

/** The searched text of a call: its body with `\uXXXX` escapes decoded (then folded: search-fold.ts). */
export const READABLE_BODY = readableSql('calls.request_body');

/**
 * What a filter's calls are read for: `rows`, the matching calls' rows (a page); `columns`, only
 * columns the filter columns' index holds (counts: action, failed, source; the replay's choice).
 */
export type ReadFor = 'rows' | 'columns';

/**
 * The index that holds every column a filter tests, ordered by id (migration 12): a window of
 * ids read through it tests each call's columns without reading its row, 5-10 times cheaper
 * than reading rows when the file is in memory and far more when it is not. Named, because the
 * planner, knowing nothing of how many calls each value has, prefers an index by one column
 * whose every entry then costs a row read to test the others (a pair that matches nothing
 * read 14% of the rows of each window).
 */
const BY_FILTER_COLUMNS = 'calls INDEXED BY calls_by_id_filters';

/** The filters that test a column of the call's row (the text is tested on its body). */
const COLUMN_FILTERS = ['action', 'verdict', 'statusClass', 'test', 'source', 'failures', 'since', 'until'] as const;
/** Those with an index of their own (migrations 2 and 8), so a page of them reads only matching rows. */
const OWN_INDEX: readonly string[] = ['action', 'verdict', 'source'];

const STATUS_CLASS_BOUNDS = { '2xx': 200, '3xx': 300, '4xx': 400, '5xx': 500 } as const;

/** What a text search needs besides the filter: how far the index is caught up, and the fold. */
export interface TextSearch {
  indexedUpTo: number;
  fold: SearchFold;
}

/**
 * Turns a filter into WHERE clauses with named parameters; never interpolates user input.
 * Usually one query. A text search the index can answer is two, newest first: a scan of bodies,
 * which holds for any window of ids (the calls above `indexedUpTo`, stored and not indexed yet:
 * text-index.ts, and further down while a page's hits are dense: read-newest-first.ts), then
 * the index, for the calls up to `indexedUpTo`.
 */
export function filterToSql(filter: CallFilter, readFor: ReadFor, search: TextSearch | null): SqlWhere[] {
  const conditions: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.action !== undefined) {
    conditions.push('action = @action');
    params.action = filter.action;
  }
  if (filter.verdict !== undefined) {
    conditions.push('verdict = @verdict');
    params.verdict = filter.verdict;
  }
  if (filter.statusClass !== undefined) {
    conditions.push('response_status >= @statusLow AND response_status < @statusHigh');
    params.statusLow = STATUS_CLASS_BOUNDS[filter.statusClass];
    params.statusHigh = STATUS_CLASS_BOUNDS[filter.statusClass] + 100;
  }
  if (filter.test !== undefined) {
    conditions.push('is_test = @test');
    params.test = filter.test ? 1 : 0;
  }
  if (filter.source !== undefined) {
    conditions.push('source = @source');
    params.source = filter.source;
    // Spelled out so the partial index on the other sources (migration 8) can serve the query.
    if (filter.source !== 'flowent') conditions.push("source <> 'flowent'");
  }
  if (filter.failures) {
    // COUNTED_FAILURE as two comparisons the filter columns' index (which holds both) answers.
    conditions.push("failed = 1 AND source = 'flowent'");
  }
  if (filter.since !== undefined) {
    conditions.push('received_at >= @since');
    params.since = filter.since;
  }
  if (filter.until !== undefined) {
    conditions.push('received_at <= @until');
    params.until = filter.until;
  }
  const from = columnsSource(filter, readFor);
  if (filter.text && !search) throw new Error('A text search needs the text index and the fold');
  const indexQuery = filter.text ? trigramQuery(filter.text) : null;
  if (filter.text && search) {
    // instr() on the body's readable text (escapes decoded, as the index holds it), its letters
    // folded as the typed text's are: a substring search that ignores case, so `%` and `_`
    // typed by the user mean themselves (LIKE would treat them as wildcards). It also confirms
    // each candidate the index gives, so the index changes speed, not results. The connection
    // defines the functions (readable-sql.ts, search-fold.ts).
    const text = search.fold.fold(filter.text);
    const body = search.fold.foldedSql(READABLE_BODY, text);
    conditions.push(`instr(${body.sql}, @text) > 0`);
    Object.assign(params, body.params, { text });
  }
  const readsBodies = Boolean(filter.text);
  const scan: SqlWhere = { from, id: 'id', clause: whereOf(conditions), params, readsBodies };
  if (indexQuery === null || !search) return [scan];
  return [
    scan,
    {
      // CROSS JOIN keeps the index as the outer loop: hits come out newest first.
      from: 'calls_text CROSS JOIN calls ON calls.id = calls_text.rowid',
      id: 'calls_text.rowid',
      clause: whereOf([...conditions, 'calls_text MATCH @textQuery', 'calls_text.rowid <= @indexedUpTo']),
      params: { ...params, indexedUpTo: search?.indexedUpTo ?? 0, textQuery: indexQuery },
      readsBodies,
      candidates: {
        clause: whereOf(['calls_text MATCH @textQuery', 'calls_text.rowid <= @indexedUpTo']),
        hit: conditions.join(' AND '),
      },
    },
  ];
}

/**
 * Where the calls of a filter are read from, by windows of ids: the rows themselves when it
 * tests no column; the index of its one column when it tests one that has one and a page of
 * rows is wanted; otherwise the filter columns' index.
 */
function columnsSource(filter: CallFilter, readFor: ReadFor): string {
  const tested = COLUMN_FILTERS.filter((key) => filter[key] !== undefined);
  if (tested.length === 0) return 'calls';
  if (readFor === 'rows' && tested.length === 1 && OWN_INDEX.includes(tested[0]!)) return 'calls';
  return BY_FILTER_COLUMNS;
}

/** A query's clause narrowed to one window of ids (id-windows.ts). */
export function withinWindow(where: SqlWhere, window: IdWindow): { clause: string; params: Record<string, string | number> } {
  const inWindow = `${where.id} >= @windowLow AND ${where.id} < @windowHigh`;
  return {
    clause: where.clause ? `${where.clause} AND ${inWindow}` : `WHERE ${inWindow}`,
    params: { ...where.params, windowLow: window.low, windowHigh: window.high },
  };
}

const whereOf = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');

/**
 * The typed text as an index query: its trigrams (non-overlapping, plus the last one), each
 * quoted so nothing the user types is read as query syntax, all required. Null when the
 * text is too short to have a trigram. Characters are counted as the tokenizer counts them
 * (code points, not UTF-16 units).
 */
export function trigramQuery(text: string): string | null {
  const chars = Array.from(text);
  if (chars.length < TRIGRAM) return null;
  const starts: number[] = [];
  for (let start = 0; start + TRIGRAM <= chars.length && starts.length < MAX_TRIGRAMS - 1; start += TRIGRAM) starts.push(start);
  starts.push(chars.length - TRIGRAM);
  const grams = new Set(starts.map((start) => chars.slice(start, start + TRIGRAM).join('')));
  return [...grams].map((gram) => `"${gram.replaceAll('"', '""')}"`).join(' AND ');
}
