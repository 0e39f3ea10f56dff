import type { IncomingMessage } from 'node:http';
import type { HeaderPair } from '../../contract/api';
import type { RequestProblem } from '../../contract/words/call-problem-words';
import { HEAD_REFUSAL_WORDS } from '../../contract/words/request-refusal-words';
import { errorAnswer, type Answer } from '../protocol/answers';
import type { NewCall } from '../store/calls-insert';
import { notFlowent } from '../signature';

/** What is known of a request before its body is read. */
export interface CapturedHead {
  receivedAt: number;
  method: string;
  url: string;
  rawHeaders: HeaderPair[];
  remoteAddress: string | null;
  viaTunnel: boolean;
}

/** What the request's head says, before its body is read. */
export function capturedHead(request: IncomingMessage, viaTunnel: boolean, receivedAt: number): CapturedHead {
  return {
    receivedAt,
    method: request.method ?? 'GET',
    url: request.url ?? '/',
    rawHeaders: pairs(request.rawHeaders),
    remoteAddress: request.socket.remoteAddress ?? null,
    viaTunnel,
  };
}

/** Node's flat list of raw header names and values, as pairs. */
export function pairs(rawHeaders: string[]): HeaderPair[] {
  const result: HeaderPair[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) result.push([rawHeaders[i] ?? '', rawHeaders[i + 1] ?? '']);
  return result;
}

/**
 * The answer to an `Expect:` other than 100-continue (Node's own is a bare 417). The body is
 * not read: the client may be waiting for a go-ahead before sending it, so the connection closes.
 */
export function unmetExpectationAnswer(expect: string): Answer {
  return { ...errorAnswer(417, HEAD_REFUSAL_WORDS.unsupportedExpect(expect)), closeConnection: true };
}

/** The answer to CONNECT, which Node would otherwise meet by closing the connection without a word. */
export function connectAnswer(): Answer {
  return { ...errorAnswer(405, HEAD_REFUSAL_WORDS.connect, [['Allow', 'POST']]), closeConnection: true };
}

/** The record of a request refused on its head alone: its request line and headers (its body was never read) and the answer. */
export function headRefusalCall(request: CapturedHead, answer: Answer, problem: RequestProblem): NewCall {
  const message = JSON.parse(answer.body.toString('utf8')) as { error: string };
  // What the record says of the refusal, and why it has no signature verdict, in one sentence:
  // as every refusal's (an import of this record's HAR rebuilds the verdict from it).
  const problemMessage = HEAD_REFUSAL_WORDS.bodyNotRead(message.error);
  const length = Number(request.rawHeaders.find(([name]) => name.toLowerCase() === 'content-length')?.[1] ?? 0);
  return {
    receivedAt: request.receivedAt,
    method: request.method,
    path: request.url,
    remoteAddress: request.remoteAddress,
    viaTunnel: request.viaTunnel,
    action: null,
    test: false,
    requestHeaders: request.rawHeaders,
    requestBody: Buffer.alloc(0),
    bodySize: Number.isSafeInteger(length) && length > 0 ? length : 0,
    problem,
    problemMessage,
    signature: notFlowent(problemMessage),
    answeredBy: 'error',
    response: { status: answer.status, headers: answer.headers, body: answer.body },
    durationMs: 0,
    source: 'flowent',
    originalCallId: null,
  };
}
