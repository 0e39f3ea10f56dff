import type { Result, TunnelFailure } from '../../contract/api';
import { agentUnavailable, forwardTimedOut, tunnelError } from './tunnel-errors';
import { OFFLINE, type TunnelOpenOptions, type TunnelProvider, type TunnelStatus } from './tunnel-provider';
import { backoffDelay, nextStatus, type TunnelEvent } from './tunnel-status';
import { clearTimer, withTimeout } from './with-timeout';

type NgrokSdk = Pick<typeof import('@ngrok/ngrok'), 'forward' | 'kill'>;
type Listener = import('@ngrok/ngrok').Listener;
type ForwardConfig = import('@ngrok/ngrok').Config;

export interface NgrokTunnelOptions {
  /** forward() can hang forever (an edge that completes TLS and never answers): give up after this. */
  forwardTimeoutMs?: number;
  /** After the agent reports `closed`, how long to wait for its connection to come back before rebuilding the session. */
  reconnectGraceMs?: number;
  /**
   * After the agent reports `connected` again, how long its own re-authentication and re-bind
   * may take before the provider's session replaces it: killed while that is under way, the
   * agent could still finish it, leaving ngrok a session (and a tunnel) the app no longer holds.
   */
  redialSettleMs?: number;
  /** Rebuild attempt n waits min(max, base × 2^(n-1)). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Bound on listener.close() and kill() when closing (a dead session can make them slow). */
  closeTimeoutMs?: number;
  /** Test only: the address of a stand-in edge (`host:port`) and the PEM of the CA that signed its certificate. */
  serverAddr?: string;
  caCert?: string;
  /** Test only: how the agent library is loaded. Loaded lazily so the core starts without the native binary. */
  loadSdk?: () => Promise<NgrokSdk>;
  now?: () => number;
  /** The agent's own log lines, for diagnostics. */
  onLog?: (line: string) => void;
}

/** Everything about one open(); replaced by the next open() and dropped by close(). */
interface Run {
  options: TunnelOpenOptions;
  listener: Listener | null;
  /** Identity of the session whose onStatusChange we listen to; events from older sessions are ignored. */
  session: object | null;
  graceTimer: NodeJS.Timeout | null;
  retryTimer: NodeJS.Timeout | null;
  settleTimer: NodeJS.Timeout | null;
  /** The attempt the scheduled rebuild will be; the agent's connection coming back brings it forward. */
  nextAttempt: number;
  rebuilding: boolean;
  lastFailure: TunnelFailure | null;
  /** Aborted by close() (or the next open()): nothing of this run is waited for any more. */
  stop: AbortController;
}

type Connected = { ok: true; url: string } | { ok: false; error: TunnelFailure };

const CONNECTION_LOST: TunnelFailure = { code: 'tunnel-connection-lost' };
/** What connect() gives back when the run ended under it; its callers see the run gone and say nothing of it. */
const CLOSED_WHILE_OPENING: TunnelFailure = { code: 'tunnel-failed', reason: 'closed while opening' };

/**
 * Failures of the first open that can heal by themselves (no network yet, an edge that did not
 * answer in time): retried with the same backoff as a lost connection, so a tunnel started
 * offline comes up when the network does. Anything else (a rejected authtoken, a taken
 * domain, an unknown refusal) is said once and left to the user.
 */
const HEALS_BY_ITSELF = new Set(['tunnel-unreachable', 'tunnel-timeout']);

/** Failures a retry cannot fix: stop rebuilding and say so. */
const PERMANENT = new Set(['tunnel-authtoken-invalid', 'tunnel-agent-outdated', 'tunnel-domain-taken', 'tunnel-unavailable']);

/**
 * The tunnel over the embedded ngrok agent (@ngrok/ngrok). After a lost connection the agent
 * redials by itself, but it cannot be taken at its word: it reports `connected` as soon as its
 * connection to ngrok is back, before ngrok has taken the authtoken again, and says nothing when
 * ngrok then refuses it (a revoked token, too many sessions), so the tunnel would read online
 * with a public URL that no longer reaches it. It also stops redialling after about 2.5 s of
 * failed attempts. So once the connection is lost, this provider rebuilds the session itself
 * (kill, then forward with force_new_session), whose answer is ngrok's own: as soon as the
 * agent's connection is back (and its own attempt has played out), else after a grace period,
 * then with exponential backoff until it is back or refused for good. A first open that fails
 * for want of a network is retried the same way.
 *
 * The agent library keeps one process-wide session registry and kill() closes everything
 * in it: use one NgrokTunnel per process.
 */
