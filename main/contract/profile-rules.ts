import { redactUrlCredentials, redactUrlQuery } from './url-credentials';

/**
 * What a Flowent profile must be, checked by the core when a profile is saved (and when
 * FLOWENT_BASE_URL is read) and by the page's profile form as the user types: one rule for both.
 */

/** A profile's name: it becomes part of an environment variable (FLOWENT_API_TOKEN_STAGING). */
export const PROFILE_NAME = /^[a-z0-9_-]{1,40}$/;

/**
 * What is wrong with a Gateway URL: not an http(s) URL, or one holding credentials
 * (`https://user:pw@host/`), a query string or a fragment. The API token is what authenticates
 * to the Gateway; a password in the URL would be stored with the profile in clear and printed
 * wherever the URL is, and the request cannot be made from such a URL anyway. The Gateway's
 * paths (`/token/exchange`, `/actions`) are appended to the URL: after a query or a fragment
 * they would be part of it, and the request would go to the URL's own path.
 */
export type GatewayUrlProblem = 'not-http-url' | 'credentials' | GatewayUrlExtra;

/** A part of a URL the Gateway's paths cannot follow: `query` (from "?" on) or `fragment` (from "#" on). */
export type GatewayUrlExtra = 'query' | 'fragment';

export function gatewayUrlProblem(text: string): GatewayUrlProblem | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not-http-url';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'not-http-url';
  if (url.username !== '' || url.password !== '') return 'credentials';
  // In a URL that parses, the first "?" or "#" starts its query or fragment, even an empty one ("https://host/?").
  const extra = extraStart(text);
  return extra === -1 ? null : text[extra] === '?' ? 'query' : 'fragment';
}

/** Where a URL's query or fragment starts (its first "?" or "#"), -1 when it has neither. */
export function extraStart(url: string): number {
  return url.search(/[?#]/);
}

/** The profile every companion has; its Gateway may come from FLOWENT_BASE_URL. It cannot be deleted. */
export const DEFAULT_PROFILE = 'default';

/** A Gateway URL as printed: without its password, query values or fragment (a token may be in any). */
export function printableGatewayUrl(baseUrl: string): string {
  return redactUrlQuery(redactUrlCredentials(baseUrl));
}
