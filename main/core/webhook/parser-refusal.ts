import type { HeaderPair } from '../../contract/api';
import { notFlowent } from '../signature';
import { errorAnswer, type Answer } from '../protocol/answers';
import type { NewCall } from '../store/calls-insert';
import type { RequestProblem } from '../../contract/words/call-problem-words';
import { HEAD_REFUSAL_WORDS } from '../../contract/words/request-refusal-words';

/** What Node's HTTP parser says when it refuses a request (the `clientError` event's error). */
export interface ParserError {
  code?: string;
  /** llhttp's words, e.g. "Invalid header value char". */
  reason?: string;
  message?: string;
  /** The bytes being parsed when it failed. */
  rawPacket?: Buffer;
}

/** A request refused before any handler saw it: the answer, and what to record. */
export interface Refusal {
  status: number;
  problem: RequestProblem;
  message: string;
  /** Refusals of one kind arriving in a burst are recorded once, with a count. */
  kind: string;
}

/** Bytes of a refused request kept for the record. */
const KEPT_BYTES = 4096;
/** The longest path kept for the record. */
const KEPT_PATH = 2048;

const AMBIGUOUS_LENGTH = new Set(['HPE_INVALID_TRANSFER_ENCODING', 'HPE_UNEXPECTED_CONTENT_LENGTH', 'HPE_INVALID_CONTENT_LENGTH']);

/** Says why the parser refused a request, and what to do about it, in Flowent's words. */
export function parserRefusal(error: ParserError): Refusal {
  const code = error.code ?? 'unknown';
  const reason = error.reason ?? error.message ?? 'parse error';
  const kind = `${code}:${reason}`;
  if (code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      problem: 'head-too-large',
      message: HEAD_REFUSAL_WORDS.headTooLarge,
      kind,
    };
  }
  if (AMBIGUOUS_LENGTH.has(code)) {
    return {
      status: 400,
      problem: 'ambiguous-length',
      message: HEAD_REFUSAL_WORDS.ambiguousLength(reason, code),
      kind,
    };
  }
  return {
    status: 400,
    problem: 'malformed-http',
    message: HEAD_REFUSAL_WORDS.malformedHttp(reason, code),
    kind,
  };
}

/**
 * The refusal of a request whose head did not arrive in time. Node parses a head out of sight
 * and its timeout carries nothing of it, so its request line is not known; `arrivedBytes` is
 * how many bytes of it came, when that is known (null when not).
 */
export function headersTimeoutRefusal(headersTimeoutMs: number, arrivedBytes: number | null): Refusal {
  return {
    status: 408,
    problem: 'headers-timeout',
    message: HEAD_REFUSAL_WORDS.headersTimeout(headersTimeoutMs, arrivedBytes),
    kind: 'headers-timeout',
  };
}

/** The answer to a refused request: Flowent's error shape, and the connection closes after it. */
export function refusalAnswer(refusal: Refusal): Answer {
  return { ...errorAnswer(refusal.status, refusal.message), closeConnection: true };
}

/** The bytes of a whole HTTP response carrying `answer`, for a socket no response object owns. */
export function rawResponse(answer: Answer, reasonPhrase: string): Buffer {
  const headers: HeaderPair[] = [...answer.headers, ['Content-Length', String(answer.body.length)], ['Connection', 'close']];
  const head = `HTTP/1.1 ${answer.status} ${reasonPhrase}\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), answer.body]);
}

/** When a refused request began to arrive (epoch ms), and how long it was waited for. */
export interface RefusedArrival {
  receivedAt: number;
  waitedMs: number;
}

/**
 * The record of a refused request: what could be read of its request line, the first bytes
 * received as its body (nothing else of it could be parsed), and the answer sent. `arrived`: when
 * it began to arrive, and how long it was waited for before the refusal (a head that stopped
 * arriving; the parser refuses the others as their bytes come), both taken as the parser gave
 * up, not when the refusal is written: that waits for the answers before it on its connection.
 */
export function refusedCall(
  refusal: Refusal,
  answer: Answer,
  received: Buffer | undefined,
  remoteAddress: string | null,
  viaTunnel: boolean,
  arrived: RefusedArrival,
): NewCall {
  const bytes = received ?? Buffer.alloc(0);
  const line = /^([^\s]{1,16}) ([^\s]+)/.exec(bytes.subarray(0, KEPT_PATH + 32).toString('latin1'));
  const path = line?.[2] ?? '';
  return {
    receivedAt: arrived.receivedAt,
    method: line?.[1] ?? '',
    path: path.length > KEPT_PATH ? `${path.slice(0, KEPT_PATH)}…` : path,
    remoteAddress,
    viaTunnel,
    action: null,
    test: false,
    requestHeaders: [],
    requestBody: bytes.subarray(0, KEPT_BYTES),
    bodySize: bytes.length,
    problem: refusal.problem,
    problemMessage: refusal.message,
    signature: notFlowent(refusal.message),
    answeredBy: 'error',
    response: { status: answer.status, headers: answer.headers, body: answer.body },
    durationMs: arrived.waitedMs,
    source: 'flowent',
    originalCallId: null,
  };
}
