import type { CompanionApi, CoreEvent, CoreStatus, Result } from '../contract/api';
import { createCoreApi } from './operations/core-api';
import { CoreEvents } from './events';
import { maskSecret, type HmacKeySource } from './hmac-key';
import { WebhookServer } from './webhook/webhook-server';
import { createRespondApi, type RespondApi } from './answers';
import { FLOWENT_TIMEOUT_MS } from './protocol/answer-check';
import { Responder } from './answers/responder';
import { openStore, type Store } from './store/open-store';
import { textIndexFailure } from './store/store-faults';
import { networkInterfaces } from 'node:os';
import { secretState, sessionSecret, type SecretSource } from './secret-source';
import { lanAddresses } from './tunnel/lan-addresses';
import { NgrokTunnel } from './tunnel/ngrok-tunnel';
import { NGROK_AUTHTOKEN_ENV, TunnelController } from './tunnel/tunnel-controller';
import type { TunnelProvider } from './tunnel/tunnel-provider';
import { createReplayApi, type ReplayApi } from './replay';
import { AccountCore } from './account/account-core';
import { apiTokenVariable, environmentProfileSecrets, type ProfileSecrets } from './account/profiles';
import type { FetchLike } from './account/token-session';

export type { HmacKeySource } from './hmac-key';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;
/** Flowent's own payload limit. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

export interface CoreOptions {
  dataDir: string;
  mode: 'desktop' | 'headless';
  hmacKey: HmacKeySource;
  host?: string;
  port?: number;
  bodyLimitBytes?: number;
  enforceSignatures?: boolean;
  /** Path to a better-sqlite3 binary built for this runtime (the desktop app passes its Electron build). */
  sqliteNativeBinding?: string;
  headersTimeoutMs?: number;
  bodyIdleTimeoutMs?: number;
  /** Longest time for a whole request, headers and body (60 s by default). */
  requestTimeoutMs?: number;
  /** `serve --forward`: the developer's handler, e.g. http://localhost:8000/actions/{action_name}. */
  forwardTarget?: string | null;
  /** How long a forwarded call may take before the companion answers 504 (default 30 s, Flowent's own limit). */
  forwardTimeoutMs?: number;
  /** Answer with the mock whenever forwarding gets no answer from the handler. */
  fallbackToMock?: boolean;
  /** The ngrok authtoken (keychain in the desktop app, NGROK_AUTHTOKEN headless). */
  ngrokAuthtoken?: SecretSource;
  /** A domain reserved on the user's ngrok account. */
  tunnelDomain?: string | null;
  /** The tunnel implementation; the embedded ngrok agent unless a test passes another. */
  tunnelProvider?: TunnelProvider;
  /** Each Flowent profile's API token (keychain in the desktop app); FLOWENT_API_TOKEN[_PROFILE] from `env` by default. */
  flowentSecrets?: ProfileSecrets;
  /** Where the user sets a profile's API token, completing "set …" in messages. */
  flowentApiTokenHint?: (profile: string) => string;
  /** The Flowent Gateway's HTTP client (tests point it anywhere; fetch by default). */
  flowentFetch?: FetchLike;
  /** FLOWENT_BASE_URL and FLOWENT_API_TOKEN[_PROFILE]; none by default. */
  env?: NodeJS.ProcessEnv;
  /** Where bugs in the core are reported; bad input is answered, never reported here. */
  onInternalError?: (error: unknown) => void;
}

export interface Started {
  host: string;
  port: number;
  baseUrl: string;
}

export interface Core {
  readonly api: CompanionApi;
  /** Every core event, one at a time, synchronously as it happens. */
  subscribe(listener: (event: CoreEvent) => void): () => void;
  /** Opens the history and starts the webhook server; failures a user can fix come back as values. */
  start(): Promise<Result<Started>>;
  /** Stops the server (closing keep-alive sockets) and closes the history. */
  stop(): Promise<void>;
}

