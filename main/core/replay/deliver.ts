import type {
  AnsweredBy,
  CallSource,
  CallSummary,
  HeaderPair,
  ReplayFailure,
  Result,
  SignatureReport,
  Violation,
} from '../../contract/api';
import { checkAnswer } from '../protocol/answer-check';
import { FLOWENT_TIMEOUT_MS } from '../protocol/facts';
import type { Forwarder } from '../answers/forward';
import { failureViolation } from '../answers/forward-failure';
import { droppedHeadersMessage, forwardHeaders } from '../answers/forward-headers';
import { resolveTarget } from '../answers/forward-target';
import { ACTION_PLACEHOLDER } from '../../contract/action-name';
import { hasLeftOutCredentials } from '../../contract/url-credentials';
import { isCredentialHeader, REDACTED } from '../../contract/credential-headers';
import { handlerChecks, handlerKeyFor, learnFromHandler, NO_HANDLER, type HandlerChecks } from '../answers/handler-lesson';
import { handlerPreference, styleNamed } from '../handler-check';
import type { StyleName } from '../../contract/names-and-limits';
import { takeLoopAnswer } from '../answers/loop-answer';
import { ownCallHeader, sourceHeader } from '../answers/own-calls';
import { resolveRoute } from '../answers/route';
import { stylesComputed, verify } from '../signature';
import { type CallsRepository } from '../store/calls-repository';
import { summaryOf, type NewCall } from '../store/calls-insert';
import type { AnswerSource } from '../store/answer-store';
import type { KeyedHandlerMemory } from '../store/handlers-repository';

/** A webhook server of this companion's (its own, or a serve's on the same data folder) and its mark on the calls sent there. */
export interface OwnWebhook {
  baseUrl: string;
  loopToken: string;
  /** Its `serve --forward`: where it forwards an action no answers setting sends elsewhere; null without one. */
  forwardTarget: string | null;
  /**
   * How long it waits for the handler it forwards to (`serve --forward-timeout`), when known:
   * this companion's own webhook. A serve on the same data folder does not record it.
   */
  forwardTimeoutMs?: number;
}

/**
 * How much longer a call sent to a companion's webhook waits than that webhook waits for the
 * handler it forwards to: enough for its 504 ("your handler did not answer in time") to arrive.
 */
export const OWN_WEBHOOK_MARGIN_MS = 2_000;

/**
 * How long to wait for the answer to a call sent to `own` (a companion's webhook), else to a
 * handler. Given up at the webhook's own forward timeout, the call raced the webhook's 504 and
 * lost: the replay read "this companion's webhook did not answer within 3 s", hiding that the
 * handler behind it was the one too slow.
 */
export function answerTimeoutMs(deps: Pick<ReplayDeps, 'forwardTimeoutMs'>, own: OwnWebhook | null): number {
  const forwardTimeoutMs = deps.forwardTimeoutMs ?? FLOWENT_TIMEOUT_MS;
  if (!own) return forwardTimeoutMs;
  return (own.forwardTimeoutMs ?? forwardTimeoutMs) + OWN_WEBHOOK_MARGIN_MS;
}

/** What replay and the simulator need from the core. */
export interface ReplayDeps {
  calls: () => CallsRepository;
  answers: () => AnswerSource;
  hmacKey: () => string | null;
  /** What each developer's handler accepted and refused so far. */
  handlers: () => KeyedHandlerMemory;
  /**
   * The companion's webhooks (`http://127.0.0.1:8787`) running now, the one cURL commands name
   * first, each with its mark on the calls this companion sends there (see own-calls). Calls
   * sent there reach no handler of the developer's.
   */
  ownWebhooks?: () => OwnWebhook[];
  /** `serve --forward`, when the core runs with one. */
  startupForwardTarget?: string | null;
  forwardTimeoutMs?: number;
  forwarder: Forwarder;
  /** Told about every replayed or simulated call once stored (the core emits `call-stored`). */
  onStored?: (call: CallSummary) => void;
}

