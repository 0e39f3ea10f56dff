import type { Database, Statement } from 'better-sqlite3';
import {
  isFailedCall,
  MAX_PAGE_SIZE,
  type AnsweredBy,
  type CallCountQuery,
  type CallFilter,
  type CallPage,
  type CallQuery,
  type CallSource,
  type CallStats,
  type CallSummary,
  type HandlerSignature,
  type HeaderPair,
  type MockChoice,
  type SignatureReport,
  type TimestampFlag,
  type Verdict,
  type Violation,
} from '../../contract/api';
import { filterToSql, READABLE_BODY, withinWindow, type SqlWhere } from './call-filter-sql';
import { DEFAULT_QUERY_BUDGET, type QueryBudget } from './id-windows';
import { streamIndexHits } from './index-stream';
import { readNewestFirst } from './read-newest-first';
import { queryRange } from './query-range';
import { defineReadableText } from './readable-sql';
import { findTextMatch } from './text-match';
import { countCalls } from './call-stats';
import { refineStoreError } from './store-faults';
import { packReport, unpackReport } from '../signature/stored-report';

/** What was learned about the answer: the contract check and, when forwarded, how it went. */
export interface CallChecks {
  /** Null when the answer was not checked (the companion's own refusals). */
  violations: Violation[] | null;
  /** The URL the call was forwarded to, when it was. */
  forwardTarget: string | null;
  /** Why forwarding failed, when it did. */
  forwardError: string | null;
  /** For a forwarded registration check: would Flowent have accepted the handler's answer (2xx)? */
  registrationWouldPass: boolean | null;
  /** The handler's verdict on the signature, when a handler answered. */
  handlerSignature: HandlerSignature | null;
  /** The handler as configured (`{action_name}` kept, credentials dropped); what it taught is under its handlerTargetKey. Null when no handler answered. */
  handlerTarget: string | null;
}

/** Everything recorded about one call, written in one transaction before the answer is sent. */
export interface NewCall {
  receivedAt: number;
  method: string;
  path: string;
  remoteAddress: string | null;
  action: string | null;
  /** The body's `action_name` as written, when it is there but not a valid action name. */
  sentAction?: string | null;
  test: boolean;
  requestHeaders: HeaderPair[];
  requestBody: Uint8Array;
  /** Bytes received; larger than requestBody.length when an oversized body was cut. */
  bodySize: number;
  problem: string | null;
  problemMessage: string | null;
  signature: SignatureReport;
  answeredBy: AnsweredBy;
  /** Which mock answer was given, when a mock (or the built-in answer) answered. */
  mockChoice?: MockChoice | null;
  response: { status: number; headers: HeaderPair[]; body: Uint8Array };
  durationMs: number;
  source: CallSource;
  originalCallId: number | null;
  checks?: Partial<CallChecks>;
}

export interface StoredCall extends CallSummary, Omit<CallChecks, 'violations'> {
  /** Null when the answer was not checked; `violations` is then []. */
  checked: boolean;
  remoteAddress: string | null;
  requestHeaders: HeaderPair[];
  requestBody: Buffer;
  problemMessage: string | null;
  signature: SignatureReport;
  response: { status: number; headers: HeaderPair[]; body: Buffer };
  originalCallId: number | null;
  mockChoice: MockChoice | null;
}

interface CallRow {
  id: number;
  received_at: number;
  method: string;
  path: string;
  remote_address: string | null;
  action: string | null;
  is_test: number;
  request_headers: string;
  request_body: Buffer;
  body_size: number;
  problem: string | null;
  problem_message: string | null;
  verdict: string;
  style: string | null;
  signature_report: string;
  answered_by: string;
  response_status: number;
  response_headers: string;
  response_body: Buffer;
  duration_ms: number;
  source: string;
  original_call_id: number | null;
  violations: string | null;
  forward_target: string | null;
  forward_error: string | null;
  registration_would_pass: number | null;
  failed: number;
  handler_signature: string | null;
  handler_target: string | null;
  sent_action: string | null;
  mock_choice: string | null;
  timestamp_flag: string | null;
  timestamp_age: number | null;
  /** Only on a page listed with a text search: the body as searched (escapes decoded). */
  readable_body?: string;
}

