import type { AnsweredBy, HeaderPair, MockChoice, SignatureReport } from '../../contract/api';
import type { CallAnswerer, CallToAnswer, ChosenAnswer } from '../answers/call-answerer';
import type { CallChecks } from '../store/calls-insert';
import type { KeyedHandlerMemory } from '../store/handlers-repository';
import { errorAnswer, type Answer } from '../protocol/answers';
import type { BodyOutcome } from './read-body';
import type { CallCheckInput } from './call-check';
import type { CheckedCall } from './call-checker';
import { settleForwardedCall, type ForwardedCall } from './forwarded-call';
import { routeOf } from '../protocol/routes';
import { ACTION_NAME_RULE } from '../../contract/action-name';
import type { RequestProblem } from '../../contract/words/call-problem-words';
import { BODY_REFUSAL_WORDS, ROUTE_REFUSAL_WORDS } from '../../contract/words/request-refusal-words';
import { refuseBySignature } from './signature-refusal';
import { notFlowent } from '../signature';
import { nothingServedMessage, offRouteBodyToStore } from './off-route';
import { BODY_WORDS } from '../json/json-words';
import type { WaitingCalls } from './waiting-calls';

/**
 * What a request is and what answers it, before anything is stored: the HTTP it came as, the
 * Flowent call it carries, and the answer a mock or the developer's handler gives (handle-call
 * stores the call with that answer and plans its delivery).
 */

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

/** What a request is interpreted with: the key, the limit, what answers it and what the handlers taught. */
export interface InterpretDeps {
  hmacKey: () => string | null;
  enforceSignatures: boolean;
  bodyLimitBytes: number;
  /** Answers well-formed calls: mocks, forwarding, the contract check. */
  answerer: CallAnswerer;
  /** What each developer's handler accepted and refused so far, per key. */
  handlers: KeyedHandlerMemory;
  /** Hears of each call whose answer is being chosen, and tells of one a forward keeps waiting (see WaitingCalls). */
  waiting: Pick<WaitingCalls, 'started' | 'ended'>;
}

/** Parses, shape-checks and verifies a body, on this thread or another (see CallChecker). */
export type CheckCall = (input: CallCheckInput) => Promise<CheckedCall>;

/** What a request is, what answers it, and what its record says of it (see handleCall, which stores it). */
export interface Interpretation {
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

/**
 * Reads one request as a Flowent call and chooses its answer: refused as HTTP (a body that did
 * not arrive whole, no Host, off Flowent's routes, not JSON), refused as a call (its JSON, its
 * shape, its signature), or answered by a mock or the developer's handler.
 */
export async function interpretCall(request: CapturedRequest, deps: InterpretDeps, checkCall: CheckCall): Promise<Interpretation> {
  const body = request.body;
  if (body.kind === 'aborted') {
    return refused(null, 'aborted', BODY_REFUSAL_WORDS.aborted(body.size));
  }
  if (body.kind === 'timeout') {
    const message = body.limit === 'idle' ? BODY_REFUSAL_WORDS.idle(body.size) : BODY_REFUSAL_WORDS.slowRequest(body.size, body.limitMs);
    return refused(withClose(errorAnswer(408, message)), 'body-timeout', message);
  }
  if (body.kind === 'unreadable') {
    const message = BODY_REFUSAL_WORDS.unreadable(body.size, body.reason);
    return refused(withClose(errorAnswer(400, message)), 'malformed-body', message);
  }
  if (body.kind === 'too-large') {
    const announced = headerValue(request.rawHeaders, 'content-length') !== null;
    const message = BODY_REFUSAL_WORDS.tooLarge(body.size, deps.bodyLimitBytes, announced);
    return refused(withClose(errorAnswer(413, message)), 'too-large', message);
  }

  if (request.httpVersion === '1.1' && headerValue(request.rawHeaders, 'host') === null) {
    const message = ROUTE_REFUSAL_WORDS.missingHost;
    return refused(withClose(errorAnswer(400, message)), 'missing-host', message);
  }

  const route = routeOf(request.method, request.url);
  switch (route.kind) {
    case 'not-found': {
      const message = nothingServedMessage(request.method, request.url);
      return refusedOffRoute(errorAnswer(404, message), 'not-found', message, body.body);
    }
    case 'method-not-allowed': {
      const message = ROUTE_REFUSAL_WORDS.methodNotAllowed(route.method);
      return refusedOffRoute(errorAnswer(405, message, [['Allow', 'POST']]), 'method-not-allowed', message, body.body);
    }
    case 'bad-path-action': {
      const message = ROUTE_REFUSAL_WORDS.invalidPathAction(route.segment, ACTION_NAME_RULE);
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
    const message = ROUTE_REFUSAL_WORDS.unsupportedContentType(contentType);
    return refused(errorAnswer(415, message), 'unsupported-content-type', message);
  }
  // A compressed body would otherwise be refused as invalid UTF-8 or JSON, which says nothing of why.
  const contentEncoding = headerValue(request.rawHeaders, 'content-encoding');
  if (contentEncoding !== null && !/^\s*identity\s*$/i.test(contentEncoding)) {
    const message = ROUTE_REFUSAL_WORDS.unsupportedContentEncoding(contentEncoding);
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
      check.code === 'invalid-json' || check.code === 'too-deep' ? ROUTE_REFUSAL_WORDS.invalidJson(check.message) : check.message;
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

/** A request off Flowent's routes refused, stored without the secrets its body carries (see off-route). */
function refusedOffRoute(answer: Answer, problem: RequestProblem, message: string, body: Buffer): Interpretation {
  const refusal = refused(answer, problem, message);
  const storedBody = offRouteBodyToStore(body);
  return storedBody === null ? refusal : { ...refusal, storedBody, problemMessage: ROUTE_REFUSAL_WORDS.secretsLeftOut(message) };
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
