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

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    let idleTimer: NodeJS.Timeout | undefined;

    const collected = (limit: number) => {
      const all = Buffer.concat(chunks);
      return all.length > limit ? all.subarray(0, limit) : all;
    };
    const finish = (outcome: BodyOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(idleTimer);
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('aborted', onAborted);
      request.off('close', onClose);
      request.off('error', onAborted);
      resolve(outcome);
    };
    const armIdleTimer = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(
        () => finish({ kind: 'timeout', body: collected(options.limitBytes), size }),
        options.idleTimeoutMs,
      );
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > options.limitBytes) {
        chunks.push(chunk);
        // Stop reading: the rest is discarded and the connection closed after the answer.
        request.pause();
        finish({ kind: 'too-large', body: collected(options.previewBytes), size });
        return;
      }
      chunks.push(chunk);
      armIdleTimer();
    };
    const onEnd = () => finish({ kind: 'complete', body: Buffer.concat(chunks), size });
    const onAborted = () => finish({ kind: 'aborted', body: collected(options.limitBytes), size });
    const onClose = () => {
      if (!request.complete) onAborted();
    };

    request.on('data', onData);
    request.on('end', onEnd);
    request.on('aborted', onAborted);
    request.on('close', onClose);
    request.on('error', onAborted);
    armIdleTimer();
  });
}
