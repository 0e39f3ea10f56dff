import type { IncomingMessage } from 'node:http';

export type BodyOutcome =
  | { kind: 'complete'; body: Buffer; size: number }
  /** Over the limit: `body` holds the first bytes only, `size` what was seen or announced. */
  | { kind: 'too-large'; body: Buffer; size: number }
  | { kind: 'aborted'; body: Buffer; size: number }
  | { kind: 'timeout'; body: Buffer; size: number };

export interface ReadBodyOptions {
  limitBytes: number;
  /** Longest pause allowed between two chunks of the body (slow clients). */
  idleTimeoutMs: number;
  /** How much of a refused oversized body to keep for the record. */
  previewBytes: number;
}

/**
 * Reads a request body without ever buffering more than the limit. Resolves exactly once,
 * whatever the client does: finishes, sends too much, stalls or goes away.
 */
export function readBody(request: IncomingMessage, options: ReadBodyOptions): Promise<BodyOutcome> {
  const announced = Number(request.headers['content-length']);
  if (Number.isFinite(announced) && announced > options.limitBytes) {
    // Refuse before reading: no point receiving 50 MB to say no.
    return Promise.resolve({ kind: 'too-large', body: Buffer.alloc(0), size: announced });
  }

  return new Promise((resolve) => new BodyReader(request, options, resolve).start());
}

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
    this.finish({ kind: 'timeout', body: this.collected(this.options.limitBytes), size: this.size });
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
