import type { AnsweredBy, CallSummary, HeaderPair, MockChoice, SignatureReport } from '../../contract/api';
import type { CallAnswerer, CallToAnswer, ChosenAnswer } from '../answers/call-answerer';
import { loopAnswerHeader } from '../answers/loop-answer';
import { callMark } from '../answers/own-calls';
import { type CallsRepository } from '../store/calls-repository';
import { summaryOf, type CallChecks, type NewCall } from '../store/calls-insert';
import type { AlongsideWrite, StoreOutcome } from '../store/batched-writer';
import { storeFault, type StoreFault } from '../store/store-faults';
import type { KeyedHandlerMemory } from '../store/handlers-repository';
import { errorAnswer, type Answer } from '../protocol/answers';
import type { BodyOutcome } from './read-body';
import type { CallCheckInput } from './call-check';
import { checkHere, type CheckedCall } from './call-checker';
import { recordLesson, settleForwardedCall, type ForwardedCall } from './forwarded-call';
import { routeOf } from '../protocol/routes';
import { ACTION_NAME_RULE } from '../../contract/action-name';
import { clip } from '../../contract/words/said';
import type { RequestProblem } from '../../contract/words/call-problem-words';
import { refuseBySignature } from './signature-refusal';
import { seconds } from './parser-refusal';
import { notFlowent } from '../signature';
import { nothingServedMessage, offRouteBodyToStore, SECRETS_LEFT_OUT } from './off-route';
import { BODY_WORDS } from '../json/json-words';
import type { WaitingCalls } from './waiting-calls';

/** A request as it came off the socket, before any interpretation. */
export interface CapturedRequest {
  receivedAt: number;
  /** process.hrtime.bigint() when the request arrived, for the duration. */
  startedAt: bigint;
  method: string;
  url: string;
  /** `1.1`, `1.0`. */
  httpVersion: string;
  rawHeaders: HeaderPair[];
  remoteAddress: string | null;
  /** Came in through the tunnel's entry. */
  viaTunnel: boolean;
  body: BodyOutcome;
}

export interface CallHandlerDeps {
  calls: CallsRepository;
  hmacKey: () => string | null;
  enforceSignatures: boolean;
  bodyLimitBytes: number;
  /** Answers well-formed calls: mocks, forwarding, the contract check. */
  answerer: CallAnswerer;
  /** What each developer's handler accepted and refused so far, per key. */
  handlers: KeyedHandlerMemory;
  onStored: (call: CallSummary) => void;
  /** This running companion's mark on the replays and simulated calls it sends to itself (see own-calls). */
  loopToken: string;
  /** Reports a bug in the server itself (never bad input, which is answered). */
  onInternalError: (error: unknown) => void;
  /** Hears of each call whose answer is being chosen, and tells of one a forward keeps waiting (see WaitingCalls). */
  waiting: Pick<WaitingCalls, 'started' | 'ended'>;
}

interface Interpretation {
  answer: Answer | null;
  action: string | null;
  /** The body's `action_name` as written, when the call is not listed under it (not a valid name, or not the URL's). */
  sentAction?: string | null;
  test: boolean;
  problem: string | null;
  problemMessage: string | null;
  signature: SignatureReport;
  answeredBy: AnsweredBy;
  mockChoice?: MockChoice | null;
  checks?: CallChecks;
  durationMs?: number;
  delayMs?: number;
  drop?: boolean;
  /**
   * When a handler answered: the report the call is stored with and what it taught, recorded with
   * the call (see settleForwardedCall), and the key the call was checked with
   * (KeyedHandlerMemory.keyId), stored with the call and its lesson filed under it.
   */
  handler?: { settle: () => Promise<ForwardedCall>; keyFingerprint: string };
  /** Stored in place of the request's body: a request off Flowent's routes, its secrets taken out (see offRouteBodyToStore). */
  storedBody?: Buffer;
}

/** What the server does once the call is stored. */
export type Delivery = (
  | { kind: 'answer'; answer: Answer; delayMs: number }
  /** The drop fault: destroy the socket without answering. */
  | { kind: 'drop' }
  /** The client is gone: nobody to answer. */
  | { kind: 'none' }
) & {
  /** The call as committed, for `announceStored` once the answer is on its way; null when it could not be stored, or its sender stores it. */
  stored: StoredCall | null;
};

/** A committed call and its id. */
export interface StoredCall {
  call: NewCall;
  id: number;
}

/**
 * Tells of a stored call (the inspector's event, `serve`'s line). The server calls it after the
 * answer is handed to the socket, in the same turn: the summary, the event and the line are
 * not work the caller waits for, and whoever listens in this process still hears of the call
 * before its answer can have been read.
 */
