import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import type { HeaderPair, ListenFailure, Result, WaitingCall } from '../../contract/api';
import type { RequestProblem } from '../../contract/words/call-problem-words';
import { CALL_HANDLING_FAILED } from '../../contract/words/request-refusal-words';
import { errorAnswer, type Answer } from '../protocol/answers';
import { BatchedWriter, type AlongsideWrite } from '../store/batched-writer';
import { summaryOf, type NewCall } from '../store/calls-insert';
import type { CallCheckInput } from './call-check';
import { CallChecker } from './call-checker';
import { closeIfStillIdle, Connections } from './connections';
import { EarlyRefusals } from './early-refusals';
import { announceStored, handleCall, type CallHandlerDeps, type StoreCall } from './handle-call';
import { pairs, unmetExpectationAnswer } from './head-refusal';
import type { ParserError } from './parser-refusal';
import { readBody, type BodyOutcome } from './read-body';
import { RefusalBursts } from './refusal-bursts';
import { ClientRateLimit, clientOf, overRateAnswer } from './rate-limit';
import { listenError } from './listen-error';
import type { StorageFaultState } from './storage-fault-state';
import { WaitingCalls } from './waiting-calls';

export interface WebhookServerOptions extends Omit<CallHandlerDeps, 'waiting'> {
  /** A forwarded call waited past a moment for the developer's handler (see WaitingCalls). */
  onWaiting: (call: WaitingCall) => void;
  /** That call's wait ended: its `onStored` follows, unless it could not be stored or its sender stores it. */
  onWaitEnded: (key: number) => void;
  host: string;
  port: number;
  /** Slow clients: longest wait for the request headers. */
  headersTimeoutMs: number;
  /** Slow clients: longest pause between two chunks of a body. */
  bodyIdleTimeoutMs: number;
  /** Slow clients: longest time for a whole request, headers and body (default 60 s). */
  requestTimeoutMs?: number;
  /** Requests per second one client may send (read at each request); null: no limit. */
  rateLimitPerSecond?: () => number | null;
  /** Hears each call stored and each refused for want of storage: a full disk is a state the user sees, not a log line. */
  storageFaults: Pick<StorageFaultState, 'refused' | 'stored'>;
}

export interface Listening {
  host: string;
  port: number;
}

/** Bytes of a refused oversized body kept for the record. */
const OVERSIZE_PREVIEW_BYTES = 4096;
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/**
 * How often Node looks for requests past their header or request timeout. Its default, 30 s,
 * let a 10 s header timeout fire after up to 40 s; this keeps every timeout within half a
 * second of its setting, for a walk over the open connections twice a second.
 */
const TIMEOUT_CHECK_INTERVAL_MS = 500;
/** The tunnel's agent runs in this process: its way in listens on loopback only. */
const TUNNEL_ENTRY_HOST = '127.0.0.1';

/**
 * The local webhook server Flowent (or the tunnel) calls. Built, started on any port, stopped
 * cleanly; every request is read with limits, interpreted, stored and answered, including the
 * ones Node's HTTP parser refuses before a handler could see them.
 */
export class WebhookServer {
  private server: Server | null = null;
  /** Hands the tunnel's connections to the same server, marked: their X-Forwarded-For is the tunnel's word. */
  private tunnelEntry: NetServer | null = null;
  private readonly throughTunnel = new WeakSet<Socket>();
  /** Answers waiting out a delay or a timeout fault; stop() cancels them and closes their sockets. */
  private readonly held = new Set<() => void>();
  /** Group commit: calls read in the same turn of the event loop share one transaction. */
  private readonly writer: BatchedWriter;
  private readonly connections = new Connections();
  private readonly refusals: RefusalBursts;
  /** Answers and records what is refused before a call is read from it (see EarlyRefusals). */
  private readonly early: EarlyRefusals;
  /** Big bodies are parsed and verified off the event loop, so one caller cannot stall the rest. */
  private readonly checker: CallChecker;
  private readonly rateLimit = new ClientRateLimit();
  private readonly waiting: WaitingCalls;
  /** What each call is handled with: the options, and the calls in flight. */
  private readonly deps: CallHandlerDeps;