/** A request the companion sends on its own (a replay or a simulated call). */
export interface Outgoing {
  /** Absolute URL, `{action_name}` already replaced. */
  url: string;
  action: string | null;
  test: boolean;
  headers: HeaderPair[];
  body: Buffer;
  /** The original caller's address, for X-Forwarded-For on replays. */
  remoteAddress: string | null;
  source: Exclude<CallSource, 'flowent'>;
  originalCallId: number | null;
  /** The handler as configured (`{action_name}` kept), what its verdicts teach is kept under. */
  handler: string;
  /** Add what the handler's answer teaches to what it taught before (a probe records its findings as a whole instead). */
  learn: boolean;
  /** The body's signature was spoiled on purpose (spoil-signature.ts): the stored call says so. */
  spoiledSignature?: boolean;
  /** The style the companion signed the body with (send, Simulate, a re-signed replay); null when it went as it was. */
  signedStyle: string | null;
}

/** The stored outcome of an outgoing call. */
export interface Delivered {
  id: number;
  receivedAt: number;
  url: string;
  signature: SignatureReport;
  status: number;
  headers: HeaderPair[];
  body: Buffer;
  durationMs: number;
  violations: Violation[];
  /** Who answered, as stored: a companion's webhook says whether its mock answered in place of a handler that gave no answer. */
  answeredBy: AnsweredBy;
  /** Why the handler could not be reached, when it could not (with a status, a companion's webhook answered in its place). */
  error: string | null;
  /** Sent to a companion's webhook: the handler it forwarded the call to, or tried to (see ReplayOutcome). */
  forwardTarget: string | null;
  /** The handler's verdict on the signature; none when no handler answered. */
  handler: HandlerChecks;
  /** What was left out of the request and why, as stored in the call's problem message; null when nothing was. */
  notSent: string | null;
  /** The names of the call's own credential headers sent with it (see ReplayOutcome). */
  credentialsSent: string[];
  /** The stored problem: `headers-dropped`, or what a companion's webhook refused the call for. */
  problem: string | null;
}

/** Where an outgoing call goes: the URL, and the handler as configured, `{action_name}` kept. */
export interface Target {
  url: string;
  handler: string;
}

/**
 * The URL to send an action's call to: the given one (may hold `{action_name}`), else the
 * forwarding target the answers settings give the action (what serve would forward to).
 */
export function targetFor(deps: ReplayDeps, action: string | null, given: string | undefined): Result<Target, ReplayFailure> {
  const mistake = given === undefined && action ? (deps.answers().mistakeDeciding?.(action) ?? null) : null;
  if (action && mistake) return { ok: false, code: 'answer-file-mistake', action, ...mistake };
  const route = given === undefined && action ? resolveRoute(deps.answers(), action, deps.startupForwardTarget ?? null) : null;
  // Its mock answers it (a mode chosen, or the only answer with a target known elsewhere): serve
  // would never reach a handler with it, so neither does a replay or a simulated call.
  if (action && route?.mode === 'mock' && (route.target !== null || modeChosen(deps.answers(), action))) {
    return { ok: false, code: 'answered-by-mock', action, webhook: mockingWebhook(deps, action) };
  }
  const template = given ?? route?.target ?? null;
  // A file meant for git read back with no password kept here for its target: "***" would be sent as the password.
  if (action && given === undefined && template !== null && hasLeftOutCredentials(template)) {
    const owner = (deps.answers().getRoute(action)?.target ?? null) !== null ? action : null;
    return { ok: false, code: 'target-password-left-out', action, target: template, owner };
  }
  if (!template) return { ok: false, code: 'no-target', action, webhook: action ? mockingWebhook(deps, action) : null };
  // A made-up name would send the call to a route of the handler's that nobody chose.
  if (action === null && template.includes(ACTION_PLACEHOLDER)) return { ok: false, code: 'no-action-for-target', target: template };
  const resolved = resolveTarget(template, action ?? '');
  return resolved.ok ? { ok: true, value: { url: resolved.url, handler: template } } : resolved;
}