export class NgrokTunnel implements TunnelProvider {
  private current: TunnelStatus = OFFLINE;
  private run: Run | null = null;
  private sdk: NgrokSdk | null = null;
  /** A forward() we stopped waiting for. The agent library serialises session setup, so
   *  every later forward() would queue behind it: never start another while it is pending. */
  private abandoned: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly statusListeners = new Set<(status: TunnelStatus) => void>();
  private readonly forwardTimeoutMs: number;
  private readonly reconnectGraceMs: number;
  private readonly redialSettleMs: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly closeTimeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: NgrokTunnelOptions = {}) {
    this.forwardTimeoutMs = options.forwardTimeoutMs ?? 15_000;
    this.reconnectGraceMs = options.reconnectGraceMs ?? 5_000;
    this.redialSettleMs = options.redialSettleMs ?? 1_000;
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 30_000;
    this.closeTimeoutMs = options.closeTimeoutMs ?? 3_000;
    this.now = options.now ?? Date.now;
  }

  get status(): TunnelStatus {
    return this.current;
  }

  onStatus(listener: (status: TunnelStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  open(options: TunnelOpenOptions): Promise<Result<{ url: string }, TunnelFailure>> {
    const previous = this.cancel();
    return this.serial(async () => {
      await this.release(previous);
      return this.openNow(options);
    });
  }

  async close(): Promise<void> {
    const run = this.cancel();
    // A forward() in flight stops being waited for at once (its late session is closed when it
    // comes); only the agent's own closing is waited for, and not for ever: a dead session can be slow.
    await withTimeout(
      this.serial(() => this.release(run)),
      2 * this.closeTimeoutMs,
    );
  }

  private async openNow(options: TunnelOpenOptions): Promise<Result<{ url: string }, TunnelFailure>> {
    this.apply({ type: 'open' });
    const run: Run = {
      // No token ngrok issues has a space: one copied with its line break is sent without it.
      options: { ...options, authtoken: options.authtoken.trim() },
      listener: null,
      session: null,
      graceTimer: null,
      retryTimer: null,
      settleTimer: null,
      nextAttempt: 1,
      rebuilding: false,
      lastFailure: null,
      stop: new AbortController(),
    };
    this.run = run;
    const connected = await this.connect(run);
    if (this.run !== run) return { ok: false, code: 'tunnel-closed' };
    if (!connected.ok) {
      if (HEALS_BY_ITSELF.has(connected.error.code)) {
        // The first attempt's failure is the answer to open(); the status tells the retries.
        run.lastFailure = connected.error;
        this.scheduleRebuild(run, 1, 'first-open');
        return { ok: false, ...connected.error };
      }
      this.run = null;
      return this.openFailed(connected.error);
    }
    this.apply({ type: 'opened', url: connected.url });
    return { ok: true, value: { url: connected.url } };
  }

  /** Stops everything about the current run at once (timers, status); the agent is released later, in turn. */
  private cancel(): Run | null {
    const run = this.run;
    this.run = null;
    if (run) {
      clearTimer(run.graceTimer);
      clearTimer(run.retryTimer);
      clearTimer(run.settleTimer);
      run.session = null;
      run.stop.abort();
    }
    this.apply({ type: 'closed' });
    return run;
  }

  private async release(run: Run | null): Promise<void> {
    if (!run || !this.sdk) return;
    if (run.listener) await withTimeout(run.listener.close(), this.closeTimeoutMs).catch(() => undefined);
    run.listener = null;
    // A session setup still pending holds the library, kill() included, until ngrok answers
    // (maybe never): the one that gave it up kills its late session then.
    if (!this.abandoned) await withTimeout(this.sdk.kill(), this.closeTimeoutMs).catch(() => undefined);
  }

  /**
   * Every call into the agent library goes through here, one at a time: kill() ends every
   * session in the process, so a kill() racing a forward() could end the wrong one.
   */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private openFailed(error: TunnelFailure): Result<{ url: string }, TunnelFailure> {
    this.apply({ type: 'open-failed', reason: error });
    return { ok: false, ...error };
  }

  /**
   * One forward() with a fresh session, bounded by the timeout and by the run's end (close()
   * returns at once); a forward() given up on is closed when it comes late.
   */
  private async connect(run: Run): Promise<Connected> {
    let sdk: NgrokSdk;
    try {
      sdk = this.sdk ??= await (this.options.loadSdk ?? loadNgrok)();
    } catch (error) {
      return { ok: false, error: agentUnavailable(error) };
    }
    if (this.abandoned) {
      const settled = await withTimeout(
        this.abandoned.then(() => true),
        this.forwardTimeoutMs,
        run.stop.signal,
      );
      if (!settled) return { ok: false, error: run.stop.signal.aborted ? CLOSED_WHILE_OPENING : forwardTimedOut(this.forwardTimeoutMs) };
    }
    const session = {};
    run.session = session;
    const { localPort, localHost = '127.0.0.1', authtoken, domain } = run.options;
    // forward() mutates its config (it swaps the callbacks for flags): build a fresh one per call.
    const config: ForwardConfig = {
      addr: `${localHost.includes(':') ? `[${localHost}]` : localHost}:${localPort}`,
      authtoken,
      force_new_session: true,
      onStatusChange: (status: string) => this.agentStatus(run, session, status),
      ...(domain ? { domain } : {}),
      ...(this.options.serverAddr ? { server_addr: this.options.serverAddr } : {}),
      ...(this.options.caCert ? { session_ca_cert: this.options.caCert } : {}),
      ...(this.options.onLog ? { onLogEvent: this.options.onLog } : {}),
    };
    const forwarding = sdk.forward(config);
    let listener: Listener | undefined;
    try {
      listener = await withTimeout(forwarding, this.forwardTimeoutMs, run.stop.signal);
    } catch (error) {
      return { ok: false, error: tunnelError(error, authtoken) };
    }
    if (!listener) {
      this.abandon(forwarding, sdk);
      return { ok: false, error: run.stop.signal.aborted ? CLOSED_WHILE_OPENING : forwardTimedOut(this.forwardTimeoutMs) };
    }
    const url = listener.url();
    if (this.run !== run || run.session !== session || !url) {
      // Cancelled while connecting: we run alone (serial), so kill() ends only this session.
      await withTimeout(listener.close(), this.closeTimeoutMs).catch(() => undefined);
      await withTimeout(sdk.kill(), this.closeTimeoutMs).catch(() => undefined);
      return { ok: false, error: url ? CLOSED_WHILE_OPENING : tunnelError(new Error('ngrok returned no URL'), authtoken) };
    }
    run.listener = listener;
    return { ok: true, url };
  }

  /**
   * A forward() no longer waited for: the agent library cannot cancel it, and it serialises
   * session setup, so nothing else is started while it is pending (kill() then ends only its
   * late session).
   */
  private abandon(forwarding: Promise<Listener>, sdk: NgrokSdk): void {
    const abandoned: Promise<void> = forwarding
      .then(
        async (late) => {
          await withTimeout(late.close(), this.closeTimeoutMs).catch(() => undefined);
          await withTimeout(sdk.kill(), this.closeTimeoutMs).catch(() => undefined);
        },
        () => undefined,
      )
      .finally(() => {
        if (this.abandoned === abandoned) this.abandoned = null;
      });
    this.abandoned = abandoned;
  }

  /** The agent's `onStatusChange`: `closed` (possibly several times) then maybe `connected`. */
  private agentStatus(run: Run, session: object, status: string): void {
    if (this.run !== run || run.session !== session || run.rebuilding) return;
    if (status === 'connected') {
      // Its first `connected` comes while forward() is under way; only one after a loss matters.
      if ((!run.graceTimer && !run.retryTimer) || run.settleTimer) return;
      // The agent's connection is back, which says only that ngrok answers again: whether it
      // takes the authtoken and binds the tunnel again is told by a session of our own, once
      // the agent's attempt has played out.
      clearTimer(run.graceTimer);
      clearTimer(run.retryTimer);
      run.graceTimer = run.retryTimer = null;
      run.settleTimer = setTimeout(() => {
        run.settleTimer = null;
        void this.serial(() => this.rebuild(run, run.nextAttempt));
      }, this.redialSettleMs);
      return;
    }
    if (status !== 'closed' || run.graceTimer || run.retryTimer || run.settleTimer) return;
    this.apply({ type: 'lost', reason: CONNECTION_LOST });
    if (this.current.state !== 'reconnecting') return;
    run.graceTimer = setTimeout(() => {
      run.graceTimer = null;
      this.scheduleRebuild(run, 1);
    }, this.reconnectGraceMs);
  }

  private scheduleRebuild(run: Run, attempt: number, after: 'first-open' | 'loss' = 'loss'): void {
    if (this.run !== run) return;
    const delay = backoffDelay(attempt, this.backoffBaseMs, this.backoffMaxMs);
    const retry = { attempt, at: this.now() + delay, reason: run.lastFailure ?? CONNECTION_LOST };
    run.nextAttempt = attempt;
    this.apply({ type: after === 'first-open' ? 'open-retrying' : 'retry-scheduled', ...retry });
    run.retryTimer = setTimeout(() => {
      run.retryTimer = null;
      void this.serial(() => this.rebuild(run, attempt));
    }, delay);
  }

  private async rebuild(run: Run, attempt: number): Promise<void> {
    if (this.run !== run) return; // closed or replaced while this waited its turn: kill() would end the new one
    run.rebuilding = true;
    run.session = null;
    run.listener = null;
    // Behind a session setup given up on, kill() would wait for it too: connect() waits for it instead.
    if (this.sdk && !this.abandoned) await withTimeout(this.sdk.kill(), this.closeTimeoutMs).catch(() => undefined);
    if (this.run !== run) return;
    const connected = await this.connect(run);
    run.rebuilding = false;
    if (this.run !== run) return;
    if (!connected.ok) {
      run.lastFailure = connected.error;
      if (PERMANENT.has(connected.error.code)) {
        this.run = null;
        this.apply({ type: 'gave-up', reason: connected.error });
        return;
      }
      this.scheduleRebuild(run, attempt + 1);
      return;
    }
    run.lastFailure = null;
    run.nextAttempt = 1;
    this.apply({ type: 'rebuilt', url: connected.url });
  }

  private apply(event: TunnelEvent): void {
    const next = nextStatus(this.current, event);
    if (next === this.current) return;
    this.current = next;
    for (const listener of [...this.statusListeners]) listener(next);
  }
}

async function loadNgrok(): Promise<NgrokSdk> {
  const loaded = (await import('@ngrok/ngrok')) as NgrokSdk & { default?: NgrokSdk };
  return loaded.default ?? loaded;
}
