import type { ListenFailure, Result, ServerNotRunning } from '../../contract/api';
import type { CallAnswerer } from '../answers/call-answerer';
import { WebhookServer, type WebhookServerOptions } from './webhook-server';

export const DEFAULT_HOST = '127.0.0.1';

export interface Listening {
  host: string;
  port: number;
  baseUrl: string;
}

/** Everything the server is built with but its address, its answerer and the history it stores into. */
export type ServerSettings = Omit<WebhookServerOptions, 'host' | 'port' | 'answerer' | 'calls' | 'handlers'>;

export interface WebhookListenerOptions {
  settings: ServerSettings;
  /** A new answerer for each start: closing one aborts its forwards in flight. */
  newAnswerer: () => CallAnswerer;
  /** The open history's calls and handler memory (throws while it is closed). */
  history: () => Pick<WebhookServerOptions, 'calls' | 'handlers'>;
  onInternalError: (error: unknown) => void;
}

/**
 * The core's webhook server through its life: started on an address, stopped with its forwards,
 * and moved between loopback and every interface on the same port (put back where it was when
 * the move fails).
 */
export class WebhookListener {
  private server: WebhookServer | null = null;
  private answerer: CallAnswerer | null = null;
  /** Where it listens now, with the URL a client calls; null while stopped. */
  listening: Listening | null = null;

  constructor(
    private readonly options: WebhookListenerOptions,
    /** The address it was last asked to listen on (the status shows it while stopped too). */
    public host: string,
  ) {}

  /** The tunnel's own way into the server: its calls are told apart from local callers'. */
  tunnelEntryPort(): number | null {
    return this.server?.tunnelEntryPort() ?? null;
  }

  async start(bindHost: string, port: number): Promise<Result<Listening, ListenFailure>> {
    const history = this.options.history();
    const answerer = this.options.newAnswerer();
    const server = new WebhookServer({ ...this.options.settings, ...history, answerer, host: bindHost, port });
    const started = await server.start();
    if (!started.ok) {
      await answerer.close();
      return started;
    }
    this.server = server;
    this.answerer = answerer;
    this.host = bindHost;
    this.listening = { ...started.value, baseUrl: `http://${urlHost(started.value.host)}:${started.value.port}` };
    answerer.warmUpForwarding();
    return { ok: true, value: this.listening };
  }

  /**
   * The answers changed in this process (the page, a project file): a handler set now is warmed
   * as one set at start is. One set by another process is seen on its first call, which pays the load.
   */
  answersChanged(): void {
    this.answerer?.warmUpForwarding();
  }

  async stop(): Promise<void> {
    // The answerer first: forwards in flight are aborted, so the server can drain.
    await this.answerer?.close();
    this.answerer = null;
    await this.server?.stop();
    this.server = null;
    this.listening = null;
  }

  /** Moves the server between loopback and every interface, keeping its port. */
  async listenOnAllInterfaces(on: boolean): Promise<Result<void, ListenFailure | ServerNotRunning>> {
    const wanted = on ? '0.0.0.0' : DEFAULT_HOST;
    if (!this.listening) return { ok: false, code: 'server-not-running' };
    if (wanted === this.host) return { ok: true, value: undefined };
    const { port } = this.listening;
    const previousHost = this.host;
    await this.stop();
    const moved = await this.start(wanted, port);
    if (moved.ok) return { ok: true, value: undefined };
    const restored = await this.start(previousHost, port);
    if (!restored.ok) this.options.onInternalError(new Error(`webhook server could not be restarted: ${restored.code}`));
    return moved;
  }
}

/** The address to print for a bind address: 0.0.0.0 is not something a client can call. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
