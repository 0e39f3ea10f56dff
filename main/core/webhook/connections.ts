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
}

/** One request on a connection, until its answer is written. A class: one is made per call. */
class TrackedRequest {
  private answered = false;

  constructor(
    private readonly connection: Connection,
    private readonly read: BodyRead,
  ) {}

  bodyRead(): void {
    // A pipelined request may already be reading its own body on this connection.
    if (this.connection.reading === this.read) this.connection.reading = null;
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
  /** When each connection was accepted (performance.now()): Node's clock for its first head starts there. */
  private readonly acceptedAt = new WeakMap<Socket, number>();

  private of(socket: Socket): Connection {
    let connection = this.bySocket.get(socket);
    if (!connection) {
      connection = { reading: null, unanswered: 0, whenAnswered: [] };
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
    const tracked = new TrackedRequest(connection, read);
    trackedByResponse.set(response, tracked);
    response.on('close', onResponseClose);
    return tracked;
  }

  /**
   * How many bytes of the head still arriving on `socket` came, or null when that is not known.
   * What a connection read is its unfinished head's own until a request came before it; after
   * one, the count holds that request too. The bytes themselves are not kept: watching a
   * connection's bytes takes the parsing of every request on it out of Node's native reader.
   */
  unfinishedHeadBytes(socket: Socket): number | null {
    return socket.bytesRead > 0 && !this.bySocket.has(socket) ? socket.bytesRead : null;
  }

  /** The server's 'connection' listener, run in the turn Node starts the connection's headers clock. */
  accepted(socket: Socket): void {
    this.acceptedAt.set(socket, performance.now());
  }

  /**
   * How long the head still arriving on `socket` was waited for, when Node's headers timeout
   * ends it (`timeoutMs`). For a connection's first request Node counts from the connection's
   * start, and so does this, to the millisecond. A later request's count starts at its first
   * byte, which is not seen (see unfinishedHeadBytes): Node's limit is the wait then, which its
   * check, every half second, may have overrun by as much.
   */
  unfinishedHeadWait(socket: Socket, timeoutMs: number): number {
    const accepted = this.acceptedAt.get(socket);
    return accepted !== undefined && !this.bySocket.has(socket) ? performance.now() - accepted : timeoutMs;
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