/**
 * The columns of a list row. The timestamp's flag is read from the stored signature report:
 * a page reads a few hundred rows, so that costs less than a column of its own would have
 * cost every stored call (and a rewrite of every row already stored).
 */
const TIMESTAMP_COLUMNS =
  "json_extract(signature_report, '$.timestamp.flag') AS timestamp_flag, " +
  "json_extract(signature_report, '$.timestamp.ageSeconds') AS timestamp_age";
const SUMMARY_COLUMNS =
  'id, received_at, method, path, action, sent_action, is_test, verdict, style, response_status, duration_ms, body_size, problem, ' +
  `answered_by, source, violations, failed, handler_signature, ${TIMESTAMP_COLUMNS}`;

const DEFAULT_PAGE_SIZE = 100;

/** The columns one stored call fills, in the order of `insertValues`. */
const INSERT_COLUMNS =
  'received_at, method, path, remote_address, action, is_test, request_headers, request_body, body_size, problem, ' +
  'problem_message, verdict, style, signature_report, answered_by, response_status, response_headers, response_body, ' +
  'duration_ms, source, original_call_id, violations, forward_target, forward_error, registration_would_pass, failed, sent_action, ' +
  'mock_choice, handler_signature, handler_target';
const COLUMN_COUNT = INSERT_COLUMNS.split(',').length;
const ROW_PLACEHOLDERS = `(${Array.from({ length: COLUMN_COUNT }, () => '?').join(', ')})`;

/**
 * Most rows in one INSERT statement. The full-text index (migration 5) flushes once per
 * statement, so its cost per call falls with rows per statement (about 250 µs alone, 96 µs at
 * 16, 50 µs at 256); 64 rows take 1,792 of SQLite's 32,766 variables and keep the number of
 * cached statements (one per row count) small.
 */
export const MAX_ROWS_PER_STATEMENT = 64;

/** The statement values of one call, in the order of INSERT_COLUMNS. */
function insertValues(call: NewCall): unknown[] {
  return [
    call.receivedAt,
    call.method,
    call.path,
    call.remoteAddress,
    call.action,
    call.test ? 1 : 0,
    JSON.stringify(call.requestHeaders),
    Buffer.from(call.requestBody.buffer, call.requestBody.byteOffset, call.requestBody.byteLength),
    call.bodySize,
    call.problem,
    call.problemMessage,
    call.signature.verdict,
    call.signature.style,
    packReport(call.signature),
    call.answeredBy,
    call.response.status,
    JSON.stringify(call.response.headers),
    Buffer.from(call.response.body.buffer, call.response.body.byteOffset, call.response.body.byteLength),
    call.durationMs,
    call.source,
    call.originalCallId,
    call.checks?.violations ? JSON.stringify(call.checks.violations) : null,
    call.checks?.forwardTarget ?? null,
    call.checks?.forwardError ?? null,
    typeof call.checks?.registrationWouldPass === 'boolean' ? Number(call.checks.registrationWouldPass) : null,
    Number(failedOf(call)),
    call.sentAction ?? null,
    call.mockChoice ? JSON.stringify(call.mockChoice) : null,
    call.checks?.handlerSignature ?? null,
    call.checks?.handlerTarget ?? null,
  ];
}

function failedOf(call: NewCall): boolean {
  return isFailedCall({ status: call.response.status, verdict: call.signature.verdict, violations: call.checks?.violations ?? [] });
}

/** The history line of a call just stored as `id`: what the `call-stored` event carries. */
export function summaryOf(call: NewCall, id: number): CallSummary {
  return {
    id,
    receivedAt: call.receivedAt,
    method: call.method,
    path: call.path,
    action: call.action,
    sentAction: call.sentAction ?? null,
    test: call.test,
    verdict: call.signature.verdict,
    style: call.signature.style,
    status: call.response.status,
    durationMs: call.durationMs,
    size: call.bodySize,
    problem: call.problem,
    answeredBy: call.answeredBy,
    source: call.source,
    violations: call.checks?.violations ?? [],
    failed: failedOf(call),
    handlerSignature: call.checks?.handlerSignature ?? null,
    timestamp: { flag: call.signature.timestamp.flag, ageSeconds: call.signature.timestamp.ageSeconds },
  };
}