/**
 * The webhook URL for the action of a running companion whose mock answers it: the one to name
 * where no handler is known. A serve's own `--forward` counts, as it does for that serve: with
 * no mode set, a serve started with one forwards the action instead.
 */
function mockingWebhook(deps: ReplayDeps, action: string): string | null {
  const mocking = deps.ownWebhooks?.().find((own) => resolveRoute(deps.answers(), action, own.forwardTarget).mode === 'mock');
  return mocking ? `${mocking.baseUrl}/actions/${action}` : null;
}

/** Whether a mode is chosen for the action, its own or the default's (else it follows whether a target is known). */
function modeChosen(answers: AnswerSource, action: string): boolean {
  return (answers.getRoute(action)?.mode ?? answers.getRoute(null)?.mode ?? null) !== null;
}

/** Sends the call, checks the answer against Flowent's contract, and stores it as a new call. */
export async function deliver(deps: ReplayDeps, outgoing: Outgoing): Promise<Delivered> {
  // The call's time is when it goes out, as the webhook it reaches stamps it (a serve's wait line):
  // a first send loads the HTTP client, which took 0.25-0.5 s, before the clock is read, not after.
  deps.forwarder.warm();
  const receivedAt = Date.now();
  const { kept, redacted } = withoutRedacted(outgoing.headers);
  const prepared = forwardHeaders(kept, outgoing.remoteAddress);
  const origin = new URL(outgoing.url).origin;
  const own = deps.ownWebhooks?.().find((webhook) => new URL(webhook.baseUrl).origin === origin) ?? null;
  const toCompanion = own !== null;
  const timeoutMs = answerTimeoutMs(deps, own);
  // Marked so that the companion's own webhook does not store it as Flowent's call, and says how
  // it answered; elsewhere (a handler, another data folder's companion) with the source alone.
  const mark = own ? ownCallHeader(outgoing.source, own.loopToken) : sourceHeader(outgoing.source);
  const sent = [...prepared.headers, mark];
  const outcome = await deps.forwarder.forward({
    url: outgoing.url,
    body: outgoing.body,
    headers: sent,
    timeoutMs,
    to: toCompanion ? 'companion' : 'handler',
  });
  const notSent = [droppedHeadersMessage(prepared.dropped), redactedHeadersMessage(redacted)].filter((m): m is string => m !== null);
  const dropped = notSent.length === 0 ? null : notSent.join(' ');
  // The webhook given the mark says how it answered (its key's verdict, its mock or the handler
  // it forwarded to): the record is of what happened there, not of what this command supposed.
  const { headers: answerHeaders, loopAnswer } =
    outcome.ok && toCompanion ? takeLoopAnswer(outcome.headers) : { headers: [], loopAnswer: null };
  const ownCheck = verify(outgoing.body, deps.hmacKey(), { receivedAt });
  // Read with the key just checked with: a handler's lesson is filed under it, and the call stored with it.
  const keyFingerprint = deps.handlers().keyId();
  // This command's report keeps every style's digest; the serve's, when it judged otherwise (another
  // key). Not when it only named the call by another style this check finds valid too (its handler's).
  const checkedHere = loopAnswer && !judgedAlike(loopAnswer.signature, ownCheck) ? loopAnswer.signature : ownCheck;
  const response = outcome.ok
    ? { status: outcome.status, headers: toCompanion ? answerHeaders : outcome.headers, body: outcome.body }
    : { status: 0, headers: [] as HeaderPair[], body: Buffer.alloc(0) };
  const answeredBy =
    loopAnswer?.answeredBy ?? (toCompanion ? (outcome.ok ? 'companion' : 'companion-error') : outcome.ok ? 'forward' : 'forward-error');
  // A webhook's check of its own answer is the one to keep: from here its 502 for a handler that
  // refused the connection, or its 400 for a body it refused, reads as any non-2xx would.
  const judged = loopAnswer?.violations;
  const checked: Violation[] | null =
    judged !== undefined
      ? judged
      : outcome.ok
        ? checkAnswer({
            who: answerer(answeredBy),
            status: outcome.status,
            body: outcome.body,
            fullSize: outcome.fullSize,
            durationMs: outcome.durationMs,
            registrationCheck: outgoing.test,
          })
        : [failureViolation(outcome)];
  const violations = checked ?? [];
  const error = outcome.ok ? (loopAnswer?.forwardError ?? null) : outcome.message;
  const handler: HandlerChecks = loopAnswer
    ? { handlerSignature: loopAnswer.handlerSignature, handlerTarget: loopAnswer.handlerTarget }
    : outcome.ok && !toCompanion
      ? handlerChecks(outcome, outgoing.handler)
      : NO_HANDLER;
  const signature = withStyleNamed(checkedHere, outgoing.signedStyle, handlerVerifies(deps, handler, outgoing.action));
  const problem = dropped === null ? (loopAnswer?.problem ?? null) : 'headers-dropped';
  const problemMessage = dropped ?? loopAnswer?.problemMessage ?? null;
  const url = new URL(outgoing.url);
  const forwardTarget = urlSaid(loopAnswer?.forwardTarget);
  const stored: NewCall = {
    receivedAt,
    method: 'POST',
    path: `${url.pathname}${url.search}`,
    remoteAddress: null,
    action: outgoing.action,
    test: outgoing.test,
    requestHeaders: prepared.headers,
    requestBody: outgoing.body,
    bodySize: outgoing.body.length,
    problem,
    problemMessage,
    signature,
    answeredBy,
    mockChoice: loopAnswer?.mockChoice ?? null,
    response,
    durationMs: outcome.durationMs,
    source: outgoing.source,
    originalCallId: outgoing.originalCallId,
    spoiledSignature: outgoing.spoiledSignature ?? false,
    signedStyle: outgoing.signedStyle,
    checks: {
      violations: checked,
      forwardTarget: outgoing.url,
      forwardError: error,
      registrationWouldPass: outgoing.test ? response.status >= 200 && response.status < 300 : null,
      ...handler,
    },
    // The fact, kept: what the answer alone suggested of where the call went misread a webhook's
    // refusal, and named no handler that refused the webhook's forward.
    sentRoute: { throughWebhook: toCompanion, webhookForwardedTo: forwardTarget },
    // A serve that forwarded the call says which key it checked it with (nothing, when older).
    keyFingerprint: loopAnswer ? (loopAnswer.keyFingerprint ?? null) : handler.handlerTarget === null ? null : keyFingerprint,
  };
  const id = deps.calls().insert(stored);
  // The signature was checked in every style above: nothing more to compute for the lesson. A
  // serve that forwarded the call recorded its handler's lesson itself.
  if (outgoing.learn && !toCompanion)
    await learnFromHandler(deps.handlers(), handler, outgoing.action, signature, keyFingerprint, () => signature);
  deps.onStored?.(summaryOf(stored, id));
  return {
    id,
    receivedAt,
    url: outgoing.url,
    signature,
    ...response,
    durationMs: outcome.durationMs,
    violations,
    answeredBy,
    error,
    forwardTarget,
    handler,
    notSent: dropped,
    credentialsSent: credentialsSent(prepared.headers, outgoing.url),
    problem,
  };
}

