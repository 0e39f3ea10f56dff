import type { IncomingMessage } from 'node:http';
import { afterPendingReads } from '../after-pending-reads';

export type BodyOutcome =
  | { kind: 'complete'; body: Buffer; size: number }
  /** Over the limit: `body` holds the first bytes only, `size` what was seen or announced. */
  | { kind: 'too-large'; body: Buffer; size: number }
  | { kind: 'aborted'; body: Buffer; size: number }
  /** `idle`: a pause between chunks; `request`: the whole request took longer than allowed (`limitMs`). */
  | { kind: 'timeout'; body: Buffer; size: number; limit: 'idle' | 'request'; limitMs: number }
  /** The HTTP parser refused the rest of the body (a bad chunk size...): `reason` says why. */
  | { kind: 'unreadable'; body: Buffer; size: number; reason: string };

/** A body being read, which the server can end early when the parser or a timer refuses the request. */
export interface BodyRead {
  outcome: Promise<BodyOutcome>;
  /**
   * The server's word on the request mid-body: a parser error (HPE_...), the client gone, or
   * the request timeout. False when the body was already whole: the error is about what came
   * after it on the connection.
   */
  interrupt(error: { code?: string; reason?: string; message?: string }): boolean;
}

export interface ReadBodyOptions {
  limitBytes: number;
  /** Longest pause allowed between two chunks of the body (slow clients). */
  idleTimeoutMs: number;
  /** The server's limit on a whole request, which ends a read through `interrupt`. */
  requestTimeoutMs: number;
  /** How much of a refused oversized body to keep for the record. */
  previewBytes: number;
}

/**
 * Reads a request body without ever buffering more than the limit. Resolves exactly once,
 * whatever the client does: finishes, sends too much, stalls, goes away, or sends bytes the
 * parser refuses (the server passes that on through `interrupt`).
 */
export function readBody(request: IncomingMessage, options: ReadBodyOptions): BodyRead {
  const announced = Number(request.headers['content-length']);
  if (Number.isFinite(announced) && announced > options.limitBytes) {
    // Refuse before reading: no point receiving 50 MB to say no.
    return { outcome: Promise.resolve({ kind: 'too-large', body: Buffer.alloc(0), size: announced }), interrupt: () => false };
  }
  let reader: BodyReader | null = null;
  const outcome = new Promise<BodyOutcome>((resolve) => {
    reader = new BodyReader(request, options, resolve);
    reader.start();
  });
  return { outcome, interrupt: (error) => reader?.interrupt(error) ?? false };
}

/** Parser errors that only mean the client closed the connection before the end. */
export const CLIENT_GONE = new Set(['HPE_INVALID_EOF_STATE', 'ECONNRESET']);

/**
 * The listeners of one body read. A class, not closures: it runs once per call, and its
 * methods are made once.
 */
class BodyReader {
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private settled = false;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly request: IncomingMessage,
    private readonly options: ReadBodyOptions,
    private readonly resolve: (outcome: BodyOutcome) => void,
  ) {
    this.onData = this.onData.bind(this);
    this.onEnd = this.onEnd.bind(this);
    this.onAborted = this.onAborted.bind(this);
    this.onClose = this.onClose.bind(this);
    this.onIdle = this.onIdle.bind(this);
  }

  start(): void {
    this.request.on('data', this.onData);
    this.request.on('end', this.onEnd);
    this.request.on('aborted', this.onAborted);
    this.request.on('close', this.onClose);
    this.request.on('error', this.onAborted);
    this.armIdleTimer();
  }

  private onData(chunk: Buffer): void {
    this.size += chunk.length;
    this.chunks.push(chunk);
    if (this.size > this.options.limitBytes) {
      // Stop reading: the rest is discarded and the connection closed after the answer.
      this.request.pause();
      this.finish({ kind: 'too-large', body: this.collected(this.options.previewBytes), size: this.size });
      return;
    }
    this.armIdleTimer();
  }

  private onEnd(): void {
    this.finish({ kind: 'complete', body: Buffer.concat(this.chunks), size: this.size });
  }

  private onAborted(): void {
    this.finish({ kind: 'aborted', body: this.collected(this.options.limitBytes), size: this.size });
  }

  private onClose(): void {
    if (!this.request.complete) this.onAborted();
  }

  private onIdle(): void {
    const sizeAtDeadline = this.size;
    afterPendingReads(() => {
      // A chunk read meanwhile arrived before the deadline and has armed the timer again.
      if (this.size !== sizeAtDeadline) return;
      const body = this.collected(this.options.limitBytes);
      this.finish({ kind: 'timeout', body, size: this.size, limit: 'idle', limitMs: this.options.idleTimeoutMs });
    });
  }

  interrupt(error: { code?: string; reason?: string; message?: string }): boolean {
    if (this.settled || this.request.complete) return false;
    // On the next turn: the chunks the parser read before the error are still being delivered.
    setImmediate(() => {
      const body = this.collected(this.options.limitBytes);
      if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
        this.finish({ kind: 'timeout', body, size: this.size, limit: 'request', limitMs: this.options.requestTimeoutMs });
      } else if (error.code?.startsWith('HPE_') && !CLIENT_GONE.has(error.code)) {
        this.finish({
          kind: 'unreadable',
          body,
          size: this.size,
          reason: `${error.reason ?? error.message ?? 'parse error'} (${error.code})`,
        });
      } else this.onAborted();
    });
    return true;
  }

  private armIdleTimer(): void {
    // refresh() re-arms the same timer instead of making one per chunk.
    if (this.idleTimer) this.idleTimer.refresh();
    else this.idleTimer = setTimeout(this.onIdle, this.options.idleTimeoutMs);
  }

  private collected(limit: number): Buffer {
    const all = Buffer.concat(this.chunks);
    return all.length > limit ? all.subarray(0, limit) : all;
  }

  private finish(outcome: BodyOutcome): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.idleTimer);
    this.request.off('data', this.onData);
    this.request.off('end', this.onEnd);
    this.request.off('aborted', this.onAborted);
    this.request.off('close', this.onClose);
    this.request.off('error', this.onAborted);
    this.resolve(outcome);
  }
}
