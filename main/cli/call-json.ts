/** The stable machine-readable forms of `calls --json` and `calls <id> --json`: apart from the lines a person reads. */
import { redactUrlCredentials, type CallDetail, type CallSummary, type StyleResult, type WaitingCall } from '../contract/api';
import type { HandlerWhy } from './call-why';
import { withCredentialsRedacted } from './redacted-headers';

/** The stable machine-readable form printed by `calls --json`; `handlerDiagnosis` is read beyond the summary (see call-why.ts). */
export function callJson(call: CallSummary, handlerDiagnosis: HandlerWhy | null = null): Record<string, unknown> {
  return {
    id: call.id,
    receivedAt: new Date(call.receivedAt).toISOString(),
    method: call.method,
    path: call.path,
    action: call.action,
    sentAction: call.sentAction,
    test: call.test,
    verdict: call.verdict,
    style: call.style,
    status: call.status,
    durationMs: Math.round(call.durationMs * 100) / 100,
    size: call.size,
    problem: call.problem,
    answeredBy: call.answeredBy,
    source: call.source,
    violations: call.violations ?? [],
    failed: call.failed,
    handlerSignature: call.handlerSignature,
    timestamp: call.timestamp.flag,
    signatureDiagnosis: call.signatureDiagnosis,
    handlerDiagnosis,
    forwardError: call.forwardError,
    spoiledSignature: call.spoiledSignature,
    imported: call.imported,
  };
}

/**
 * `calls --follow --json`'s form of a call waiting for the handler in a running serve: `waiting`
 * tells it from a stored call, which has none. It has no id yet; the stored call follows.
 * `serve`: the webhook URL of the serve that holds it (the one a text line names beside others).
 */
export function waitingCallJson(call: WaitingCall, forwardTimeoutMs: number, serve: string): Record<string, unknown> {
  return {
    waiting: true,
    receivedAt: new Date(call.receivedAt).toISOString(),
    action: call.action,
    target: call.target,
    forwardTimeoutMs,
    serve,
  };
}

/**
 * A style's result without its expected HMAC unless it matched: for a style that did not match,
 * `expected` is a valid signature for a body anyone could have sent, so printing it hands out
 * a signature that the handler would accept; a matched one only repeats what was received.
 */
function withoutUnmatchedSignatures(style: StyleResult): Omit<StyleResult, 'expected'> & { expected?: string | null } {
  if (style.matched) return style;
  const { expected: _leftOut, ...rest } = style;
  return rest;
}

/** `calls <id> --json`: the call's whole stored record, its summary's fields as `calls --json` prints them first. */
export function callDetailJson(call: CallDetail, handlerDiagnosis: HandlerWhy | null): Record<string, unknown> {
  const { remoteAddress, forwardedFor, requestHeaders, requestBody, requestBodyBase64, problemMessage } = call;
  const { signature, response, originalCallId, mockChoice, forward, handler, signedUnlikeLearned } = call;
  return {
    ...callJson(call, handlerDiagnosis),
    remoteAddress,
    forwardedFor,
    requestHeaders: withCredentialsRedacted(requestHeaders),
    requestBody,
    requestBodyBase64,
    problemMessage,
    signature: { ...signature, styles: signature.styles.map(withoutUnmatchedSignatures) },
    response: { ...response, headers: withCredentialsRedacted(response.headers) },
    originalCallId,
    mockChoice,
    forward: { ...forward, target: forward.target === null ? null : redactUrlCredentials(forward.target) },
    handler,
    signedUnlikeLearned,
  };
}