export function announceStored(deps: Pick<CallHandlerDeps, 'onStored'>, delivery: Delivery): void {
  if (delivery.stored) deps.onStored(summaryOf(delivery.stored.call, delivery.stored.id));
}

/** Parses, shape-checks and verifies a body, on this thread or another (see CallChecker). */
export type CheckCall = (input: CallCheckInput) => Promise<CheckedCall>;

/**
 * Stores one call, and `alongside` in the same transaction; the promise settles once its row is
 * committed, or with why it could not be. Null: the call is one of a burst of refusals, told of
 * and counted on the burst's record (see RefusalBursts), which is not this call's to tell of.
 */
export type StoreCall = (call: NewCall, alongside?: AlongsideWrite) => Promise<StoreOutcome | null>;

/** Stores each call in its own transaction, synchronously (the server batches instead). */
export function storeOneByOne(calls: Pick<CallsRepository, 'insert'>): StoreCall {
  return (call, alongside) => {
    try {
      return Promise.resolve({ ok: true, id: calls.insert([call], alongside)[0]! });
    } catch (error) {
      return Promise.resolve({ ok: false, fault: storeFault(error), error });
    }
  };
}

/** What the caller is told when its call could not be stored (the same words are logged). */
export function storeFailureMessage(fault: StoreFault): string {
  return `Flowent Companion could not store this call: ${fault.reason}. Free space or fix the data folder, then send it again.`;
}

/**
 * Interprets one request, answers it (from the mock or the developer's handler), stores it
 * with that answer, and returns what to send. The row is committed before the answer
 * leaves (and before a delayed answer starts waiting), so an answered call is never lost;
 * a call that cannot be stored is answered 503 instead of its planned answer. The caller
 * tells of the stored call with `announceStored`.
 */
export async function handleCall(
  request: CapturedRequest,
  deps: CallHandlerDeps,
  store: StoreCall = storeOneByOne(deps.calls),
  checkCall: CheckCall = async (input) => checkHere(input),
): Promise<Delivery> {
  const outcome = await interpret(request, deps, checkCall);
  const mark = callMark(request.rawHeaders, deps.loopToken);
  const source = mark?.source ?? 'flowent';
  const durationMs = outcome.durationMs ?? Number(process.hrtime.bigint() - request.startedAt) / 1e6;
  const answer = outcome.answer;
  // Recorded in the call's own transaction: what the call's details show as soon as it is
  // answered, for no commit of its own.
  const forwarded = outcome.handler
    ? await outcome.handler.settle().catch((error: unknown) => {
        deps.onInternalError(error);
        return null;
      })
    : null;
  const lesson = forwarded?.lesson ?? null;
  const call: NewCall = {
    receivedAt: request.receivedAt,
    method: request.method,
    path: request.url,
    remoteAddress: request.remoteAddress,
    viaTunnel: request.viaTunnel,
    action: outcome.action,
    sentAction: outcome.sentAction ?? null,
    test: outcome.test,
    requestHeaders: request.rawHeaders,
    requestBody: outcome.storedBody ?? request.body.body,
    bodySize: request.body.size,
    problem: outcome.problem,
    problemMessage: outcome.problemMessage,
    signature: forwarded?.signature ?? outcome.signature,
    answeredBy: outcome.answeredBy,
    mockChoice: outcome.mockChoice ?? null,
    response: answer
      ? { status: answer.status, headers: answer.headers, body: answer.body }
      : { status: 0, headers: [], body: Buffer.alloc(0) },
    durationMs,
    source,
    originalCallId: null,
    checks: outcome.checks,
    keyFingerprint: outcome.handler?.keyFingerprint ?? null,
  };
  if (mark?.own) {
    // A replay or simulated call this companion sent itself: the sender stores it, with what it
    // was replayed from; stored here too, it was in the history twice. What only this server
    // knows of how it answered goes back with the answer, for the sender's record.
    if (lesson) recordLesson(deps.handlers, lesson, deps.onInternalError)();
    return planned(withLoopAnswer(outcome, call), null);
  }
  const stored = await store(call, lesson ? recordLesson(deps.handlers, lesson, deps.onInternalError) : undefined);
  if (stored === null) return planned(outcome, null);
  if (!stored.ok) {
    // The client is gone (aborted upload): nobody to tell. Otherwise, even a planned drop
    // or delay gives way to the 503: the caller must see that the call was not stored.
    if (!answer && !outcome.drop) return { kind: 'none', stored: null };
    // Keep closing the connection when the planned answer did (an unread oversized body).
    const refusal = { ...errorAnswer(503, storeFailureMessage(stored.fault)), closeConnection: answer?.closeConnection ?? false };
    return { kind: 'answer', answer: refusal, delayMs: 0, stored: null };
  }
  return planned(outcome, { call, id: stored.id });
}

