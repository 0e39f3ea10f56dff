import type { Database, Statement } from 'better-sqlite3';
import {
  MAX_PAGE_SIZE,
  type CallCountQuery,
  type CallEstimateQuery,
  type CallFilter,
  type CallPage,
  type CallQuery,
  type CallStats,
  type CountEstimate,
  type CallSummary,
} from '../../contract/api';
import { filterToSql, READABLE_BODY, withinWindow, type ReadFor, type SqlWhere } from './call-filter-sql';
import { DEFAULT_QUERY_BUDGET, type IdWindow, type QueryBudget } from './id-windows';
import { streamIndexHits } from './index-stream';
import { readNewestFirst } from './read-newest-first';
import { queryRange } from './query-range';
import { defineReadableText } from './readable-sql';
import { findTextMatch } from './text-match';
import { SearchFold } from './search-fold';
import { countCalls } from './call-stats';
import { CountResumes } from './count-resume';
import { estimateCount } from './count-estimate';
import { CallInserter } from './calls-insert';
import { REPORT_COLUMNS, SUMMARY_COLUMNS, toStoredCall, toSummary, type CallRow, type StoredCall } from './call-rows';
import { refineStoreError } from './store-faults';

const DEFAULT_PAGE_SIZE = 100;
/**
 * A count over at most this many ids reads bodies, not the text index: 8,192 bodies cost about
 * 16 ms in memory, in windows that stop for time; the index's statement over a common term
 * costs 68-124 ms in memory and up to 466 ms on a fresh connection, whatever the range.
 */
const BODIES_RATHER_THAN_INDEX = 8_192;

/** What a connection's writes to the calls table are told to (calls-from-other-processes.ts). */
export interface CallWrites {
  inserted(ids: readonly number[]): void;
  cleared(): void;
}

/** Paged access to the call history; nothing here holds the history in memory. */
export class CallsRepository {
  /** Stores calls (calls-insert.ts). */
  readonly insert: CallInserter['insert'];
  private readonly inserter: CallInserter;
  /** Where counts that stopped for time go on from (count-resume.ts). */
  private readonly countResumes = new CountResumes();

  /** `budget`: how much one list or count query may read (id-windows.ts); tests make it small. */
  constructor(
    private readonly db: Database,
    private readonly budget: QueryBudget = DEFAULT_QUERY_BUDGET,
  ) {
    defineReadableText(db);
    SearchFold.define(db);
    this.inserter = new CallInserter(db);
    this.insert = this.inserter.insert.bind(this.inserter);
  }

  /** Told what this connection writes, once committed: the ids of every call stored, and a clear. */
  private writes: CallWrites | null = null;

  /** Tells `writes` what this connection writes from now on; null stops telling. */
  watchWrites(writes: CallWrites | null): void {
    this.writes = writes;
    this.inserter.onInserted = writes ? (ids) => writes.inserted(ids) : null;
  }