/** Paged access to the call history; nothing here holds the history in memory. */
export class CallsRepository {
  /** `INSERT ... VALUES (...) x n RETURNING id`, prepared once per row count n. */
  private readonly insertStatements = new Map<number, Statement>();
  /**
   * Made once: the driver builds four wrapper functions and their properties for each
   * transaction function, about 4 KB, which a forwarded call (its row and the handler's
   * lesson) would otherwise allocate every time.
   */
  private readonly insertInTransaction: (calls: readonly NewCall[], alongside?: () => void) => number[];

  /** `budget`: how much one list or count query may read (id-windows.ts); tests make it small. */
  constructor(
    private readonly db: Database,
    private readonly budget: QueryBudget = DEFAULT_QUERY_BUDGET,
  ) {
    defineReadableText(db);
    this.insertInTransaction = db.transaction((calls: readonly NewCall[], alongside?: () => void): number[] => {
      const ids: number[] = [];
      for (let start = 0; start < calls.length; start += MAX_ROWS_PER_STATEMENT) {
        ids.push(...this.insertRows(calls.slice(start, start + MAX_ROWS_PER_STATEMENT)));
      }
      alongside?.();
      return ids;
    });
  }

  /**
   * Stores a call and returns its id, or stores several in one transaction (group commit:
   * one commit for the batch, all rows or none) and returns their ids in order; `alongside`
   * runs in that transaction, after the rows are inserted. Synchronous: when this returns,
   * the rows are committed.
   */
  insert(call: NewCall): number;
  insert(calls: readonly NewCall[], alongside?: () => void): number[];
  insert(callOrCalls: NewCall | readonly NewCall[], alongside?: () => void): number | number[] {
    try {
      if (!Array.isArray(callOrCalls)) return this.insertRows([callOrCalls as NewCall])[0]!;
      const calls = callOrCalls as readonly NewCall[];
      if (calls.length <= MAX_ROWS_PER_STATEMENT && !alongside) return this.insertRows(calls);
      return this.insertInTransaction(calls, alongside);
    } catch (error) {
      throw refineStoreError(error, this.db.name);
    }
  }

  /**
   * One INSERT statement for all `calls` (one statement is atomic, so a single chunk needs no
   * explicit transaction). RETURNING gives no order guarantee, but rows are inserted in
   * VALUES order and each new id is above every id already in the table, so the ids sorted
   * ascending are the calls' ids in order.
   */
  private insertRows(calls: readonly NewCall[]): number[] {
    const values: unknown[] = [];
    for (const call of calls) values.push(...insertValues(call));
    const rows = this.insertStatement(calls.length).raw().all(values) as [number | bigint][];
    if (rows.length !== calls.length) throw new Error(`Stored ${rows.length} of ${calls.length} calls in one statement.`);
    return rows.map((row) => Number(row[0])).sort((a, b) => a - b);
  }

  private insertStatement(rowCount: number): Statement {
    let statement = this.insertStatements.get(rowCount);
    if (!statement) {
      const placeholders = Array.from({ length: rowCount }, () => ROW_PLACEHOLDERS).join(', ');
      statement = this.db.prepare(`INSERT INTO calls (${INSERT_COLUMNS}) VALUES ${placeholders} RETURNING id`);
      this.insertStatements.set(rowCount, statement);
    }
    return statement;
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
    const end = readNewestFirst(this.filterToSql(query), queryRange(this.db, query, query.beforeId), this.budget, {
      window: (where, window) => {
        const { clause, params } = withinWindow(where, window);
        const sql = `SELECT ${columns} FROM ${where.from} ${clause} ORDER BY ${where.id} DESC LIMIT @limit`;
        rows.push(...(this.db.prepare(sql).all({ ...params, limit: limit + 1 - rows.length }) as CallRow[]));
        return rows.length > limit;
      },
      stream: (where, range, msLeft) => {
        const ids: number[] = [];
        const end = streamIndexHits<{ id: number }>(this.db, where, range, msLeft, '', (hit) => {
          ids.push(hit.id);
          return rows.length + ids.length > limit;
        });
        const sql = `SELECT ${columns} FROM calls WHERE id IN (SELECT value FROM json_each(@ids)) ORDER BY id DESC`;
        if (ids.length) rows.push(...(this.db.prepare(sql).all({ ids: JSON.stringify(ids) }) as CallRow[]));
        return { ...end, enough: rows.length > limit };
      },
    });
    const calls = rows.slice(0, limit).map((row) => withMatch(toSummary(row), row, query.text));
    if (rows.length > limit) return { calls, nextBeforeId: calls[calls.length - 1]?.id ?? null, searchedDownTo: null };
    return { calls, nextBeforeId: end.stoppedBelow, searchedDownTo: end.stoppedBelow };
  }

