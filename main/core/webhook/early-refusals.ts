import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { RequestProblem } from '../../contract/words/call-problem-words';
import { callNotStoredWords } from '../../contract/words/storage-fault-words';
import { errorAnswer, type Answer } from '../protocol/answers';
import type { StoreOutcome } from '../store/batched-writer';
import type { Connections } from './connections';
import { capturedHead, connectAnswer, headRefusalCall } from './head-refusal';
import {
  headersTimeoutRefusal,
  parserRefusal,
  rawResponse,
  refusalAnswer,
  refusedCall,
  type ParserError,
  type Refusal,
  type RefusedArrival,
} from './parser-refusal';
import { CLIENT_GONE } from './read-body';
import type { RefusalBursts } from './refusal-bursts';

/**
 * The requests the webhook server refuses before a call is read from them: what Node's HTTP
 * parser refuses or times out, a head refused (over the rate limit, an Expect this server cannot
 * meet) and CONNECT. Node would answer these itself, or not at all, and record nothing: here each
 * gets Flowent's JSON shape and a record, or the 503 saying it could not be stored.
 */

export interface EarlyRefusalsDeps {
  /** Where each refusal is recorded: a burst of one kind is one record with a count. */
  bursts: RefusalBursts;
  connections: Connections;
  /** Whether a connection came in through the tunnel's entry. */
  viaTunnel: (socket: Socket) => boolean;
  headersTimeoutMs: number;
}

/** Answers and records the early refusals of one WebhookServer's connections. */
export class EarlyRefusals {
  constructor(private readonly deps: EarlyRefusalsDeps) {}

  /**
   * Node's parser refused bytes on this connection, or a request took too long. Mid-body, the
   * request being read answers for it (what it got is recorded with that answer). Otherwise
   * the bytes are a request of their own: refused after the answers the connection still owes,
   * in order, and recorded.
   */
  clientError(error: ParserError, socket: Socket): void {
    const { connections, headersTimeoutMs } = this.deps;
    if (connections.reading(socket)?.interrupt(error)) return;
    if (CLIENT_GONE.has(error.code ?? '') || !socket.writable) {
      socket.destroy();
      return;
    }
    const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    const refusal = timedOut ? headersTimeoutRefusal(headersTimeoutMs, connections.unfinishedHeadBytes(socket)) : parserRefusal(error);
    // A connection that never sent a byte made no request: it is told, not recorded.
    const record = !(timedOut && socket.bytesRead === 0);
    const waitedMs = timedOut ? connections.unfinishedHeadWait(socket, headersTimeoutMs) : 0;
    const arrived = { receivedAt: Date.now() - Math.round(waitedMs), waitedMs };
    connections.afterAnswers(socket, () => void this.refuse(socket, refusal, record ? error.rawPacket : null, arrived));
  }

  /**
   * A request refused on its head, its body not read: recorded, and the answer to send it (the
   * refusal, or the 503 when it could not be stored). A burst of such requests is one record
   * with a count, as refused requests are, so a flood cannot fill the history either.
   */
  async onHead(request: IncomingMessage, kind: string, refusal: Answer, problem: RequestProblem, receivedAt: number): Promise<Answer> {
    const head = capturedHead(request, this.deps.viaTunnel(request.socket), receivedAt);
    return unlessUnstored(await this.deps.bursts.record(kind, headRefusalCall(head, refusal, problem)), refusal);
  }

  /** CONNECT: Node hands over the socket, no response object; answered 405 on it and recorded. */
  async connect(request: IncomingMessage, socket: Socket): Promise<void> {
    // Node took its own error listener off the socket with the request.
    socket.on('error', () => socket.destroy());
    const refusal = connectAnswer();
    const stored = await this.deps.bursts.record(
      'connect',
      headRefusalCall(capturedHead(request, this.deps.viaTunnel(socket), Date.now()), refusal, 'method-not-allowed'),
    );
    const answer = unlessUnstored(stored, refusal);
    if (socket.writable) socket.end(rawResponse(answer, STATUS_CODES[answer.status] ?? 'Error'));
    else socket.destroy();
  }

  private async refuse(socket: Socket, refusal: Refusal, received: Buffer | null | undefined, arrived: RefusedArrival): Promise<void> {
    let answer = refusalAnswer(refusal);
    if (received !== null) {
      const call = refusedCall(
        refusal,
        socket.writable ? answer : noAnswer(),
        received,
        socket.remoteAddress ?? null,
        this.deps.viaTunnel(socket),
        arrived,
      );
      answer = unlessUnstored(await this.deps.bursts.record(refusal.kind, call), answer);
    }
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(rawResponse(answer, STATUS_CODES[answer.status] ?? 'Error'));
  }
}

/** The refusal's answer, or when it could not be stored, the 503 saying so (the caller must see it was not). */
function unlessUnstored(stored: StoreOutcome | null, refusal: Answer): Answer {
  return stored && !stored.ok ? { ...errorAnswer(503, callNotStoredWords(stored.fault)), closeConnection: true } : refusal;
}

/** What a record says was answered when the connection was gone before the answer. */
function noAnswer(): Answer {
  return { status: 0, headers: [], body: Buffer.alloc(0), closeConnection: true };
}
