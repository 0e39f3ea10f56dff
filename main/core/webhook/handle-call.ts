import type { CallSummary } from '../../contract/api';
import { loopAnswerHeader } from '../answers/loop-answer';
import { callMark } from '../answers/own-calls';
import { type CallsRepository } from '../store/calls-repository';
import { summaryOf, type NewCall } from '../store/calls-insert';
import type { AlongsideWrite, StoreOutcome } from '../store/batched-writer';
import { storeFault } from '../store/store-faults';
import { callNotStoredWords } from '../../contract/words/storage-fault-words';
import { errorAnswer, type Answer } from '../protocol/answers';
import { checkHere } from './call-checker';
import { recordLesson } from './forwarded-call';
import { interpretCall, type CapturedRequest, type CheckCall, type InterpretDeps, type Interpretation } from './interpret-call';

/**
 * One call from its request to its delivery: interpreted (see interpret-call), stored with its
 * answer before that answer leaves, then what the server sends, drops or holds back.
 */

export interface CallHandlerDeps extends InterpretDeps {
  calls: CallsRepository;
  onStored: (call: CallSummary) => void;
  /** This running companion's mark on the replays and simulated calls it sends to itself (see own-calls). */
  loopToken: string;
  /** Reports a bug in the server itself (never bad input, which is answered). */
  onInternalError: (error: unknown) => void;
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
  const outcome = await interpretCall(request, deps, checkCall);
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
    const refusal = { ...errorAnswer(503, callNotStoredWords(stored.fault)), closeConnection: answer?.closeConnection ?? false };
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
