import { maxHeaderSize } from 'node:http';
import type { NoAnswerCause, Violation } from '../../contract/api';
import { networkInWords } from '../../contract/words/network-words';
import { FLOWENT_BODY_LIMIT_BYTES } from '../../contract/names-and-limits';
import { FLOWENT_LIMIT_WORDS } from '../../contract/words/flowent-limit-words';
import { networkProblemOf } from '../network-problem';
import { describeTarget, type Receiver } from './forward-target';

/**
 * Why forwarding gave no answer to pass on: `too-large` is the handler's own answer, refused
 * for its size; `stopped` is the companion stopping; the others mean the handler never
 * answered (in time, or in HTTP).
 */
export type ForwardFailure = 'timeout' | 'unreachable' | 'failed' | 'too-large' | 'stopped';

/** A forward that gave no answer to pass on, with what to tell the developer. */
export interface FailedForward {
  ok: false;
  kind: ForwardFailure;
  /** How no answer came; absent for `too-large`, an answer that came and was refused. */
  cause?: NoAnswerCause;
  message: string;
  durationMs: number;
  fullSize?: number;
}

/** The contract violation a failed forward stands for. */
export function failureViolation(failure: { kind: ForwardFailure; cause?: NoAnswerCause; message: string }): Violation {
  // Each failure's message already says what happened, with the limit that applied: a prefix
  // would repeat it, or say "could not be reached" of a handler that answered something else.
  switch (failure.kind) {
    case 'timeout':
      return { code: 'too-slow', message: failure.message, cause: 'timeout' };
    case 'too-large':
      return { code: 'too-large', message: failure.message };
    case 'unreachable':
    case 'failed':
    case 'stopped':
      return { code: 'no-answer', message: failure.message, ...(failure.cause && { cause: failure.cause }) };
    default: {
      const unknownKind: never = failure.kind;
      throw new Error(`unhandled forward failure ${String(unknownKind)}`);
    }
  }
}

/**
 * The handler's answer, refused for its size before Flowent would refuse it. `announced`: the
 * size its Content-Length gave; null for an answer without one, cut off once past the limit,
 * whose size is only known to be over it ("answered more than Flowent's 1 MB limit", not the
 * limit's bytes twice).
 */
export function tooLarge(target: URL, to: Receiver, announced: number | null, fullSize: number, durationMs: number): FailedForward {
  const limit = `Flowent's ${FLOWENT_LIMIT_WORDS} limit (${FLOWENT_BODY_LIMIT_BYTES} bytes)`;
  const answered = announced === null ? `more than ${limit}` : `${announced} bytes, over ${limit}`;
  return {
    ok: false,
    kind: 'too-large',
    message: `${describeTarget(target, to)} answered ${answered}: Flowent would refuse the answer, so it is not passed on. Return less.`,
    fullSize,
    durationMs,
  };
}

/** The handler did not answer within the call's time. */
export function tooSlow(target: URL, to: Receiver, timeoutMs: number, durationMs: number): FailedForward {
  return {
    ok: false,
    kind: 'timeout',
    cause: 'timeout',
    // What to do, as for a refused connection: the usual cause is work done before answering.
    message: `${describeTarget(target, to)} did not answer within ${formatMs(timeoutMs)} (Flowent gives up after 30 s). ${
      to === 'handler'
        ? 'Check its log for where it waits, and answer sooner: do slow work after answering.'
        : 'Check that the handler it forwards to answers sooner.'
    }`,
    durationMs,
  };
}

export function describeFailure(
  error: unknown,
  target: URL,
  to: Receiver,
): { kind: 'unreachable' | 'failed' | 'stopped'; cause: NoAnswerCause; message: string } {
  const where = describeTarget(target, to);
  if (isNotHttp(error)) {
    return {
      kind: 'failed',
      cause: 'not-http',
      message: `${where} answered with bytes that are not HTTP. Check that ${target.host} is ${to === 'handler' ? "your handler's" : "the companion's webhook"} plain HTTP port, not another service.`,
    };
  }
  if (hasCode(error, 'UND_ERR_HEADERS_OVERFLOW')) {
    return {
      kind: 'failed',
      cause: 'failed',
      // Node's own limit, which the forwarding client keeps: most servers and proxies refuse such heads too.
      message: `${where} answered with headers over ${Math.round(maxHeaderSize / 1024)} KB, more than the companion reads. Flowent uses only the answer's body: send fewer or shorter headers (a cookie or debug header grown large?).`,
    };
  }
  if (isAborted(error)) {
    return {
      kind: 'stopped',
      cause: 'stopped',
      message: `Forwarding to ${target.origin}${target.pathname} was stopped because Flowent Companion is stopping.`,
    };
  }
  const problem = networkProblemOf(error);
  switch (problem.kind) {
    case 'refused':
      return {
        kind: 'unreachable',
        cause: 'refused',
        message: `${where} refused the connection: nothing is listening on ${target.host}. ${to === 'handler' ? 'Start your handler' : 'Start the companion there again'}, or check the port.`,
      };
    case 'reset':
      return {
        kind: 'unreachable',
        cause: 'closed',
        message: `${where} closed the connection before finishing its answer (connection reset). Check its log for a crash.`,
      };
    case 'other':
      return {
        kind: 'failed',
        cause: 'failed',
        message: `Forwarding to ${target.origin}${target.pathname} failed: ${networkInWords(problem, target.origin)}.`,
      };
    default:
      return {
        kind: 'unreachable',
        cause: 'unreachable',
        message: `${where} cannot be reached: ${networkInWords(problem, target.origin)}.`,
      };
  }
}

function isAborted(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const { code, name } = current as { code?: unknown; name?: unknown };
    if (code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR' || name === 'AbortError') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The answer could not be parsed as HTTP (the client's parser error, possibly wrapped). */
function isNotHttp(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const { name, code } = current as { name?: unknown; code?: unknown };
    if (name === 'HTTPParserError' || (typeof code === 'string' && code.startsWith('HPE_'))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Whether `code` is the error's or one of its causes'. */
function hasCode(error: unknown, code: string): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    if ((current as { code?: unknown }).code === code) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
