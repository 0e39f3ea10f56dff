/** The running core: where it listens, its secrets, the public tunnel. */
import type { Result } from './result';
import type { ArgumentsOf } from './schemas/arguments';
import type { statusArguments } from './schemas/status';
import type { KeychainUnavailable, ProjectMissing, SecretFailure, SecretState, ServerNotRunning } from './shared';

/** The companion's two servers: where Flowent calls, and the browser inspector. */
export type ServerName = 'webhook' | 'inspector';

/** Why a server could not listen. */
export type ListenFailure =
  | { code: 'port-in-use'; server: ServerName; host: string; port: number }
  | { code: 'port-forbidden'; server: ServerName; port: number }
  | { code: 'host-unavailable'; server: ServerName; host: string }
  | { code: 'listen-failed'; server: ServerName; host: string; port: number; reason: string };

/** Why the history could not be opened (`reason` is the system's own code or text). */
export type StoreFailure =
  /** `reason`: DATA_DIR_NOT_A_FOLDER, DATA_DIR_PATH_THROUGH_A_FILE, DATA_DIR_TAKES_NO_FOLDERS, else the system's code. */
  | { code: 'data-dir-unusable'; dir: string; reason: string }
  /**
   * A data folder of another user's that this user may not enter (its 0700) or write in: `owner`
   * names that user, `user` is this one (what `chown` would give it to).
   */
  | { code: 'data-dir-of-another-user'; dir: string; owner: string; user: string; denied: 'enter' | 'write' }
  /**
   * A data folder inside `closed`, a folder of another user's (`owner`) that this user (`user`)
   * may not enter: their home, say. Not this user's to take, so no chown is offered.
   */
  | { code: 'data-dir-in-closed-folder'; dir: string; closed: string; owner: string; user: string }
  /**
   * A data folder of this user's own whose modes (`mode`, as `0500`) keep this user from entering
   * it or writing in it: chmod gives it back, as the owner may change its modes.
   */
  | { code: 'data-dir-closed-by-its-modes'; dir: string; mode: string; denied: 'enter' | 'write' }
  /**
   * The SQLite module (better-sqlite3, in `folder`) cannot be loaded: `reason` null when it was
   * never built (its install script did not run), else the loader's words (built for another
   * Node, another system). `packageFolder` holds the node_modules it is in: where a rebuild runs.
   */
  | { code: 'sqlite-module-unusable'; folder: string; packageFolder: string; reason: string | null }
  | { code: 'disk-full'; file: string }
  | { code: 'database-unwritable'; file: string; reason: string }
  | { code: 'database-damaged'; file: string; reason: string }
  | { code: 'database-error'; file: string; reason: string }
  /**
   * A history this user may not write (its folder or file made read-only, or another user's):
   * `owner` names that other user, `user` is this one (what `chown` would give it to).
   */
  | { code: 'history-read-only'; dir: string; file: string; owner: string | null; user: string }
  /** A history this user may not even read (another user's private one, after `sudo serve` say). */
  | { code: 'history-unreadable'; dir: string; file: string; owner: string | null; user: string }
  | { code: 'schema-too-new'; found: number; known: number }
  /** A command that only reads found no history in the folder (it creates none). */
  | { code: 'no-history'; dir: string };

/** Why the core could not start: the history, then the webhook server. */
export type StartFailure = StoreFailure | ListenFailure | ProjectMissing;

/** Why the tunnel is not online; `ngrokCode` is the ERR_NGROK_ code ngrok's service sent. */
export type TunnelFailure =
  | { code: 'tunnel-no-authtoken' }
  | { code: 'tunnel-authtoken-invalid'; ngrokCode: 'ERR_NGROK_105' | 'ERR_NGROK_106' | 'ERR_NGROK_107' }
  | { code: 'tunnel-too-many-sessions'; ngrokCode: string }
  | { code: 'tunnel-agent-outdated'; ngrokCode: string }
  | { code: 'tunnel-domain-taken'; ngrokCode: string }
  /** A code whose meaning ngrok does not document: `said` is the service's own text. */
  | { code: 'tunnel-rejected'; ngrokCode: string; said: string }
  | { code: 'tunnel-tls-failed'; reason: string }
  | { code: 'tunnel-unreachable'; reason: string }
  | { code: 'tunnel-timeout'; seconds: number }
  | { code: 'tunnel-connection-lost' }
  | { code: 'tunnel-unavailable'; reason: string }
  | { code: 'tunnel-failed'; reason: string }
  | { code: 'tunnel-closed' };