/**
 * The handler a companion's webhook said it forwarded the call to: its word, from over the
 * network, kept only when it is a URL that a replay's line and a run's end can name.
 */
function urlSaid(said: string | null | undefined): string | null {
  return said != null && URL.canParse(said) ? said : null;
}

/**
 * The report with the style the call is named by (styleNamed): of the styles it is valid in, the
 * one it was signed with, else the one its handler verifies with, else the first. A report that
 * stopped at its first match (a serve's, checked with another key) keeps that match: which other
 * styles it is valid in is not known from it.
 */
function withStyleNamed(report: SignatureReport, signedWith: string | null, handlerVerifies: readonly StyleName[]): SignatureReport {
  if (report.verdict !== 'valid' || stylesComputed(report) !== null) return report;
  const validIn = report.styles.filter((style) => style.matched).map((style) => style.style as StyleName);
  const named = styleNamed(validIn, { signedWith, handlerVerifies });
  return named === null || named === report.style ? report : { ...report, style: named };
}

/** Whether two checks of one body agree: the same verdict, the style one names being one the other finds valid. */
function judgedAlike(there: SignatureReport, here: SignatureReport): boolean {
  if (there.verdict !== here.verdict) return false;
  return there.style === here.style || here.styles.some((style) => style.matched && style.style === there.style);
}