/** The interpretation with its answer telling the sender of a marked call how it was answered (see loop-answer). */
function withLoopAnswer(outcome: Interpretation, call: NewCall): Interpretation {
  if (!outcome.answer) return outcome;
  const header = loopAnswerHeader({
    signature: call.signature,
    answeredBy: call.answeredBy,
    mockChoice: call.mockChoice ?? null,
    problem: call.problem,
    problemMessage: call.problemMessage,
    forwardError: call.checks?.forwardError ?? null,
    forwardTarget: call.checks?.forwardTarget ?? null,
    handlerSignature: call.checks?.handlerSignature ?? null,
    handlerTarget: call.checks?.handlerTarget ?? null,
    keyFingerprint: call.keyFingerprint ?? null,
    violations: call.checks?.violations ?? null,
  });
  return { ...outcome, answer: { ...outcome.answer, headers: [...outcome.answer.headers, header] } };
}

/** The delivery the interpretation planned. */
function planned(outcome: Interpretation, stored: StoredCall | null): Delivery {
  if (outcome.drop) return { kind: 'drop', stored };
  const { answer } = outcome;
  return answer ? { kind: 'answer', answer, delayMs: outcome.delayMs ?? 0, stored } : { kind: 'none', stored };
}

async function interpret(request: CapturedRequest, deps: CallHandlerDeps, checkCall: CheckCall): Promise<Interpretation> {
  const body = request.body;
  if (body.kind === 'aborted') {
    return refused(null, 'aborted', `The client closed the connection after ${body.size} bytes of the body; no answer was sent.`);
  }
  if (body.kind === 'timeout') {
    const message =
      body.limit === 'idle'
        ? `The body stopped arriving after ${body.size} bytes. Send the whole body without pauses.`
        : `The request did not arrive whole within ${seconds(body.limitMs)} (${body.size} bytes of its body came). Send the whole body without pauses.`;
    return refused(withClose(errorAnswer(408, message)), 'body-timeout', message);
  }
  if (body.kind === 'unreadable') {
    const message = `The body could not be read as HTTP after ${body.size} bytes: ${body.reason}. Send it whole, with a correct Content-Length or well-formed chunks.`;
    return refused(withClose(errorAnswer(400, message)), 'malformed-body', message);
  }
  if (body.kind === 'too-large') {
    // Without a Content-Length, reading stops at the limit: the body's whole size is not known.
    const size =
      headerValue(request.rawHeaders, 'content-length') === null
        ? `over the ${deps.bodyLimitBytes}-byte limit (${body.size} bytes had arrived when reading stopped)`
        : `${body.size} bytes, over the ${deps.bodyLimitBytes}-byte limit`;
    const message = `The body is ${size} (Flowent's own limit is 1 MB). Send a smaller body, or raise the limit with --body-limit.`;
    return refused(withClose(errorAnswer(413, message)), 'too-large', message);
  }

  if (request.httpVersion === '1.1' && headerValue(request.rawHeaders, 'host') === null) {
    const message = 'The request has no Host header, which HTTP/1.1 requires. Send Host: <host>:<port>, as every HTTP client does.';
    return refused(withClose(errorAnswer(400, message)), 'missing-host', message);
  }

  const route = routeOf(request.method, request.url);
  switch (route.kind) {
    case 'not-found': {
      const message = nothingServedMessage(request.method, request.url);
      return withoutSecrets(refused(errorAnswer(404, message), 'not-found', message), body.body);
    }
    case 'method-not-allowed': {
      const message = `${clip(route.method, 20)} is not allowed here: Flowent calls are POST requests.`;
      return withoutSecrets(refused(errorAnswer(405, message, [['Allow', 'POST']]), 'method-not-allowed', message), body.body);
    }
    case 'bad-path-action': {
      const message = `"${clip(route.segment, 120)}" in the URL is not a valid action name: use ${ACTION_NAME_RULE}.`;
      return refused(errorAnswer(400, message), 'invalid-path-action', message);
    }
    case 'flowent':
      break;
    default: {
      const unhandled: never = route;
      throw new Error(`unhandled route ${JSON.stringify(unhandled)}`);
    }
  }

  const contentType = headerValue(request.rawHeaders, 'content-type');
  if (contentType !== null && !isJsonContentType(contentType)) {
    const message = `Content-Type "${clip(contentType, 120)}" is not JSON. Send the body as JSON with Content-Type: application/json.`;
    return refused(errorAnswer(415, message), 'unsupported-content-type', message);
  }
  // A compressed body would otherwise be refused as invalid UTF-8 or JSON, which says nothing of why.
  const contentEncoding = headerValue(request.rawHeaders, 'content-encoding');
  if (contentEncoding !== null && !/^\s*identity\s*$/i.test(contentEncoding)) {
    const message = `Content-Encoding "${clip(contentEncoding, 120)}" is not supported: Flowent sends the body uncompressed. Send it as plain JSON, without Content-Encoding.`;
    return refused(errorAnswer(415, message), 'unsupported-content-encoding', message);
  }

  const input: CallCheckInput = { body: body.body, pathAction: route.pathAction, hmacKey: deps.hmacKey(), receivedAt: request.receivedAt };
  // Read with the key the call is checked with, in the same turn: a key changed meanwhile is not this call's.
  const keyFingerprint = deps.handlers.keyId();
  const checkedCall = await checkCall(input);
  const { check } = checkedCall;
  if (check.kind === 'not-json') {
    // An empty body, a byte order mark and bad UTF-8 are said in the body's own words ("The body
    // is not valid UTF-8: byte 49..."); only what the JSON grammar refuses is prefixed as such.
    const message =
      check.code === 'invalid-json' || check.code === 'too-deep' ? `The body is not valid JSON: ${check.message}` : check.message;
    return refused(errorAnswer(400, message), check.code, message);
  }
  if (check.kind === 'duplicate-key') {
    const message = BODY_WORDS.duplicateKey(check.key, check.path, check.offset);
    return refused(errorAnswer(400, message), 'duplicate-key', message);
  }
  const { body: checked, signature } = check;
  if (!checked.ok) {
    return {
      answer: errorAnswer(400, checked.message),
      action: checked.action,
      sentAction: checked.sentAction,
      test: checked.test,
      problem: checked.problem,
      problemMessage: checked.message,
      signature,
      answeredBy: 'error',
    };
  }
  const refusal = refuseBySignature(checked.call, signature, deps.enforceSignatures);
  const { action, test } = checked.call;
  if (refusal) return { action, test, signature, answer: refusal, problem: null, problemMessage: null, answeredBy: 'signature-check' };
  // Objects on the answer's path are written out whole, without spreads: a spread followed by
  // more properties cost about a microsecond a property here, some fifteen a call.
  const toAnswer: CallToAnswer = {
    action,
    test,
    body: body.body,
    // From the tree the check parsed, when a mock needs it: parsing the body again cost more.
    parsed: checkedCall,
    rawHeaders: request.rawHeaders,
    remoteAddress: request.remoteAddress,
    elapsedMs: () => Number(process.hrtime.bigint() - request.startedAt) / 1e6,
    forwardingTo: null,
  };
  deps.waiting.started(request, toAnswer);
  let chosen: ChosenAnswer;
  try {
    chosen = await deps.answerer.answer(toAnswer);
  } finally {
    deps.waiting.ended(request);
  }
  return {
    action,
    test,
    signature,
    answer: chosen.answer,
    problem: chosen.problem?.code ?? null,
    problemMessage: chosen.problem?.message ?? null,
    answeredBy: chosen.answeredBy,
    mockChoice: chosen.mockChoice,
    checks: chosen.checks,
    durationMs: chosen.durationMs,
    delayMs: chosen.delayMs,
    drop: chosen.answer === null,
    // Only a handler's answer teaches anything (a mock's call waits for no lesson).
    handler:
      chosen.checks.handlerTarget === null
        ? undefined
        : {
            keyFingerprint,
            settle: () =>
              settleForwardedCall({
                checks: chosen.checks,
                action,
                quick: signature,
                keyFingerprint,
                handlers: deps.handlers,
                checkedCall,
                input,
                checkCall,
              }),
          },
  };
}

/** A request refused before it was read as a Flowent call. */
function refused(answer: Answer | null, problem: RequestProblem, message: string): Interpretation {
  return { answer, action: null, test: false, problem, problemMessage: message, signature: notFlowent(message), answeredBy: 'error' };
}

/** A request off Flowent's routes, stored without the secrets its body carries (see off-route). */
function withoutSecrets(refusal: Interpretation, body: Buffer): Interpretation {
  const storedBody = offRouteBodyToStore(body);
  return storedBody === null ? refusal : { ...refusal, storedBody, problemMessage: `${refusal.problemMessage} ${SECRETS_LEFT_OUT}` };
}

function withClose(answer: Answer): Answer {
  return { ...answer, closeConnection: true };
}

function headerValue(headers: HeaderPair[], name: string): string | null {
  const pair = headers.find(([key]) => key.toLowerCase() === name);
  return pair ? pair[1] : null;
}

function isJsonContentType(value: string): boolean {
  const mediaType = value.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(mediaType);
}
