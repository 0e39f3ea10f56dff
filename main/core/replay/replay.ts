import type { HandlerEvent, ReplayEvent, ReplayFailure, ReplayOutcome, Result, Violation } from '../../contract/api';
import { checkAnswer } from '../protocol/answer-check';
import type { StoredCall } from '../store/call-rows';
import { diffAnswers } from './answer-diff';
import { deliver, jsonHeaders, targetFor, type ReplayDeps } from './deliver';
import { freshBody, isObjectParameters, overFlowentLimit, resignBody } from './edit-body';
import type { StyleLearner } from './learned-style';

/**
 * - `as-is`: the original bytes and headers (the old signature and timestamp).
 * - `resign`: a fresh timestamp, signed with the current key; a registration check Flowent sent
 *   unsigned goes unsigned, as Flowent sends it.
 * - `edit`: new parameters, a fresh timestamp, signed with the current key; never for a
 *   registration check, which Flowent only sends with `{}`.
 */
export type ReplayMode = 'as-is' | 'resign' | 'edit';

export interface ReplayOptions {
  mode?: ReplayMode;
  /** The signing style for `resign`/`edit`; default: the learned style for the current key. */
  style?: string;
  /** For `edit`: the new `parameters`, as typed (a TypedJson, sent as typed) or a value. */
  parameters?: unknown;
  /** Send here instead of the action's forwarding target; may hold `{action_name}`. */
  target?: string;
  /** Unix milliseconds for the fresh timestamp (tests). */
  now?: () => number;
  /** Add what the handler's answer teaches to what is known about it (default true; a probe records its findings whole). */
  learn?: boolean;
}

export interface ReplayContext extends ReplayDeps {
  learner: StyleLearner;
  /** Once aborted, a probe sends no more requests (see ReplaySetup). */
  stopSignal?: AbortSignal;
  /** Progress of bulk runs, imports and probes. */
  onEvent?: (event: ReplayEvent | HandlerEvent) => void;
}

/** Replays one stored call to the handler and stores the replay as a new call. */
export async function replayCall(
  ctx: ReplayContext,
  id: number,
  options: ReplayOptions = {},
): Promise<Result<ReplayOutcome, ReplayFailure>> {
  const original = ctx.calls().get(id);
  if (!original) return { ok: false, code: 'call-not-found', id };
  return replayStored(ctx, original, options);
}

export async function replayStored(
  ctx: ReplayContext,
  original: StoredCall,
  options: ReplayOptions,
): Promise<Result<ReplayOutcome, ReplayFailure>> {
  const mode = options.mode ?? 'as-is';
  if (original.requestBody.length < original.size) return { ok: false, code: 'body-not-stored', size: original.size };
  const target = targetFor(ctx, original.action, options.target);
  if (!target.ok) return target;
  let body: Buffer = original.requestBody;
  let headers = original.requestHeaders;
  let signedStyle: string | null = null;
  const now = () => Math.floor((options.now?.() ?? Date.now()) / 1000);
  const styleFor = (key: string) => options.style ?? ctx.learner.learnedStyle(key).style;
  if (mode === 'resign') {
    const fresh = freshBody(original.requestBody, now(), { key: ctx.hmacKey(), style: styleFor, needs: 'resign' });
    if (!fresh.ok) return fresh;
    body = fresh.value.body;
    headers = jsonHeaders(original.requestHeaders);
    signedStyle = fresh.value.style;
  } else if (mode === 'edit') {
    if (original.test) return { ok: false, code: 'registration-check-parameters' };
    const key = ctx.hmacKey();
    if (!key) return { ok: false, code: 'no-key', needs: 'resign' };
    if (!isObjectParameters(options.parameters)) return { ok: false, code: 'invalid-parameters' };
    const signed = resignBody(original.requestBody, key, styleFor(key), { timestamp: now(), parameters: options.parameters });
    if (!signed.ok) return signed;
    const over = overFlowentLimit(signed.value.body);
    if (over) return over;
    body = signed.value.body;
    headers = jsonHeaders(original.requestHeaders);
    signedStyle = signed.value.style;
  }
  const delivered = await deliver(ctx, {
    url: target.value.url,
    handler: target.value.handler,
    learn: options.learn ?? true,
    action: original.action,
    test: original.test,
    headers,
    body,
    remoteAddress: original.remoteAddress,
    source: 'replay',
    originalCallId: original.id,
    signedStyle,
  });
  const diff = diffAnswers(original.response, delivered);
  // A companion's refusal (of the body, of the signature) is checked against no contract, yet
  // Flowent sees a failed action all the same: anything but 2xx fails.
  const fails = delivered.violations.length > 0 || delivered.status < 200 || delivered.status > 299;
  const verdict: ReplayOutcome['verdict'] = fails ? 'failed' : diff.changed ? 'changed' : 'passed';
  return {
    ok: true,
    value: {
      originalId: original.id,
      id: delivered.id,
      mode,
      url: delivered.url,
      signedStyle,
      signatureVerdict: delivered.signature.verdict,
      status: delivered.status,
      answeredBy: delivered.answeredBy,
      durationMs: delivered.durationMs,
      violations: delivered.violations,
      problem: delivered.problem,
      original: { status: original.response.status, answeredBy: original.answeredBy, problem: original.problem },
      originalViolations: originalViolations(original),
      diff,
      verdict,
      error: delivered.error,
      forwardTarget: delivered.forwardTarget,
      notSent: delivered.notSent,
      credentialsSent: delivered.credentialsSent,
    },
  };
}

/** The original answer's contract check: as stored, or computed now for answers stored unchecked. */
function originalViolations(original: StoredCall): Violation[] {
  if (original.checked || original.response.status === 0) return original.violations;
  const who = original.answeredBy === 'forward' ? 'your handler' : original.answeredBy === 'companion' ? 'this companion' : 'the mock';
  const { body } = original.response;
  return checkAnswer({
    who,
    status: original.response.status,
    body,
    fullSize: body.length,
    durationMs: original.durationMs,
    registrationCheck: original.test,
  });
}
