import type { Database, Statement } from 'better-sqlite3';
import {
  isFailedCall,
  type AnsweredBy,
  type CallSource,
  type CallSummary,
  type HandlerSignature,
  type HeaderPair,
  type MockChoice,
  type SignatureReport,
  type Violation,
} from '../../contract/api';
import { redactUrlCredentials } from '../../contract/url-credentials';
import { signatureCause } from '../../contract/words/verdict-words';
import { packReport } from '../signature/stored-report';
import { refineStoreError } from './store-faults';

/** What was learned about the answer: the contract check and, when forwarded, how it went. */
export interface CallChecks {
  /** Null when the answer was not checked (the companion's own refusals). */
  violations: Violation[] | null;
  /**
   * The URL the call was forwarded to, when it was. Stored with its password as `***`: the record
   * needs the address, and a replay sends to the target saved (or typed) now, never to this one.
   */
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

/**
 * Where a call this companion sent went (see CallDetail.forward): apart from CallChecks, which
 * the webhook fills for the calls it receives, where the question does not arise.
 */
export interface SentRoute {
  /** To a companion's webhook rather than a handler; null when not known. */
  throughWebhook: boolean | null;
  /**
   * Through a companion's webhook: the handler it said it forwarded the call to. Stored with its
   * password as `***`, as forwardTarget is; null when its mock answered or it did not say.
   */
  webhookForwardedTo: string | null;
}

/** Everything recorded about one call, written in one transaction before the answer is sent. */
export interface NewCall {
  receivedAt: number;
  method: string;
  path: string;
  remoteAddress: string | null;
  /** Came in through the tunnel's own entry (not straight to the webhook port): absent for calls the companion made, and for imported ones unless their export said so. */
  viaTunnel?: boolean;
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
  /** Sent by this companion with its signature spoiled on purpose, to check that the handler refuses it. */
  spoiledSignature?: boolean;
  /** Read from a HAR file (an export of another companion, say), whatever its source says it was there. */
  imported?: boolean;
  /**
   * The style this companion signed the call with (send, Simulate, a re-signed replay, the probe),
   * which the call is named by when its text is alike in several styles; null for a call it did not sign.
   */
  signedStyle?: string | null;
  checks?: Partial<CallChecks>;
  /** Absent for the calls the companion received, and for imported ones whose file does not say. */
  sentRoute?: SentRoute;
  /**
   * For a call a handler answered: the key the companion checked it with, as its handler's lesson
   * is filed (KeyedHandlerMemory.keyId). Absent for the others, and for an imported call (which
   * key checked it elsewhere is not known).
   */
  keyFingerprint?: string | null;
}

/** The columns one stored call fills, in the order of `insertValues`. */
const INSERT_COLUMNS =
  'received_at, method, path, remote_address, action, is_test, request_headers, request_body, body_size, problem, ' +
  'problem_message, verdict, style, signature_report, answered_by, response_status, response_headers, response_body, ' +
  'duration_ms, source, original_call_id, violations, forward_target, forward_error, registration_would_pass, failed, sent_action, ' +
  'mock_choice, handler_signature, handler_target, via_tunnel, spoiled_signature, key_fingerprint, signed_style, ' +
  'through_webhook, webhook_forwarded_to, imported';
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
    call.checks?.forwardTarget == null ? null : redactUrlCredentials(call.checks.forwardTarget),
    call.checks?.forwardError ?? null,
    typeof call.checks?.registrationWouldPass === 'boolean' ? Number(call.checks.registrationWouldPass) : null,
    Number(failedOf(call)),
    call.sentAction ?? null,
    call.mockChoice ? JSON.stringify(call.mockChoice) : null,
    call.checks?.handlerSignature ?? null,
    call.checks?.handlerTarget ?? null,
    call.viaTunnel ? 1 : 0,
    call.spoiledSignature ? 1 : 0,
    call.keyFingerprint ?? null,
    call.signedStyle ?? null,
    typeof call.sentRoute?.throughWebhook === 'boolean' ? Number(call.sentRoute.throughWebhook) : null,
    call.sentRoute?.webhookForwardedTo == null ? null : redactUrlCredentials(call.sentRoute.webhookForwardedTo),
    call.imported ? 1 : null,
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
    signatureDiagnosis: signatureCause(call.signature.verdict, call.signature.diagnosis),
    forwardError: call.checks?.forwardError ?? null,
    spoiledSignature: call.spoiledSignature ?? false,
    imported: call.imported ?? false,
  };
}

/** Writes calls: one multi-row INSERT per chunk, a transaction around a batch. */
export class CallInserter {
  /** `INSERT ... VALUES (...) x n RETURNING id`, prepared once per row count n. */
  private readonly insertStatements = new Map<number, Statement>();

  /**
   * Made once: the driver builds four wrapper functions and their properties for each
   * transaction function, about 4 KB, which a forwarded call (its row and the handler's
   * lesson) would otherwise allocate every time.
   */
  private readonly insertInTransaction: (calls: readonly NewCall[], alongside?: () => void) => number[];

  /** Told the ids of every insert once committed (calls-from-other-processes.ts tells this process's calls from others'). */
  onInserted: ((ids: readonly number[]) => void) | null = null;

  constructor(private readonly db: Database) {
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
    if (Array.isArray(callOrCalls) && callOrCalls.length === 0) return [];
    let ids: number[];
    try {
      const calls = Array.isArray(callOrCalls) ? (callOrCalls as readonly NewCall[]) : [callOrCalls as NewCall];
      ids = calls.length <= MAX_ROWS_PER_STATEMENT && !alongside ? this.insertRows(calls) : this.insertInTransaction(calls, alongside);
    } catch (error) {
      throw refineStoreError(error, this.db.name);
    }
    this.onInserted?.(ids);
    return Array.isArray(callOrCalls) ? ids : ids[0]!;
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
}
