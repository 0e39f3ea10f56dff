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
      connection = { reading: null, unanswered: 0, whenAnswered: [] };
      this.bySocket.set(socket, connection);
    }
    return connection;
  }

  /**
   * A request arrived on `socket` and `read` is reading its body. Call `bodyRead` once the
   * body is read, and `answered` once its answer is written (or the socket is gone).
   */
  requestStarted(socket: Socket, read: BodyRead): { bodyRead(): void; answered(): void } {
    const connection = this.of(socket);
    connection.unanswered += 1;
    connection.reading = read;
    let answered = false;
    return {
      bodyRead: () => {
        // A pipelined request may already be reading its own body on this connection.
        if (connection.reading === read) connection.reading = null;
      },
      answered: () => {
        if (answered) return;
        answered = true;
        if (connection.reading === read) connection.reading = null;
        connection.unanswered -= 1;
        if (connection.unanswered === 0) for (const run of connection.whenAnswered.splice(0)) run();
      },
    };
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