/** The core with its mocks and forwarding API (kept apart from `Core` so existing fakes of `Core` still type-check). */
export interface RespondingCore extends Core {
  /** Mocks, forwarding targets and modes (issue 4); needs start() first, like `api`. */
  readonly respond: RespondApi;
  /** Replay, simulation, HAR export/import and cURL (issue 6); needs start() first, like `api`. */
  readonly replay: ReplayApi;
}

/**
 * The one way to build the core: the desktop app, the headless command and the tests all
 * come through here, so they run the same server, store and signature engine.
 */
export function createCore(options: CoreOptions): RespondingCore {
  const host = options.host ?? DEFAULT_HOST;
  const bodyLimitBytes = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const onInternalError = options.onInternalError ?? ((error: unknown) => console.error('flowent-companion: internal error:', error));
  const events = new CoreEvents(onInternalError);
  let store: Store | null = null;
  let server: WebhookServer | null = null;
  let responder: Responder | null = null;
  const forwardTimeoutMs = options.forwardTimeoutMs ?? FLOWENT_TIMEOUT_MS;
  const forwardSettings = {
    startupForwardTarget: options.forwardTarget ?? null,
    forwardTimeoutMs,
    fallbackToMock: options.fallbackToMock ?? false,
  };
  let listening: Started | null = null;

  const requireStore = (): Store => {
    if (!store) throw new Error('The core is not started: call start() first.');
    return store;
  };

  const ngrokAuthtoken = options.ngrokAuthtoken ?? sessionSecret({}, NGROK_AUTHTOKEN_ENV);
  const tunnel = new TunnelController({
    provider: options.tunnelProvider ?? new NgrokTunnel(),
    authtoken: ngrokAuthtoken,
    domain: options.tunnelDomain ?? null,
    localPort: () => listening?.port ?? null,
    emit: (event) => events.emit(event),
  });
  let currentHost = host;

  const status = (): CoreStatus => {
    const key = options.hmacKey.get();
    const allInterfaces = currentHost === '0.0.0.0' || currentHost === '::';
    return {
      webhookBaseUrl: listening?.baseUrl ?? null,
      host: currentHost,
      port: listening?.port ?? options.port ?? DEFAULT_PORT,
      dataDir: options.dataDir,
      enforceSignatures: options.enforceSignatures ?? false,
      bodyLimitBytes,
      hmacKey: { set: key !== null, masked: maskSecret(key), source: key ? options.hmacKey.source : null },
      canSetHmacKey: options.hmacKey.set !== undefined,
      mode: options.mode,
      tunnel: tunnel.status,
      ngrokAuthtoken: secretState(ngrokAuthtoken),
      canSetNgrokAuthtoken: ngrokAuthtoken.set !== undefined,
      tunnelDomain: options.tunnelDomain ?? null,
      listeningOnAllInterfaces: allInterfaces,
      lanAddresses: listening
        ? lanAddresses(networkInterfaces(), listening.port).map(({ webhookUrl: _unused, ...address }) => address)
        : [],
    };
  };

  const account = new AccountCore({
    dataDir: options.dataDir,
    nativeBinding: options.sqliteNativeBinding,
    secrets: options.flowentSecrets ?? environmentProfileSecrets(options.env ?? {}),
    apiTokenHint: options.flowentApiTokenHint ?? ((profile) => `the ${apiTokenVariable(profile)} environment variable`),
    env: options.env,
    fetch: options.flowentFetch,
    publicUrl: () => (tunnel.status.state === 'online' ? tunnel.status.url : null),
    // What reaches the webhook server now: loopback, and the LAN when it listens on every interface.
    localBaseUrls: () =>
      listening ? [listening.baseUrl, ...(status().listeningOnAllInterfaces ? status().lanAddresses.map((lan) => lan.baseUrl) : [])] : [],
    emit: (event) => events.emit(event),
    subscribe: (listener) => events.subscribe(listener),
    onError: onInternalError,
  });

  const respond = createRespondApi({
    respond: () => requireStore().respond,
    calls: () => requireStore().calls,
    ...forwardSettings,
    onChanged: () => events.emit({ type: 'answers-changed' }),
  });

  const replay = createReplayApi({
    calls: () => requireStore().calls,
    respond: () => requireStore().respond,
    hmacKey: () => options.hmacKey.get(),
    webhookBaseUrl: () => listening?.baseUrl ?? null,
    startupForwardTarget: options.forwardTarget ?? null,
    forwardTimeoutMs,
    onStored: (call) => events.emit({ type: 'call-stored', call }),
    onEvent: (event) => events.emit(event),
  });

  const startServer = async (bindHost: string, port: number): Promise<Result<Started>> => {
    const current = requireStore();
    const respondRepository = current.respond;
    responder = new Responder({ repository: () => respondRepository, ...forwardSettings });
    server = new WebhookServer({
      responder,
      host: bindHost,
      port,
      headersTimeoutMs: options.headersTimeoutMs ?? 10_000,
      bodyIdleTimeoutMs: options.bodyIdleTimeoutMs ?? 10_000,
      requestTimeoutMs: options.requestTimeoutMs,
      bodyLimitBytes,
      enforceSignatures: options.enforceSignatures ?? false,
      calls: current.calls,
      hmacKey: () => options.hmacKey.get(),
      onStored: (call) => events.emit({ type: 'call-stored', call }),
      onInternalError,
    });
    const started = await server.start();
    if (!started.ok) {
      server = null;
      await responder.close();
      responder = null;
      return started;
    }
    currentHost = bindHost;
    listening = { ...started.value, baseUrl: `http://${urlHost(started.value.host)}:${started.value.port}` };
    return { ok: true, value: listening };
  };

  const stopServer = async () => {
    // The responder first: forwards in flight are aborted, so the server can drain.
    await responder?.close();
    responder = null;
    await server?.stop();
    server = null;
    listening = null;
  };

  /** Moves the webhook server between loopback and every interface, keeping its port. */
  const listenOnAllInterfaces = async (on: boolean): Promise<Result<void>> => {
    const wanted = on ? '0.0.0.0' : DEFAULT_HOST;
    if (!listening) return { ok: false, code: 'server-not-running', message: 'The webhook server is not running.' };
    if (wanted === currentHost) return { ok: true, value: undefined };
    const { port } = listening;
    const previousHost = currentHost;
    await stopServer();
    const moved = await startServer(wanted, port);
    if (moved.ok) return { ok: true, value: undefined };
    const restored = await startServer(previousHost, port);
    if (!restored.ok) onInternalError(new Error(`webhook server could not be restarted: ${restored.message}`));
    return moved;
  };

  const api = createCoreApi({
    calls: () => requireStore().calls,
    respond,
    replay,
    tunnel,
    hmacKey: options.hmacKey,
    ngrokAuthtoken,
    status,
    account,
    listenOnAllInterfaces,
    onHistoryCleared: () => events.emit({ type: 'history-cleared' }),
    onStatusChanged: () => events.emit({ type: 'status-changed', status: status() }),
  });

  return {
    api,
    respond,
    replay,
    subscribe: (listener) => events.subscribe(listener),
    async start() {
      if (listening) return { ok: true, value: listening };
      const opened = openStore({
        dataDir: options.dataDir,
        nativeBinding: options.sqliteNativeBinding,
        onBackgroundError: (error) => onInternalError(new Error(textIndexFailure(error), { cause: error })),
      });
      if (!opened.ok) return opened;
      store = opened.value;
      const accountOpened = account.open();
      if (!accountOpened.ok) {
        store.close();
        store = null;
        return accountOpened;
      }
      const started = await startServer(host, options.port ?? DEFAULT_PORT);
      if (!started.ok) {
        account.close();
        store.close();
        store = null;
        return started;
      }
      events.emit({ type: 'status-changed', status: status() });
      return started;
    },
    async stop() {
      await replay.close();
      await tunnel.dispose();
      await stopServer();
      account.close();
      store?.close();
      store = null;
    },
  };
}

/** The address to print for a bind address: 0.0.0.0 is not something a client can call. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
