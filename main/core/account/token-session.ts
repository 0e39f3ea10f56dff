import type { SecretSource } from '../secret-source';
import { failure, type FlowentFailure } from './types';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface TokenSessionOptions {
  baseUrl: string;
  apiToken: SecretSource;
  /** Where to set the token, for the messages (e.g. "FLOWENT_API_TOKEN" or "Settings"). */
  apiTokenHint: string;
  fetch?: FetchLike;
  now?: () => number;
  timeoutMs?: number;
}

export const API_TOKEN_REJECTED = 'API token rejected: create a new one in Gateway Management (Flowent admin panel) and set it again.';

/**
 * The Gateway session: the API token exchanged for a JWT (`POST /token/exchange`), kept in
 * memory only, exchanged again shortly before it expires or when the Gateway says it is no
 * longer valid. There is no refresh call: re-exchanging the API token is the refresh.
 */
export class TokenSession {
  private jwt: string | null = null;
  private expires: number | null = null;
  private lifetimeMs = 0;
  private pending: Promise<{ ok: true; jwt: string } | FlowentFailure> | null = null;
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
  async token(): Promise<{ ok: true; jwt: string } | FlowentFailure> {
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
  exchange(): Promise<{ ok: true; jwt: string } | FlowentFailure> {
    this.pending ??= this.doExchange().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async doExchange(): Promise<{ ok: true; jwt: string } | FlowentFailure> {
    const apiToken = this.options.apiToken.get();
    if (!apiToken) {
      return failure(
        'flowent-no-api-token',
        `No Flowent API token is set: create one in Flowent's Gateway Management and set ${this.options.apiTokenHint}.`,
      );
    }
    const url = `${this.options.baseUrl}/token/exchange`;
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
      return unreachable(this.options.baseUrl, error);
    }
    const body = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    if (response.status === 401) return failure('flowent-api-token-rejected', API_TOKEN_REJECTED, { status: 401 });
    if (!response.ok) {
      const said = typeof body?.error === 'string' ? `: ${body.error}${typeof body.details === 'string' ? ` (${body.details})` : ''}` : '';
      return failure(
        'flowent-exchange-failed',
        `Flowent refused the token exchange (HTTP ${response.status})${said}. Check the API token and the Gateway URL ${this.options.baseUrl}.`,
        { status: response.status },
      );
    }
    const jwt = body?.jwt_token;
    const expiresIn = body?.expires_in;
    if (typeof jwt !== 'string' || jwt === '') {
      return failure(
        'flowent-bad-answer',
        `The Gateway at ${this.options.baseUrl} answered the token exchange without a jwt_token: is this a Flowent Gateway URL (…/api/v1/gateway)?`,
      );
    }
    // expires_in is documented (86400); a JWT without it is assumed to last the documented day.
    this.lifetimeMs = (typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : 86_400) * 1000;
    this.jwt = jwt;
    this.expires = this.now() + this.lifetimeMs;
    return { ok: true, jwt };
  }
}

export function unreachable(baseUrl: string, error: unknown): FlowentFailure {
  const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error instanceof Error ? error.name : 'error');
  const reason = cause === 'TimeoutError' ? 'it did not answer in time' : `${cause}`;
  return failure(
    'flowent-unreachable',
    `Cannot reach the Flowent Gateway at ${baseUrl} (${reason}). Check the Gateway URL and your internet connection.`,
  );
}
