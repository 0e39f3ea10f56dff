/**
 * What a Flowent profile must be, checked by the core when a profile is saved (and when
 * FLOWENT_BASE_URL is read) and by the page's profile form as the user types: one rule for both.
 */

/** A profile's name: it becomes part of an environment variable (FLOWENT_API_TOKEN_STAGING). */
export const PROFILE_NAME = /^[a-z0-9_-]{1,40}$/;

/**
 * What is wrong with a Gateway URL: not an http(s) URL, or one holding credentials
 * (`https://user:pw@host/`). The API token is what authenticates to the Gateway; a password in
 * the URL would be stored with the profile in clear and printed wherever the URL is, and the
 * request cannot be made from such a URL anyway.
 */
export type GatewayUrlProblem = 'not-http-url' | 'credentials';

export function gatewayUrlProblem(text: string): GatewayUrlProblem | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not-http-url';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'not-http-url';
  return url.username !== '' || url.password !== '' ? 'credentials' : null;
}
