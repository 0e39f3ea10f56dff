import type { HeaderPair, ReplayFailure, Result } from '../../contract/api';
import type { StoredCall } from '../store/call-rows';
import { isCredentialHeader } from '../../contract/credential-headers';
import { redactSecretQueryValues } from '../../contract/url-credentials';
import { shellQuote } from '../../contract/shell-words';
import { freshBody } from './edit-body';
import { FALLBACK_STYLE } from './learned-style';

export interface CurlOptions {
  /**
   * A fresh timestamp and signature instead of the stored ones (needs `key`); a registration
   * check Flowent sent unsigned gets a fresh timestamp only, as Flowent sends it.
   */
  resign?: boolean;
  key?: string | null;
  /** Default: python (pass the learned style). */
  style?: string;
  /** Where to send it; default: the call's path on the companion's own webhook server. */
  url?: string;
  /** The companion's webhook server, e.g. `http://127.0.0.1:8787`; null when it is not running. */
  webhookBaseUrl?: string | null;
  /** Unix milliseconds for the fresh timestamp (tests). */
  now?: () => number;
}

/** Headers curl sets itself, or that belong to the original hop. */
const LEFT_OUT =
  /^(host|content-length|connection|keep-alive|transfer-encoding|te|trailer|upgrade|expect|accept-encoding|x-forwarded-.*|proxy-.*)$/i;

/**
 * A POSIX shell command that sends the same call with curl: the stored body (or a re-signed
 * one, see `resign`), its headers (no credentials: copy those by hand, as the query's tokens), POSTed to the URL. The URL is the
 * companion's own (or the one given), never built from the stored Host header: a caller
 * could name any machine there and have the user send it a freshly signed call.
 */
export function curlFor(call: StoredCall, options: CurlOptions = {}): Result<string, ReplayFailure> {
  if (call.requestBody.length < call.size) return { ok: false, code: 'body-not-stored', size: call.size };
  let body: Buffer = call.requestBody;
  let headers: HeaderPair[] = call.requestHeaders.filter(([name]) => !LEFT_OUT.test(name) && !isCredentialHeader(name));
  if (options.resign) {
    const fresh = freshBody(call.requestBody, Math.floor((options.now?.() ?? Date.now()) / 1000), {
      key: options.key ?? null,
      style: () => options.style ?? FALLBACK_STYLE,
      needs: 'curl',
    });
    if (!fresh.ok) return fresh;
    body = fresh.value.body;
    headers = [['Content-Type', 'application/json'], ...headers.filter(([name]) => name.toLowerCase() !== 'content-type')];
  }
  if (body.includes(0)) return { ok: false, code: 'binary-body' };
  // The caller's token in the stored query is left out as its credential headers are; a URL given is the user's own.
  const url = options.url ?? (options.webhookBaseUrl ? redactSecretQueryValues(ownWebhookUrl(options.webhookBaseUrl, call)) : null);
  if (url === null) return { ok: false, code: 'server-not-running' };
  const parts = ['curl', '-sS', '-X', 'POST', shellQuote(url)];
  for (const [name, value] of headers) parts.push('-H', shellQuote(`${name}: ${value}`));
  parts.push('--data-binary', shellQuote(body.toString('utf8')));
  return { ok: true, value: parts.join(' ') };
}

/**
 * The stored call's path on the companion's webhook server. A path that could not stay on it
 * (a request target in absolute form, `//host/...`) gives the Flowent route of the call's action.
 */
export function ownWebhookUrl(baseUrl: string, call: StoredCall): string {
  const origin = new URL(baseUrl).origin;
  if (call.path.startsWith('/') && !call.path.startsWith('//')) {
    try {
      const url = new URL(`${origin}${call.path}`);
      if (url.origin === origin) return url.href;
    } catch {
      // Not a path a URL can hold: fall back to the action's route below.
    }
  }
  return `${origin}/actions${call.action ? `/${call.action}` : ''}`;
}
