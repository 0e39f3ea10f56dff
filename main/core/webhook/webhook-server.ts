import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HeaderPair, Result } from '../../contract/api';
import type { Answer } from '../protocol/answers';
import { errorAnswer } from '../protocol/answers';
import { BatchedWriter } from '../store/batched-writer';
import type { NewCall } from '../store/calls-repository';
import { handleCall, storeFailureMessage, type CallHandlerDeps } from './handle-call';
import { readBody } from './read-body';
import { listenError } from './listen-error';

export interface WebhookServerOptions extends CallHandlerDeps {
  host: string;
  port: number;
  /** Slow clients: longest wait for the request headers. */
  headersTimeoutMs: number;
  /** Slow clients: longest pause between two chunks of a body. */
  bodyIdleTimeoutMs: number;
  /** Reports a bug in the server itself (never bad input, which is answered). */
  onInternalError: (error: unknown) => void;
}

export interface Listening {
  host: string;
  port: number;
}

/** Bytes of a refused oversized body kept for the record. */
const OVERSIZE_PREVIEW_BYTES = 4096;

/**
 * The local webhook server Flowent (or the tunnel) calls. Built, started on any port, stopped
 * cleanly; every request is read with limits, interpreted, stored and answered.
 */
export class WebhookServer {
  private server: Server | null = null;
  /** Answers waiting out a delay or a timeout fault; stop() cancels them and closes their sockets. */
  private readonly held = new Set<() => void>();
  /** Group commit: calls read in the same turn of the event loop share one transaction. */
  private readonly writer: BatchedWriter;
  /** The storage fault being reported, so a full disk is logged once, not once per call. */
  private storeFault: string | null = null;

  constructor(private readonly options: WebhookServerOptions) {
    this.writer = new BatchedWriter(options.calls);
  }

  async start(): Promise<Result<Listening>> {
    const server = createServer({ requestTimeout: 60_000 }, (request, response) => {
      this.onRequest(request, response).catch((error: unknown) => {
        this.options.onInternalError(error);
        if (!response.headersSent) send(response, errorAnswer(500, 'Flowent Companion failed to handle this call; see its log.'));
      });
    });
    server.headersTimeout = this.options.headersTimeoutMs;
    server.keepAliveTimeout = 5_000;
    server.on('clientError', (error, socket) => {
      // Malformed HTTP, oversized headers, header timeouts: answer if the socket allows.
      if (!socket.writable) {
        socket.destroy();
        return;
      }
      const status = (error as { code?: string }).code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const body = JSON.stringify({ result: '', error: `Malformed HTTP request (${(error as { code?: string }).code ?? 'unknown'}).` });
      socket.end(
        `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    });

    const outcome = await new Promise<Result<Listening>>((resolve) => {
      const onError = (error: NodeJS.ErrnoException) => resolve(listenError(error, this.options.host, this.options.port));
      server.once('error', onError);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', onError);
        const address = server.address() as AddressInfo;
        resolve({ ok: true, value: { host: this.options.host, port: address.port } });
      });
    });
    if (outcome.ok) {
      server.on('error', (error) => this.options.onInternalError(error));
      this.server = server;
    }
    return outcome;
  }

  /** Stops accepting calls, closes idle keep-alive sockets, and resolves once all are closed. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const cancel of [...this.held]) cancel();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      // Calls still in flight get a moment to finish, then their sockets are closed too.
      setTimeout(() => server.closeAllConnections(), 1_000).unref();
    });
  }

  private async onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const startedAt = process.hrtime.bigint();
    const body = await readBody(request, {
      limitBytes: this.options.bodyLimitBytes,
      idleTimeoutMs: this.options.bodyIdleTimeoutMs,
      previewBytes: OVERSIZE_PREVIEW_BYTES,
    });
    const delivery = await handleCall(
      {
        receivedAt,
        startedAt,
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        rawHeaders: pairs(request.rawHeaders),
        remoteAddress: request.socket.remoteAddress ?? null,
        body,
      },
      this.options,
      this.store,
    );
    switch (delivery.kind) {
      case 'none':
        return;
      case 'drop':
        request.socket.destroy();
        return;
      case 'answer':
        if (delivery.delayMs > 0 && !(await this.hold(response, delivery.delayMs))) return;
        if (!response.destroyed) send(response, delivery.answer);
        return;
      default: {
        const unknownDelivery: never = delivery;
        throw new Error(`unhandled delivery ${JSON.stringify(unknownDelivery)}`);
      }
    }
  }

  private readonly store = async (call: NewCall) => {
    const outcome = await this.writer.write(call);
    if (outcome.ok) {
      this.storeFault = null;
    } else {
      const message = storeFailureMessage(outcome.fault);
      if (this.storeFault !== message) {
        this.storeFault = message;
        this.options.onInternalError(new Error(message, { cause: outcome.error }));
      }
    }
    return outcome;
  };

  /** Waits before answering without blocking other calls; false when stop() or the client ended the wait. */
  private hold(response: ServerResponse, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (answer: boolean) => {
        clearTimeout(timer);
        this.held.delete(cancel);
        response.off('close', onClose);
        resolve(answer);
      };
      const cancel = () => {
        finish(false);
        response.destroy();
      };
      const onClose = () => finish(false);
      const timer = setTimeout(() => finish(true), ms);
      this.held.add(cancel);
      response.on('close', onClose);
    });
  }
}

function send(response: ServerResponse, answer: Answer): void {
  const headers: HeaderPair[] = [...answer.headers, ['Content-Length', String(answer.body.length)]];
  if (answer.closeConnection) headers.push(['Connection', 'close']);
  response.writeHead(answer.status, headers.flat());
  response.end(answer.body);
}

function pairs(rawHeaders: string[]): HeaderPair[] {
  const result: HeaderPair[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) result.push([rawHeaders[i] ?? '', rawHeaders[i + 1] ?? '']);
  return result;
}
