import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { BodyRead } from './read-body';

/** What the server knows of one client connection: the body it is reading, the answers it owes. */
interface Connection {
  /** The body being read now, if any: a parser error or timeout mid-body belongs to it. */
  reading: BodyRead | null;
  /** Requests read on this connection whose answer has not been written yet (pipelining). */
  unanswered: number;
  /** Run once every owed answer has been written. */
  whenAnswered: (() => void)[];
  /** No request's head is being parsed: the next bytes start one (see headArrived). */
  awaitingHead: boolean;
  /** The first bytes of the head arriving now, and when its first byte came. */
  head: Buffer[];
  headBytes: number;
  headStartedAt: bigint;
}

/** Bytes of an arriving head kept, for the record of one that stops arriving (a refusal keeps as many). */
const KEPT_HEAD_BYTES = 4096;

/** One request on a connection, until its answer is written. A class: one is made per call. */
class TrackedRequest {
  private answered = false;

  constructor(
    private readonly connection: Connection,
    private readonly read: BodyRead,
  ) {}

  bodyRead(): void {
    // A pipelined request may already be reading its own body on this connection.
    if (this.connection.reading !== this.read) return;
    this.connection.reading = null;
    this.connection.awaitingHead = true;
  }

  answerWritten(): void {
    if (this.answered) return;
    this.answered = true;
    this.bodyRead();
    this.connection.unanswered -= 1;
    if (this.connection.unanswered === 0) for (const run of this.connection.whenAnswered.splice(0)) run();
  }
}

/**
 * The server's 'timeout' listener: a keep-alive connection was idle for the server's keep-alive
 * time. Node closes it from a timer, and timers run before the loop reads its sockets, so after a
 * busy spell (a big HAR import's parse, a long pause of the collector) a request that arrived in
 * the meantime was closed unread and its caller got no answer. The connection is closed at the
 * end of this turn instead, once the sockets were read, and only if nothing arrived on it.
 */
export function closeIfStillIdle(socket: Socket): void {
  const bytesRead = socket.bytesRead;
  setImmediate(() => {
    if (socket.bytesRead === bytesRead) socket.destroy();
  });
}

/** Keeps the chunk while a head is arriving, up to the bytes kept (a copy: the chunk may be a slice of a larger buffer). */
function headArrived(connection: Connection, chunk: Buffer): void {
  if (!connection.awaitingHead || connection.headBytes >= KEPT_HEAD_BYTES) return;
  if (connection.headBytes === 0) connection.headStartedAt = process.hrtime.bigint();
  const kept = Buffer.from(chunk.subarray(0, KEPT_HEAD_BYTES - connection.headBytes));
  connection.head.push(kept);
  connection.headBytes += kept.length;
}

const trackedByResponse = new WeakMap<ServerResponse, TrackedRequest>();

/** The response's 'close' listener: one function for every response, not one per call. */
function onResponseClose(this: ServerResponse): void {
  trackedByResponse.get(this)?.answerWritten();
}

/**
 * The server's per-connection bookkeeping, so a request the parser refuses on a connection
 * that still owes answers is answered after them, in order, and a refusal mid-body goes to
 * the request being read instead of a second, competing answer.
 */
export class Connections {
  private readonly bySocket = new WeakMap<Socket, Connection>();

  private of(socket: Socket): Connection {
    let connection = this.bySocket.get(socket);
    if (!connection) {
      connection = { reading: null, unanswered: 0, whenAnswered: [], awaitingHead: true, head: [], headBytes: 0, headStartedAt: 0n };
      this.bySocket.set(socket, connection);
    }
    return connection;
  }

  /**
   * A request arrived on `socket` and `read` is reading its body. It counts as answered once
   * `response` closes (its bytes are then written, after any answer queued before it), or
   * when the caller says so (a call nobody is left to answer).
   */
  requestStarted(socket: Socket, read: BodyRead, response: ServerResponse): TrackedRequest {
    const connection = this.of(socket);
    connection.unanswered += 1;
    connection.reading = read;
    connection.awaitingHead = false;
    connection.head = [];
    connection.headBytes = 0;
    const tracked = new TrackedRequest(connection, read);
    trackedByResponse.set(response, tracked);
    response.on('close', onResponseClose);
    return tracked;
  }

  /**
   * Keeps the first bytes of each request head arriving on `socket`. Node parses a head out of
   * sight and gives nothing of one that stops arriving; kept here, the record of its timeout says
   * which request stalled and for how long. Node's parser reads each chunk first, so the chunk
   * completing a head (its request has started) is not kept: only heads still unfinished are.
   */
  watchHeads(socket: Socket): void {
    const connection = this.of(socket);
    socket.on('data', (chunk: Buffer) => headArrived(connection, chunk));
  }

  /** The bytes of the head still arriving on `socket`, and how long it has been arriving; null when none came. */
  unfinishedHead(socket: Socket): { bytes: Buffer; waitedMs: number } | null {
    const connection = this.bySocket.get(socket);
    if (!connection?.awaitingHead || connection.headBytes === 0) return null;
    return { bytes: Buffer.concat(connection.head), waitedMs: Number(process.hrtime.bigint() - connection.headStartedAt) / 1e6 };
  }

  /** The body being read on `socket`, if one is. */
  reading(socket: Socket): BodyRead | null {
    return this.bySocket.get(socket)?.reading ?? null;
  }

  /** Runs `then` once every answer owed on `socket` is written: at once when none is. */
  afterAnswers(socket: Socket, then: () => void): void {
    const connection = this.bySocket.get(socket);
    if (!connection || connection.unanswered === 0) then();
    else connection.whenAnswered.push(then);
  }
}
