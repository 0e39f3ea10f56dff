/** How a row of the calls table reads as a call (its summary, or all of it): the columns, apart from the queries that pick the rows. */
import type {
  AnsweredBy,
  CallSource,
  CallSummary,
  Diagnosis,
  HandlerSignature,
  HeaderPair,
  MockChoice,
  SignatureReport,
  TimestampFlag,
  Verdict,
  Violation,
} from '../../contract/api';
import type { CallChecks, SentRoute } from './calls-insert';
import { unpackReport } from '../signature/stored-report';
import { signatureCause, VERDICTS_WITH_CAUSE } from '../../contract/words/verdict-words';

export interface StoredCall extends CallSummary, Omit<CallChecks, 'violations'>, SentRoute {
  /** Null when the answer was not checked; `violations` is then []. */
  checked: boolean;
  remoteAddress: string | null;
  /** Came in through the tunnel: its X-Forwarded-For's last hop is the tunnel's word about the caller. */
  viaTunnel: boolean;
  requestHeaders: HeaderPair[];
  requestBody: Buffer;
  problemMessage: string | null;
  signature: SignatureReport;
  response: { status: number; headers: HeaderPair[]; body: Buffer };
  originalCallId: number | null;
  mockChoice: MockChoice | null;
  /** The key a handler's call was checked with (see NewCall.keyFingerprint); null when not recorded. */
  keyFingerprint: string | null;
  /** The style this companion signed the call with (see NewCall.signedStyle); null when it did not sign it, or signed it before this was stored. */
  signedStyle: string | null;
}

export interface CallRow {
  id: number;
  received_at: number;
  method: string;
  path: string;
  remote_address: string | null;
  via_tunnel: number;
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
  key_fingerprint: string | null;
  signed_style: string | null;
  through_webhook: number | null;
  webhook_forwarded_to: string | null;
  sent_action: string | null;
  mock_choice: string | null;
  spoiled_signature: number;
  imported: number | null;
  timestamp_flag: string | null;
  timestamp_age: number | null;
  /** The stored report's diagnoses (JSON), read only when the verdict has a cause. */
  diagnosis: string | null;
  /** Only on a page listed with a text search: the body as searched (escapes decoded). */
  readable_body?: string;
}

/**
 * The columns of a list row read from the stored signature report: the timestamp's flag, and
 * the diagnoses of a failed signature (the cause a line says): a page reads a few hundred rows,
 * so that costs less than columns of their own would have cost every stored call (and a
 * rewrite of every row already stored).
 */
export const REPORT_COLUMNS =
  "json_extract(signature_report, '$.timestamp.flag') AS timestamp_flag, " +
  "json_extract(signature_report, '$.timestamp.ageSeconds') AS timestamp_age, " +
  `CASE WHEN verdict IN (${VERDICTS_WITH_CAUSE.map((verdict) => `'${verdict}'`).join(', ')}) ` +
  "THEN json_extract(signature_report, '$.diagnosis') END AS diagnosis";
export const SUMMARY_COLUMNS =
  'id, received_at, method, path, action, sent_action, is_test, verdict, style, response_status, duration_ms, body_size, problem, ' +
  `answered_by, source, violations, failed, handler_signature, forward_error, spoiled_signature, imported, ${REPORT_COLUMNS}`;

export function toSummary(row: CallRow): CallSummary {
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
    signatureDiagnosis: row.diagnosis ? signatureCause(row.verdict as Verdict, JSON.parse(row.diagnosis) as Diagnosis[]) : null,
    forwardError: row.forward_error,
    spoiledSignature: row.spoiled_signature === 1,
    // Stored before migration 23, an imported call is known by its source alone.
    imported: row.imported === 1 || row.source === 'import',
  };
}

/**
 * The summary with the rest of the call added to it. Not `{ ...toSummary(row), ... }`: in V8 each
 * object so spread got a hidden class of its own, and each of the fields added after it made
 * another, about 75 µs a call (most of an export's time); added to the summary itself they
 * follow one shared chain of classes, 3–8 µs.
 */
export function toStoredCall(row: CallRow): StoredCall {
  return Object.assign(toSummary(row), {
    remoteAddress: row.remote_address,
    viaTunnel: row.via_tunnel === 1,
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
    registrationWouldPass: row.registration_would_pass === null ? null : row.registration_would_pass === 1,
    handlerTarget: row.handler_target,
    keyFingerprint: row.key_fingerprint,
    signedStyle: row.signed_style,
    throughWebhook: row.through_webhook === null ? null : row.through_webhook === 1,
    webhookForwardedTo: row.webhook_forwarded_to,
  });
}
