import type { AccountFailure, Refused } from '../../contract/api';
import type { SecretSource } from '../secret-source';
import { networkProblemOf } from '../network-problem';
import { gatewayFailure } from './gateway-errors';
import { gatewayUrlRefusal } from './profiles';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface TokenSessionOptions {
  baseUrl: string;
  /** The environment variable `baseUrl` was read from (FLOWENT_BASE_URL), null when it was saved or built in. */
  baseUrlVariable?: string | null;
  /** The profile the token is of, and the environment variable it can come from. */
  profile: string;
  variable: string;
  apiToken: SecretSource;
  fetch?: FetchLike;
  now?: () => number;
  timeoutMs?: number;
}

type Exchanged = { ok: true; jwt: string } | Refused<AccountFailure>;

/**
 * The Gateway session: the API token exchanged for a JWT (`POST /token/exchange`), kept in
 * memory only, exchanged again shortly before it expires or when the Gateway says it is no
 * longer valid. There is no refresh call: re-exchanging the API token is the refresh.
 */
export class TokenSession {
  private jwt: string | null = null;
  private expires: number | null = null;
  private lifetimeMs = 0;
  private pending: Promise<Exchanged> | null = null;
  private readonly fetch: FetchLike;
  private readonly now: () => number;
  /** How many exchanges this session made (for the UI and the tests). */
  exchanges = 0;

  constructor(private readonly options: TokenSessionOptions) {
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds since the epoch when the current JWT expires; null without one (for a countdown). */
  get expiresAt(): number | null {
    return this.expires;
  }

  /** A JWT that is valid for a while yet, exchanging the API token when needed. */
  async token(): Promise<Exchanged> {
    // Renew ahead of expiry: a minute before, or a tenth of the lifetime when that is shorter.
    const margin = Math.min(60_000, this.lifetimeMs / 10);
    if (this.jwt && this.expires !== null && this.now() < this.expires - margin) return { ok: true, jwt: this.jwt };
    return this.exchange();
  }

  /** Forgets the JWT (after a 401) so the next token() exchanges again. */
  invalidate(): void {
    this.jwt = null;
    this.expires = null;
  }

  /** Exchanges the API token now; concurrent callers share one exchange. */
  exchange(): Promise<Exchanged> {
    this.pending ??= this.doExchange().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async doExchange(): Promise<Exchanged> {
    const apiToken = this.options.apiToken.get();
    const { baseUrl, profile, variable, baseUrlVariable } = this.options;
    // A URL from the environment is checked here, before anything is sent, so a malformed setting
    // is named as such and not taken for the network; a saved one too: it may have been saved
    // before the rules refused it, or written into the settings by hand.
    const badUrl = gatewayUrlRefusal(baseUrl, baseUrlVariable ? { variable: baseUrlVariable } : { savedProfile: profile });
    if (badUrl) return badUrl;
    if (!apiToken) return { ok: false, code: 'flowent-no-api-token', profile, variable };
    const url = `${baseUrl}/token/exchange`;
    let response: Response;
    try {
      this.exchanges += 1;
      response = await this.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ api_token: apiToken }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      return unreachable(baseUrl, error);
    }
    const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (response.status === 401) return { ok: false, code: 'flowent-api-token-rejected', profile, variable };
    // A Gateway that fails or is rate-limited says nothing about the token: say what it is, as for any other request.
    if (response.status === 429 || response.status >= 500) return gatewayFailure(response.status, body, { baseUrl });
    if (!response.ok) {
      const error = typeof body?.error === 'string' ? body.error : '';
      const details = typeof body?.details === 'string' ? { details: body.details } : {};
      return { ok: false, code: 'flowent-exchange-failed', status: response.status, baseUrl, error, ...details };
    }
    const jwt = body?.jwt_token;
    const expiresIn = body?.expires_in;
    if (typeof jwt !== 'string' || jwt === '') {
      return { ok: false, code: 'flowent-bad-answer', baseUrl, missing: 'jwt_token', status: response.status };
    }
    // expires_in is documented (86400); a JWT without it is assumed to last the documented day.
    this.lifetimeMs = (typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : 86_400) * 1000;
    this.jwt = jwt;
    this.expires = this.now() + this.lifetimeMs;
    return { ok: true, jwt };
  }
}

export function unreachable(baseUrl: string, error: unknown): Refused<AccountFailure> {
  return { ok: false, code: 'flowent-unreachable', baseUrl, problem: networkProblemOf(error) };
}
