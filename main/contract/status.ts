/** The running core: where it listens, its secrets, the public tunnel. */
import type { Result } from './result';
import type { ArgumentsOf } from './schemas/arguments';
import type { statusArguments } from './schemas/status';

/** Where the public tunnel is. */
export interface TunnelStatus {
  state: 'offline' | 'connecting' | 'online' | 'reconnecting';
  /** The public base URL while online (the last known one while reconnecting). */
  url: string | null;
  /** Why it is offline or reconnecting, when that was not the user's choice. */
  reason: { code: string; message: string } | null;
  /** Set while the app itself schedules a rebuild of the session. */
  attempt?: number;
  /** Milliseconds since the epoch of the next rebuild attempt. */
  nextRetryAt?: number;
}

/** One of this machine's network addresses, for Flowent on the same network. */
export interface LanAddress {
  interface: string;
  address: string;
  /** e.g. http://192.168.1.100:8787 */
  baseUrl: string;
}

export interface SecretState {
  set: boolean;
  source: 'keychain' | 'environment' | 'session' | null;
}

export interface CoreStatus {
  /** e.g. http://127.0.0.1:8787 ; null until the server listens. */
  webhookBaseUrl: string | null;
  host: string;
  port: number | null;
  dataDir: string;
  enforceSignatures: boolean;
  bodyLimitBytes: number;
  hmacKey: { set: boolean; masked: string | null; source: 'keychain' | 'environment' | 'session' | null };
  /** Whether the HMAC key can be changed from the UI in this mode. */
  canSetHmacKey: boolean;
  mode: 'desktop' | 'headless';
  tunnel: TunnelStatus;
  ngrokAuthtoken: SecretState;
  canSetNgrokAuthtoken: boolean;
  /** The reserved domain the tunnel asks for, when one is configured. */
  tunnelDomain: string | null;
  /** True when the webhook server listens on every interface (reachable from the network). */
  listeningOnAllInterfaces: boolean;
  /** This machine's non-internal IPv4 addresses with the webhook base URL on each. */
  lanAddresses: LanAddress[];
}

type Args = ArgumentsOf<typeof statusArguments>;

export interface StatusMethods {
  getStatus(...args: Args['getStatus']): Promise<CoreStatus>;
  setHmacKey(...[key]: Args['setHmacKey']): Promise<Result<CoreStatus>>;
  clearHmacKey(...args: Args['clearHmacKey']): Promise<Result<CoreStatus>>;
  openTunnel(...args: Args['openTunnel']): Promise<Result<{ url: string }>>;
  closeTunnel(...args: Args['closeTunnel']): Promise<Result<{ closed: true }>>;
  setNgrokAuthtoken(...[token]: Args['setNgrokAuthtoken']): Promise<Result<CoreStatus>>;
  clearNgrokAuthtoken(...args: Args['clearNgrokAuthtoken']): Promise<Result<CoreStatus>>;
  /** Restarts the webhook server on the same port, on every interface or on loopback only. */
  setListenOnAllInterfaces(...[on]: Args['setListenOnAllInterfaces']): Promise<Result<CoreStatus>>;
}

export const STATUS_METHOD_NAMES = [
  'getStatus',
  'setHmacKey',
  'clearHmacKey',
  'openTunnel',
  'closeTunnel',
  'setNgrokAuthtoken',
  'clearNgrokAuthtoken',
  'setListenOnAllInterfaces',
] as const satisfies readonly (keyof StatusMethods)[];

export type StatusEvent =
  | { type: 'status-changed'; status: CoreStatus }
  | { type: 'tunnel-status'; status: TunnelStatus }
  /** A rebuilt tunnel came back with another public URL: Flowent actions must be re-pointed. */
  | { type: 'tunnel-url-changed'; previous: string; current: string };