export type StatusFailure = ListenFailure | SecretFailure | TunnelFailure | ServerNotRunning;

/** Where the public tunnel is. */
export interface TunnelStatus {
  state: 'offline' | 'connecting' | 'online' | 'reconnecting';
  /** The public base URL while online (the last known one while reconnecting; null when it never opened). */
  url: string | null;
  /** Why it is offline or reconnecting, when that was not the user's choice. */
  reason: TunnelFailure | null;
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

/** Why the history could not take a call (see store-faults): the disk full, read-only, failing, or SQLite refusing. */
export type StorageFaultCode = 'disk-full' | 'read-only' | 'io-error' | 'store-failed';

/**
 * A stretch of time when calls could not be stored: each was answered 503 (Flowent may send it
 * again) and is not in the history.
 */
export interface StorageFault {
  code: StorageFaultCode;
  /** The cause in words, e.g. "the disk is full", "the disk could not be written (SQLITE_IOERR_WRITE)". */
  reason: string;
  /** When the first call was refused, in milliseconds since the epoch. */
  since: number;
  /** Calls answered 503 so far because they could not be stored. */
  refused: number;
  /** When a call was stored again; null while the fault lasts. */
  endedAt: number | null;
}

export interface CoreStatus {
  /** e.g. http://127.0.0.1:8787 ; null until the server listens. */
  webhookBaseUrl: string | null;
  host: string;
  port: number | null;
  dataDir: string;
  /**
   * Whether `dataDir` is the default folder, the one a command opens when given no --data-dir:
   * a command printed for the person to run names the folder when it is not.
   */
  dataDirIsDefault: boolean;
  enforceSignatures: boolean;
  bodyLimitBytes: number;
  hmacKey: SecretState;
  /** Whether the HMAC key can be changed from the UI in this mode, on this system. */
  canSetHmacKey: boolean;
  /**
   * Why secrets (the HMAC key, the ngrok authtoken) cannot be set from the UI though this mode
   * keeps them: the system has no keychain the app can keep them in. null when they can be, and
   * in headless mode, which keeps none.
   */
  keychainUnavailable: KeychainUnavailable | null;
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
  /**
   * Calls cannot be stored now (`endedAt` null): each is answered 503. Else the last stretch when
   * they could not, in this run, with its end (so a page opened later still learns of the refused
   * calls); null when every call was stored.
   */
  storageFault: StorageFault | null;
}

type Args = ArgumentsOf<typeof statusArguments>;

export interface StatusMethods {
  getStatus(...args: Args['getStatus']): Promise<CoreStatus>;
  setHmacKey(...[key]: Args['setHmacKey']): Promise<Result<CoreStatus, StatusFailure>>;
  clearHmacKey(...args: Args['clearHmacKey']): Promise<Result<CoreStatus, StatusFailure>>;
  openTunnel(...args: Args['openTunnel']): Promise<Result<{ url: string }, StatusFailure>>;
  closeTunnel(...args: Args['closeTunnel']): Promise<Result<{ closed: true }, StatusFailure>>;
  setNgrokAuthtoken(...[token]: Args['setNgrokAuthtoken']): Promise<Result<CoreStatus, StatusFailure>>;
  clearNgrokAuthtoken(...args: Args['clearNgrokAuthtoken']): Promise<Result<CoreStatus, StatusFailure>>;
  /** Restarts the webhook server on the same port, on every interface or on loopback only. */
  setListenOnAllInterfaces(...[on]: Args['setListenOnAllInterfaces']): Promise<Result<CoreStatus, StatusFailure>>;
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
  /**
   * The tunnel came online at another public URL than it last had (rebuilt after an outage,
   * closed and opened again, or in an earlier run on the data folder): Flowent actions must be re-pointed.
   */
  | { type: 'tunnel-url-changed'; previous: string; current: string };