  /** Moves whenever another connection (another process) commits to the history; this connection's commits leave it (`PRAGMA data_version`). */
  commitsElsewhere(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /**
   * The calls stored after `afterId`, less those in `skipIds`, read together: the oldest
   * `limit` of them, how many there are, and the history's newest id. One read transaction,
   * so the three agree.
   */
  storedAfter(afterId: number, skipIds: readonly number[], limit: number): { calls: CallSummary[]; count: number; newestId: number } {
    const after = 'id > @afterId AND id NOT IN (SELECT value FROM json_each(@skip))';
    const params = { afterId, skip: JSON.stringify(skipIds), limit };
    return this.db.transaction(() => {
      const rows = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM calls WHERE ${after} ORDER BY id LIMIT @limit`).all(params) as CallRow[];
      const count =
        rows.length < limit ? rows.length : (this.db.prepare(`SELECT count(*) FROM calls WHERE ${after}`).pluck().get(params) as number);
      return { calls: rows.map(toSummary), count, newestId: this.lastCallId() };
    })();
  }

  /**
   * One page, newest first, read within a time budget (read-newest-first.ts): a filter that
   * matches little may answer with fewer than `limit` calls and `searchedDownTo`, and its
   * cursor goes on from there.
   */
  list(query: CallQuery): CallPage {
    const limit = clampPageSize(query.limit);
    // A search's results say where each call matched, read from the text it searched.
    const columns = query.text ? `${SUMMARY_COLUMNS}, ${READABLE_BODY} AS readable_body` : SUMMARY_COLUMNS;
    const rows: CallRow[] = [];
    const prepare = preparedOnce(this.db);
    const range = queryRange(this.db, query, query.beforeId);
    if (query.afterId !== undefined) range.floor = Math.min(range.top, Math.max(range.floor, query.afterId + 1));
    // A few ids above `afterId` (calls just stored) are read by their bodies, as a count of a
    // few ids is: the text index's statement costs the same whatever the range.
    const fewIds = query.afterId !== undefined && range.top - range.floor <= BODIES_RATHER_THAN_INDEX;
    const end = readNewestFirst(this.filterToSql(query, 'rows', fewIds), range, this.budget, {
      window: (where, window) => {
        const { clause, params } = withinWindow(where, window);
        const sql = `SELECT ${columns} FROM ${where.from} ${clause} ORDER BY ${where.id} DESC LIMIT @limit`;
        rows.push(...(prepare(sql).all({ ...params, limit: limit + 1 - rows.length }) as CallRow[]));
        return rows.length > limit;
      },
      stream: (where, range, outOfTime) => {
        const ids: number[] = [];
        const end = streamIndexHits<{ id: number }>(this.db, where, range, outOfTime, '', (hit) => {
          ids.push(hit.id);
          return rows.length + ids.length > limit;
        });
        const sql = `SELECT ${columns} FROM calls WHERE id IN (SELECT value FROM json_each(@ids)) ORDER BY id DESC`;
        if (ids.length) rows.push(...(this.db.prepare(sql).all({ ids: JSON.stringify(ids) }) as CallRow[]));
        return { ...end, enough: rows.length > limit };
      },
      page: { wanted: () => limit + 1 - rows.length, searched: bodiesSearched(query, prepare) },
    });
    const fold = query.text ? SearchFold.of(this.db) : null;
    const calls = rows.slice(0, limit).map((row) => withMatch(toSummary(row), row, query.text, fold));
    if (rows.length > limit) return { calls, nextBeforeId: calls[calls.length - 1]?.id ?? null, searchedDownTo: null };
    return { calls, nextBeforeId: end.stoppedBelow, searchedDownTo: end.stoppedBelow };
  }

  /**
   * The filter's queries; a text search reads the index up to where it is caught up
   * (text-index.ts), unless `scanBodies`: then every body is read in windows, as if nothing
   * were indexed yet.
   */
  private filterToSql(filter: CallFilter, readFor: ReadFor, scanBodies = false): SqlWhere[] {
    if (!filter.text) return filterToSql(filter, readFor, null);
    const indexedUpTo = scanBodies ? 0 : (this.db.prepare('SELECT indexed_up_to FROM text_index_state').pluck().get() as number);
    return filterToSql(filter, readFor, { indexedUpTo, fold: SearchFold.of(this.db) });
  }

  /** Rewrites a stored call's problem message (a refused request's count of repeats). */
  updateProblemMessage(id: number, message: string): void {
    try {
      this.db.prepare('UPDATE calls SET problem_message = ? WHERE id = ?').run(message, id);
    } catch (error) {
      throw refineStoreError(error, this.db.name);
    }
  }

  /** One call's history line, or null. */
  summary(id: number): CallSummary | null {
    const row = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM calls WHERE id = ?`).get(id) as CallRow | undefined;
    return row ? toSummary(row) : null;
  }

  get(id: number): StoredCall | null {
    const row = this.db.prepare(`SELECT *, ${REPORT_COLUMNS} FROM calls WHERE id = ?`).get(id) as CallRow | undefined;
    return row ? toStoredCall(row) : null;
  }

  /**
   * The calls of `ids` as `get` reads each, in one statement, in the order of `ids`; an id with
   * no call is left out. An export reads its calls this way: a statement a call cost it 6 times
   * as much time.
   */
  getMany(ids: readonly number[]): StoredCall[] {
    const sql = `SELECT *, ${REPORT_COLUMNS} FROM calls WHERE id IN (SELECT value FROM json_each(?))`;
    const rows = new Map((this.db.prepare(sql).all(JSON.stringify(ids)) as CallRow[]).map((row) => [row.id, row]));
    return ids.flatMap((id) => {
      const row = rows.get(id);
      return row ? [toStoredCall(row)] : [];
    });
  }

  /** Counts for a filter (call-stats.ts), read in one transaction so they and `countedUpTo` agree. */
  stats(query: CallCountQuery): CallStats {
    return this.db.transaction(() => {
      const range = queryRange(this.db, query, query.beforeId);
      // Counts that go on where earlier ones stopped for time read the bodies, not the text
      // index: every statement over the index reads its trigrams' lists whole (60 ms for a term
      // in 40% of bodies), so counting through it in steps pays that at every step (minutes at
      // 1,000,000 calls), where a read of the bodies in windows pays for each body once. So do
      // counts of a few ids (a short time range): their bodies cost less than those lists, and
      // a read of bodies stops for time where the index's statement cannot.
      const fewIds = range.top - range.floor <= BODIES_RATHER_THAN_INDEX;
      const wheres = this.filterToSql(query, 'columns', query.beforeId !== undefined || fewIds);
      const { counts, nextWindow } = countCalls(this.db, query, wheres, range, this.countResumes.budgetFor(query, this.budget));
      if (counts.nextBeforeId !== null) this.countResumes.keep(query, counts.nextBeforeId, nextWindow, this.budget);
      return { ...counts, countedUpTo: this.lastCallId() };
    })();
  }

  /**
   * About how many calls match a filter, from a sample spread over the history
   * (count-estimate.ts): the bodies are read, not the text index, whose statements cost the
   * same whatever the window. Only a range that is the whole history has its size at hand (the
   * per-action totals); a time range of few calls is counted exactly in a step or two anyway.
   */
  estimate(query: CallEstimateQuery): CountEstimate {
    const { perAction = true, ...filter } = query;
    return this.db.transaction(() => {
      const range = queryRange(this.db, filter, undefined);
      const where = this.filterToSql(filter, 'columns', true).find((sql) => sql.candidates === undefined)!;
      const whole = range.floor === this.oldestCallId() && range.top === this.lastCallId() + 1;
      return estimateCount(this.db, where, range, whole ? this.storedCount() : null, this.budget, perAction);
    })();
  }

  /** Deletes every stored call; returns how many there were. */
  clear(): number {
    const deleted = this.db.prepare('DELETE FROM calls').run().changes;
    this.writes?.cleared();
    return deleted;
  }

  /**
   * Ids of replayable calls (Flowent's, received or imported, naming an action) matching a
   * filter, newest first, below `beforeId`: at most `limit`, read within the query budget like
   * a page (`nextBeforeId` says where to go on; null when the history is read to its end).
   */
  selectReplayableIds(filter: CallFilter, limit: number, beforeId?: number): { ids: number[]; nextBeforeId: number | null } {
    return this.selectIdsWhere("action IS NOT NULL AND source IN ('flowent', 'import')", filter, limit, beforeId);
  }

  /** Ids of every call matching a filter (an export's), newest first, read as selectReplayableIds reads its own. */
  selectIds(filter: CallFilter, limit: number, beforeId?: number): { ids: number[]; nextBeforeId: number | null } {
    return this.selectIdsWhere('1', filter, limit, beforeId);
  }

  private selectIdsWhere(
    replayable: string,
    filter: CallFilter,
    limit: number,
    beforeId: number | undefined,
  ): { ids: number[]; nextBeforeId: number | null } {
    const ids: number[] = [];
    const prepare = preparedOnce(this.db);
    const end = readNewestFirst(this.filterToSql(filter, 'columns'), queryRange(this.db, filter, beforeId), this.budget, {
      window: (where, window) => {
        const { clause, params } = withinWindow(where, window);
        const sql = `SELECT ${where.id} AS id FROM ${where.from} ${clause} AND ${replayable} ORDER BY ${where.id} DESC LIMIT @limit`;
        for (const row of prepare(sql).all({ ...params, limit: limit - ids.length }) as { id: number }[]) ids.push(row.id);
        return ids.length >= limit;
      },
      stream: (where, range, outOfTime) => {
        const candidates = { ...where.candidates, hit: `${where.candidates.hit} AND ${replayable}` };
        const end = streamIndexHits<{ id: number }>(this.db, { ...where, candidates }, range, outOfTime, '', (hit) => {
          ids.push(hit.id);
          return ids.length >= limit;
        });
        return { ...end, enough: ids.length >= limit };
      },
      // A selection wants a number of ids, as a page wants rows: far down, by bodies while dense.
      page: { wanted: () => limit - ids.length, searched: bodiesSearched(filter, prepare) },
    });
    return { ids, nextBeforeId: ids.length >= limit ? null : end.stoppedBelow };
  }

  /** The oldest call's id, 1 when there is none (where a range of ids starts: query-range.ts). */
  private oldestCallId(): number {
    return (this.db.prepare('SELECT min(id) FROM calls').pluck().get() as number | null) ?? 1;
  }

  /** How many calls are stored, from the per-action totals (one row per action, not a scan). */
  private storedCount(): number {
    return this.db.prepare('SELECT coalesce(sum(total), 0) FROM call_counts').pluck().get() as number;
  }

  /**
   * The id of a call with id up to `upToId` received at the same millisecond on the same method
   * and path with the same body, or null: what an import takes for a call the history already
   * holds (the same file imported again), and links the file's replays of it to. Read on the
   * received_at index.
   */
  sameCallId(call: { receivedAt: number; method: string; path: string; requestBody: Uint8Array }, upToId: number): number | null {
    this.sameCall ??= this.db
      .prepare('SELECT id FROM calls WHERE received_at = ? AND id <= ? AND method = ? AND path = ? AND request_body = ? LIMIT 1')
      .pluck();
    const body = Buffer.from(call.requestBody.buffer, call.requestBody.byteOffset, call.requestBody.byteLength);
    return (this.sameCall.get(call.receivedAt, upToId, call.method, call.path, body) as number | undefined) ?? null;
  }

  private sameCall: Statement | undefined;

  lastCallId(): number {
    const row = this.db.prepare('SELECT max(id) AS id FROM calls').get() as { id: number | null };
    return row.id ?? 0;
  }

  /** Signed calls that came from Flowent with id in (afterId, beforeId), oldest first: what the signing style is learned from. */
  signedFlowentBodies(afterId: number, beforeId: number, limit: number): { id: number; receivedAt: number; body: Buffer }[] {
    return this.db
      .prepare(
        `SELECT id, received_at AS receivedAt, request_body AS body FROM calls
         WHERE id > ? AND id < ? AND source = 'flowent' AND verdict IN ('valid', 'invalid', 'no-key') ORDER BY id LIMIT ?`,
      )
      .all(afterId, beforeId, limit) as { id: number; receivedAt: number; body: Buffer }[];
  }
}

/**
 * The connection's prepare, keeping each statement for the rest of one query: a query read in
 * windows runs the same SQL for every window (only the bounds change), and preparing it costs
 * about as much as running it on a window that an index answers.
 */
function preparedOnce(db: Database): (sql: string) => Statement {
  const statements = new Map<string, Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
}

/**
 * How many bodies a search of `filter` reads in a window of ids: those of the calls its other
 * conditions let through, counted on the filter columns' index; every call's when it has none.
 */
function bodiesSearched(filter: CallFilter, prepare: (sql: string) => Statement): (window: IdWindow) => number {
  const [columns] = filterToSql({ ...filter, text: undefined }, 'columns', null);
  if (!columns?.clause) return (window) => window.high - window.low;
  return (window) => {
    const { clause, params } = withinWindow(columns, window);
    return (prepare(`SELECT count(*) AS count FROM ${columns.from} ${clause}`).get(params) as { count: number }).count;
  };
}

function clampPageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)));
}

function withMatch(summary: CallSummary, row: CallRow, text: string | undefined, fold: SearchFold | null): CallSummary {
  const match = text && fold && row.readable_body !== undefined ? findTextMatch(row.readable_body, text, fold) : null;
  return match ? { ...summary, match } : summary;
}