/** The styles the handler that answered has been learned to verify with, for the key set now; none when no handler answered. */
function handlerVerifies(deps: ReplayDeps, handler: HandlerChecks, action: string | null): StyleName[] {
  if (handler.handlerTarget === null) return [];
  return handlerPreference(deps.handlers().read(handlerKeyFor(handler.handlerTarget, action)), handler.handlerSignature);
}

/**
 * The names of the credential headers among those sent (`Authorization`, `Cookie`, `X-Api-Key`…),
 * each once; an Authorization the target's own `user:password@` takes the place of is not the call's.
 */
function credentialsSent(headers: HeaderPair[], target: string): string[] {
  const url = new URL(target);
  const ownAuthorization = url.username !== '' || url.password !== '';
  const names = headers
    .map(([name]) => name)
    .filter((name) => isCredentialHeader(name) && !(ownAuthorization && name.toLowerCase() === 'authorization'));
  return names.filter((name, at) => names.findIndex((other) => other.toLowerCase() === name.toLowerCase()) === at);
}

/** Who gave the answer, for what its contract check says: a companion's webhook says whether its mock or the handler it forwarded to. */
function answerer(answeredBy: AnsweredBy): 'your handler' | 'the mock' | 'this companion' {
  switch (answeredBy) {
    case 'forward':
    case 'forward-error':
      return 'your handler';
    case 'mock':
    case 'fallback-mock':
      return 'the mock';
    case 'test-check':
    case 'signature-check':
    case 'error':
    case 'companion':
    case 'companion-error':
      return 'this companion';
    default: {
      const unhandled: never = answeredBy;
      throw new Error(`unhandled answeredBy ${String(unhandled)}`);
    }
  }
}

/** The request headers to send with a body the companion (re)wrote: the originals' end-to-end ones, JSON content type. */
export function jsonHeaders(original: HeaderPair[]): HeaderPair[] {
  const kept = original.filter(([name]) => !/^(content-type|content-length)$/i.test(name));
  return [['Content-Type', 'application/json'], ...kept];
}

/**
 * The headers to send, without the credentials an export redacted (an imported call's
 * `Authorization: [redacted]`): sent, they would make a handler that checks them refuse the
 * call for a reason nobody could see. The names of those left out, for the call's record.
 */
function withoutRedacted(headers: HeaderPair[]): { kept: HeaderPair[]; redacted: string[] } {
  const redacted = headers.filter(([name, value]) => value === REDACTED && isCredentialHeader(name)).map(([name]) => name);
  if (redacted.length === 0) return { kept: headers, redacted };
  return { kept: headers.filter(([name, value]) => !(value === REDACTED && isCredentialHeader(name))), redacted };
}

/** What a stored call says about redacted credentials left out: null when none were. */
export function redactedHeadersMessage(redacted: string[]): string | null {
  if (redacted.length === 0) return null;
  return `Not sent, because the file this call was imported from has their values redacted ("${REDACTED}", as exports write credentials): ${redacted.join(', ')}. The call went without them, so a handler that checks them refuses it.`;
}
