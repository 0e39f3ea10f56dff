import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreEvent, TunnelStatus } from '../../../main/contract/api';
import type { TunnelProvider } from '../../../main/core/tunnel/tunnel-provider';
import { FlowentGateway } from '../../fixtures/flowent-gateway/gateway';
import { startInspectorFor } from '../../helpers/inspector';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { onCleanup, tempDir } from '../account/harness';

/** A distinctive token, so a search of everything the companion wrote finds any copy of it. */
export const SECRET_TOKEN = 'flowent-api-token-VALUE-7f3a9c';
export const INSPECTOR_TOKEN = 'inspector-test-token-0123456789abc';

/**
 * Stands for ngrok's cloud only: a public URL the test sets (a name that reaches the companion,
 * or one that does not), and a move from one URL to another, as a rebuilt tunnel comes back.
 */
export interface TunnelStandIn extends TunnelProvider {
  goOnline(url: string): void;
  change(change: { previous: string; current: string }): void;
}

export function tunnelStandIn(): TunnelStandIn {
  const statusListeners = new Set<(status: TunnelStatus) => void>();
  let status: TunnelStatus = { state: 'offline', url: null, reason: null };
  const setStatus = (next: TunnelStatus) => {
    status = next;
    statusListeners.forEach((listener) => listener(next));
  };
  return {
    // The stand-in is driven by the test: opening it does nothing.
    open: async () => ({ ok: false, code: 'tunnel-closed' }),
    close: async () => setStatus({ state: 'offline', url: null, reason: null }),
    onStatus: (listener) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    get status() {
      return status;
    },
    goOnline: (url) => setStatus({ state: 'online', url, reason: null }),
    change: ({ previous, current }) => {
      if (status.state !== 'online' || status.url !== previous) setStatus({ state: 'online', url: previous, reason: null });
      setStatus({ state: 'online', url: current, reason: null });
    },
  };
}

export interface AccountRig {
  gateway: FlowentGateway;
  companion: RunningCore;
  tunnel: TunnelStandIn;
  /** Calls the contract through the inspector's HTTP API, as the browser inspector does. */
  call<T = unknown>(method: string, ...args: unknown[]): Promise<T>;
  /** The HTTP status and body of one inspector call, for refusals. */
  raw(method: string, args: unknown): Promise<{ status: number; json: unknown }>;
  events: CoreEvent[];
}

/** A Gateway stand-in, a real core (real SQLite, port 0) pointed at it, and its inspector. */
export async function accountRig(options: { token?: string | null; env?: NodeJS.ProcessEnv } = {}): Promise<AccountRig> {
  const gateway = new FlowentGateway({ apiTokens: { [SECRET_TOKEN]: 'tenant-1' } });
  await gateway.start();
  onCleanup(() => gateway.stop());
  const tunnel = tunnelStandIn();
  const { token = SECRET_TOKEN } = options;
  const env = { FLOWENT_BASE_URL: gateway.baseUrl, ...(token ? { FLOWENT_API_TOKEN: token } : {}), ...options.env };
  const companion = await startCore({ dataDir: tempDir(), env, tunnelProvider: tunnel });
  onCleanup(() => companion.close());
  const { inspector, port } = await startInspectorFor(companion, INSPECTOR_TOKEN);
  onCleanup(() => inspector.stop());
  const raw = async (method: string, args: unknown) => {
    const response = await fetch(`http://127.0.0.1:${port}/api/call/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${INSPECTOR_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    return { status: response.status, json: (await response.json()) as unknown };
  };
  return {
    gateway,
    companion,
    tunnel,
    events: companion.events,
    raw,
    async call<T>(method: string, ...args: unknown[]) {
      const answer = await raw(method, args);
      const body = answer.json as { ok: boolean; value?: unknown; message?: string };
      if (answer.status !== 200 || !body.ok) throw new Error(`${method}: HTTP ${answer.status} ${JSON.stringify(body)}`);
      return body.value as T;
    },
  };
}

/** Every file the companion wrote in its data folder (the SQLite file and its WAL included), as text. */
export function dataFolderText(dataDir: string): string {
  return readdirSync(dataDir)
    .map((name) => readFileSync(join(dataDir, name)).toString('latin1'))
    .join('\n');
}

export async function eventually<T>(read: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