  constructor(private readonly options: WebhookServerOptions) {
    this.waiting = new WaitingCalls({ onWaiting: options.onWaiting, onWaitEnded: options.onWaitEnded });
    this.deps = { ...options, waiting: this.waiting };
    this.writer = new BatchedWriter(options.calls);
    this.checker = new CallChecker(options.onInternalError);
    this.refusals = new RefusalBursts({
      // A refused request is told like every stored call, so the inspector and serve's lines show it.
      store: async (call) => {
        const outcome = await this.store(call);
        if (outcome.ok) options.onStored(summaryOf(call, outcome.id));
        return outcome;
      },
      updateProblemMessage: (id, message) => options.calls.updateProblemMessage(id, message),
    });
    this.early = new EarlyRefusals({
      bursts: this.refusals,
      connections: this.connections,
      viaTunnel: (socket) => this.throughTunnel.has(socket),
      headersTimeoutMs: options.headersTimeoutMs,
    });
  }

  async start(): Promise<Result<Listening, ListenFailure>> {
    const requestTimeout = Math.max(this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, this.options.headersTimeoutMs);
    const server = createServer(
      {
        requestTimeout,
        headersTimeout: this.options.headersTimeoutMs,
        connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
        // A request without Host is answered in Flowent's shape and recorded (interpret-call), not
        // refused by Node with a bare 400.
        requireHostHeader: false,
      },
      (request, response) => {
        this.onRequest(request, response).catch((error: unknown) => {
          this.options.onInternalError(error);
          if (!response.headersSent) send(response, errorAnswer(500, CALL_HANDLING_FAILED));
        });
      },
    );
    server.keepAliveTimeout = 5_000;
    server.on('timeout', closeIfStillIdle);
    server.on('connection', (socket: Socket) => this.connections.accepted(socket));
    server.on('clientError', (error: ParserError, socket: Socket) => this.early.clientError(error, socket));
    // Node's own answers to these are a bare 417 and a closed connection, with nothing recorded.
    server.on('checkExpectation', (request: IncomingMessage, response: ServerResponse) => {
      const answer = unmetExpectationAnswer(request.headers.expect ?? '');
      void this.refuseOnHead(request, response, 'unsupported-expect', answer, 'unsupported-expect');
    });
    server.on('connect', (request: IncomingMessage, socket: Socket) => void this.early.connect(request, socket));

    const outcome = await new Promise<Result<Listening, ListenFailure>>((resolve) => {
      const onError = (error: NodeJS.ErrnoException) => resolve(listenError(error, 'webhook', this.options.host, this.options.port));
      server.once('error', onError);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', onError);
        const address = server.address() as AddressInfo;
        resolve({ ok: true, value: { host: this.options.host, port: address.port } });
      });
    });
    if (!outcome.ok) return outcome;
    server.on('error', (error) => this.options.onInternalError(error));
    this.server = server;
    const entry = await this.openTunnelEntry(server);
    if (!entry.ok) {
      await this.stop();
      return entry;
    }
    return outcome;
  }

  /** The port the tunnel forwards to (on loopback), while the server runs. */
  tunnelEntryPort(): number | null {
    const address = this.tunnelEntry?.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  /**
   * The port the tunnel forwards to, on loopback. The tunnel's agent connects from loopback like
   * any local caller, so only the port tells its calls apart: their X-Forwarded-For's last hop is
   * the tunnel's word about the caller, while a caller reaching the webhook port sends what it likes.
   */
  private async openTunnelEntry(server: Server): Promise<Result<null, ListenFailure>> {
    const entry = createNetServer((socket) => {
      this.throughTunnel.add(socket);
      server.emit('connection', socket);
    });
    const opened = await new Promise<Result<null, ListenFailure>>((resolve) => {
      entry.once('error', (error: NodeJS.ErrnoException) => resolve(listenError(error, 'webhook', TUNNEL_ENTRY_HOST, 0)));
      entry.listen(0, TUNNEL_ENTRY_HOST, () => resolve({ ok: true, value: null }));
    });
    if (opened.ok) {
      entry.on('error', (error) => this.options.onInternalError(error));
      this.tunnelEntry = entry;
    }
    return opened;
  }

  /** Stops accepting calls, closes idle keep-alive sockets, and resolves once all are closed. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.tunnelEntry?.close();
    this.tunnelEntry = null;
    for (const cancel of [...this.held]) cancel();
    this.refusals.flush();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      // Calls still in flight get a moment to finish, then their sockets are closed too.
      setTimeout(() => server.closeAllConnections(), 1_000).unref();
    });
    await this.checker.close();
    this.waiting.stop();
  }

  private readonly check = (input: CallCheckInput) => this.checker.check(input);

  private async onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const startedAt = process.hrtime.bigint();
    const viaTunnel = this.throughTunnel.has(request.socket);
    const perSecond = this.options.rateLimitPerSecond?.() ?? null;
    if (perSecond !== null) {
      const client = clientOf(request.socket.remoteAddress ?? null, viaTunnel ? request.rawHeaders : null);
      if (!this.rateLimit.admit(client, perSecond)) {
        return this.refuseOnHead(request, response, `rate-limit:${client}`, overRateAnswer(client, perSecond), 'rate-limited', receivedAt);
      }
    }
    const read = readBody(request, {
      limitBytes: this.options.bodyLimitBytes,
      idleTimeoutMs: this.options.bodyIdleTimeoutMs,
      requestTimeoutMs: this.options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      previewBytes: OVERSIZE_PREVIEW_BYTES,
    });
    const tracked = this.connections.requestStarted(request.socket, read, response);
    const body = await read.outcome;
    tracked.bodyRead();
    const delivery = await handleCall(
      {
        receivedAt,
        startedAt,
        method: request.method ?? 'GET',
        url: request.url ?? '/',
        httpVersion: request.httpVersion,
        rawHeaders: pairs(request.rawHeaders),
        remoteAddress: request.socket.remoteAddress ?? null,
        viaTunnel,
        body,
      },
      this.deps,
      this.storeFor(body, request, viaTunnel),
      this.check,
    );
    switch (delivery.kind) {
      case 'none':
        tracked.answerWritten();
        announceStored(this.options, delivery);
        return;
      case 'drop':
        announceStored(this.options, delivery);
        request.socket.destroy();
        return;
      case 'answer':
        if (delivery.delayMs > 0) {
          // Shown while its answer waits out the delay, as soon as it is stored.
          announceStored(this.options, delivery);
          if (!(await this.hold(response, delivery.delayMs))) return;
          if (!response.destroyed) send(response, delivery.answer);
          return;
        }
        if (!response.destroyed) send(response, delivery.answer);
        announceStored(this.options, delivery);
        return;
      default: {
        const unknownDelivery: never = delivery;
        throw new Error(`unhandled delivery ${JSON.stringify(unknownDelivery)}`);
      }
    }
  }

  /**
   * Where a call is stored. A body that stalled, stopped, could not be read or was over the body
   * limit is refused the same way however many sockets one client opens to do it: a burst of
   * those is one record with a count, as refusals of a head are, so a client cannot fill the
   * terminal and the list with them (Flowent itself sends no body over its 1 MB). A body read
   * whole is stored one by one, even when it is not JSON: each is a call whose own bytes and
   * mistake the developer looks at (--rate-limit, when set, bounds a flood of them).
   */
  private storeFor(body: BodyOutcome, request: IncomingMessage, viaTunnel: boolean): StoreCall {
    if (body.kind === 'complete') return this.store;
    const client = clientOf(request.socket.remoteAddress ?? null, viaTunnel ? request.rawHeaders : null);
    const kind = `body-${body.kind === 'timeout' ? `timeout-${body.limit}` : body.kind}:${client}`;
    return async (call) => {
      const outcome = await this.refusals.record(kind, call);
      // Stored, the burst's record is told of by RefusalBursts; counted, it is on that record.
      return outcome && !outcome.ok ? outcome : null;
    };
  }

  /** A request refused on its head, its body not read (see EarlyRefusals.onHead): answered and the connection closed. */
  private async refuseOnHead(
    request: IncomingMessage,
    response: ServerResponse,
    kind: string,
    refusal: Answer,
    problem: RequestProblem,
    receivedAt = Date.now(),
  ): Promise<void> {
    const answer = await this.early.onHead(request, kind, refusal, problem, receivedAt);
    if (!response.destroyed) send(response, answer);
  }

  private readonly store = async (call: NewCall, alongside?: AlongsideWrite) => {
    const outcome = await this.writer.write(call, alongside);
    if (outcome.ok) this.options.storageFaults.stored();
    else this.options.storageFaults.refused(outcome.fault);
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