  /** The filter's queries; a text search reads the index up to where it is caught up (text-index.ts). */
  private filterToSql(filter: CallFilter): SqlWhere[] {
    const indexedUpTo = filter.text ? (this.db.prepare('SELECT indexed_up_to FROM text_index_state').pluck().get() as number) : 0;
    return filterToSql(filter, indexedUpTo);
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
    const row = this.db.prepare(`SELECT *, ${TIMESTAMP_COLUMNS} FROM calls WHERE id = ?`).get(id) as CallRow | undefined;
    return row ? toStoredCall(row) : null;
  }

  /** Counts for a filter (call-stats.ts), read in one transaction so they and `countedUpTo` agree. */
  stats(query: CallCountQuery): CallStats {
    return this.db.transaction(() => {
      const range = queryRange(this.db, query, query.beforeId);
      return { ...countCalls(this.db, query, this.filterToSql(query), range, this.budget), countedUpTo: this.lastCallId() };
    })();
  }

  /** Deletes every stored call; returns how many there were. */
  clear(): number {
    return this.db.prepare('DELETE FROM calls').run().changes;
  }

  /** Ids of replayable calls (Flowent's, received or imported, naming an action) matching a filter, oldest first. */
  selectReplayableIds(filter: CallFilter, limit: number): number[] {
    const newestFirst: number[] = [];
    for (const where of this.filterToSql(filter)) {
      if (newestFirst.length >= limit) break;
      const clause = `${where.clause ? `${where.clause} AND` : 'WHERE'} action IS NOT NULL AND source IN ('flowent', 'import')`;
      const rows = this.db
        .prepare(`SELECT ${where.id} AS id FROM ${where.from} ${clause} ORDER BY ${where.id} DESC LIMIT @limit`)
        .all({ ...where.params, limit: limit - newestFirst.length }) as { id: number }[];
      for (const row of rows) newestFirst.push(row.id);
    }
    return newestFirst.reverse();
  }

  /** The newest call's id, 0 when there is none. */
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

function clampPageSize(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(limit)));
}

function toSummary(row: CallRow): CallSummary {
  return {
    id: row.id,
    receivedAt: row.received_at,
    method: row.method,
    path: row.path,
    action: row.action,
    sentAction: row.sent_action,
    test: row.is_test === 1,
    verdict: row.verdict as Verdict,
    style: row.style,
    status: row.response_status,
    durationMs: row.duration_ms,
    size: row.body_size,
    problem: row.problem,
    answeredBy: row.answered_by as AnsweredBy,
    source: row.source as CallSource,
    violations: row.violations ? (JSON.parse(row.violations) as Violation[]) : [],
    failed: row.failed === 1,
    handlerSignature: row.handler_signature as HandlerSignature | null,
    timestamp: { flag: (row.timestamp_flag ?? 'missing') as TimestampFlag, ageSeconds: row.timestamp_age },
  };
}

function withMatch(summary: CallSummary, row: CallRow, text: string | undefined): CallSummary {
  const match = text && row.readable_body !== undefined ? findTextMatch(row.readable_body, text) : null;
  return match ? { ...summary, match } : summary;
}

function toStoredCall(row: CallRow): StoredCall {
  return {
    ...toSummary(row),
    remoteAddress: row.remote_address,
    requestHeaders: JSON.parse(row.request_headers) as HeaderPair[],
    requestBody: row.request_body,
    problemMessage: row.problem_message,
    signature: unpackReport(row.signature_report),
    response: {
      status: row.response_status,
      headers: JSON.parse(row.response_headers) as HeaderPair[],
      body: row.response_body,
    },
    originalCallId: row.original_call_id,
    mockChoice: row.mock_choice ? (JSON.parse(row.mock_choice) as MockChoice) : null,
    checked: row.violations !== null,
    forwardTarget: row.forward_target,
    forwardError: row.forward_error,
    registrationWouldPass: row.registration_would_pass === null ? null : row.registration_would_pass === 1,
    handlerTarget: row.handler_target,
  };
}
