import type { HistoryLimits } from '../contract/api';
import type { ProfileSecrets } from './account/profiles';
import type { FetchLike } from './account/token-session';
import type { SecretSource } from './secret-source';
import type { QueryBudget } from './store/id-windows';
import type { TunnelProvider } from './tunnel/tunnel-provider';

/**
 * How a core is built (createCore): by the desktop app, `serve`, each one-shot command and the
 * tests. Everything but the data folder and the mode has a default.
 */
export interface CoreOptions {
  dataDir: string;
  mode: 'desktop' | 'headless';
  /** This companion's mark on the calls it sends to its own webhook; `serve` gives it so it can publish it in its state file (serve-state.ts). */
  loopToken?: string;
  /** Where the HMAC key comes from (the keychain in the desktop app); FLOWENT_HMAC_KEY from `env`, for this run, by default. */
  hmacKey?: SecretSource;
  host?: string;
  port?: number;
  /** The largest body accepted; Flowent's own limit by default. */
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
  /** How long a forwarded call may take before the companion answers 504 (default: Flowent's own limit). */
  forwardTimeoutMs?: number;
  /** Answer with the mock whenever forwarding gets no answer from the handler. */
  fallbackToMock?: boolean;
  /** History limits and the rate limit given for this run (`serve --keep-calls`...); the stored settings give the others. */
  limits?: Partial<HistoryLimits>;
  /** The ngrok authtoken (the keychain in the desktop app); NGROK_AUTHTOKEN from `env`, for this run, by default. */
  ngrokAuthtoken?: SecretSource;
  /** A domain reserved on the user's ngrok account. */
  tunnelDomain?: string | null;
  /** The tunnel implementation; the embedded ngrok agent unless a test passes another. */
  tunnelProvider?: TunnelProvider;
  /**
   * A stand-in for ngrok's edge for the embedded agent (its address and its CA). Only code sets
   * it: the command's tests reach it through an entry point of their own, never the environment.
   */
  ngrokEdge?: { serverAddr: string; caCert: string };
  /** Each Flowent profile's API token (keychain in the desktop app); FLOWENT_API_TOKEN[_PROFILE] from `env` by default. */
  flowentSecrets?: ProfileSecrets;
  /** Work with this Flowent profile instead of the stored active one (the command line's `--profile`). */
  flowentProfile?: string;
  /** The Flowent Gateway's HTTP client (tests point it anywhere; fetch by default). */
  flowentFetch?: FetchLike;
  /** The environment the secrets above and FLOWENT_BASE_URL are read from; none by default. */
  env?: NodeJS.ProcessEnv;
  /**
   * The project folder (`flowent/`) whose files hold the actions and the answers; none by
   * default, and then answers live in the history folder.
   */
  projectDir?: string | null;
  /**
   * A one-shot command's core (`send`, `replay`, `import`...; see open-core.ts): it deletes no
   * calls by limits of its own, stored or default, only what the companions running on the
   * folder want gone, which they delete anyway (DeletesBy). Its limits (`getLimits`) are still
   * the folder's.
   */
  oneShot?: boolean;
  /** For commands that only read: the history must exist, and it is opened read-only (see `openStore`). */
  readOnly?: boolean;
  /** With `readOnly`: a missing history reads as an empty one and nothing is created (see `openStore`). */
  emptyIfMissing?: boolean;
  /** For commands that write: the history, or its folder, must be there already (see `openStore`). */
  mustExist?: 'history' | 'folder';
  /**
   * How much one list or count query may read before it answers with what it has; the default
   * keeps every query of a 1,000,000-call history under 100 ms. A smaller one shows, on a small
   * history, what a big one does: searches that stop ("Search further") and counts in steps.
   */
  queryBudget?: QueryBudget;
  /**
   * A one-shot command's first Ctrl-C: once aborted, a probe of the handler sends no more
   * requests (the one in flight is answered and stored first) and says what it found so far.
   */
  stopSignal?: AbortSignal;
  /** Where bugs in the core are reported; bad input is answered, never reported here. */
  onInternalError?: (error: unknown) => void;
}
