import type { CompanionApi, CoreEvent, CoreStatus, Result } from '../contract/api';
import { createCoreApi } from './api/core-api';
import { CoreEvents } from './events';
import { maskSecret, type HmacKeySource } from './hmac-key';
import { WebhookServer } from './http/webhook-server';
import { openStore, type Store } from './store/open-store';

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

/**
 * The one way to build the core: the desktop app, the headless command and the tests all
 * come through here, so they run the same server, store and signature engine.
 */
export function createCore(options: CoreOptions): Core {
  const host = options.host ?? DEFAULT_HOST;
  const bodyLimitBytes = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const onInternalError = options.onInternalError ?? ((error: unknown) => console.error('flowent-companion: internal error:', error));
  const events = new CoreEvents(onInternalError);
  let store: Store | null = null;
  let server: WebhookServer | null = null;
  let listening: Started | null = null;

  const requireStore = (): Store => {
    if (!store) throw new Error('The core is not started: call start() first.');
    return store;
  };

  const status = (): CoreStatus => {
    const key = options.hmacKey.get();
    return {
      webhookBaseUrl: listening?.baseUrl ?? null,
      host,
      port: listening?.port ?? options.port ?? DEFAULT_PORT,
      dataDir: options.dataDir,
      enforceSignatures: options.enforceSignatures ?? false,
      bodyLimitBytes,
      hmacKey: { set: key !== null, masked: maskSecret(key), source: key ? options.hmacKey.source : null },
      canSetHmacKey: options.hmacKey.set !== undefined,
      mode: options.mode,
    };
  };

  const api = createCoreApi({
    calls: () => requireStore().calls,
    hmacKey: options.hmacKey,
    status,
    onHistoryCleared: () => events.emit({ type: 'history-cleared' }),
    onStatusChanged: () => events.emit({ type: 'status-changed', status: status() }),
  });

  return {
    api,
    subscribe: (listener) => events.subscribe(listener),
    async start() {
      if (listening) return { ok: true, value: listening };
      const opened = openStore({ dataDir: options.dataDir, nativeBinding: options.sqliteNativeBinding });
      if (!opened.ok) return opened;
      store = opened.value;
      const calls = store.calls;
      server = new WebhookServer({
        host,
        port: options.port ?? DEFAULT_PORT,
        headersTimeoutMs: options.headersTimeoutMs ?? 10_000,
        bodyIdleTimeoutMs: options.bodyIdleTimeoutMs ?? 10_000,
        bodyLimitBytes,
        enforceSignatures: options.enforceSignatures ?? false,
        calls,
        hmacKey: () => options.hmacKey.get(),
        onStored: (call) => events.emit({ type: 'call-stored', call }),
        onInternalError,
      });
      const started = await server.start();
      if (!started.ok) {
        server = null;
        store.close();
        store = null;
        return started;
      }
      listening = { ...started.value, baseUrl: `http://${urlHost(started.value.host)}:${started.value.port}` };
      events.emit({ type: 'status-changed', status: status() });
      return { ok: true, value: listening };
    },
    async stop() {
      await server?.stop();
      server = null;
      listening = null;
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
