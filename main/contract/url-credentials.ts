import { isSecretField, REDACTED } from './credential-headers';

/**
 * Credentials written inside a URL (`https://deploy:S3CRET@host/`), left out of what the
 * companion prints and writes for others to read (HAR exports, answer files, `send`'s line):
 * the password as `***`, and a user name given alone as `***` too (it is then often a token,
 * `https://ghp_…@host/`). The URL is not parsed and written again, which would escape
 * `{action_name}`: only what lies between `//` and the last `@` before the path is replaced.
 */
export function redactUrlCredentials(url: string): string {
  return url.replace(URL_USERINFO, (_, start: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return `${start}${colon === -1 ? '' : `${userinfo.slice(0, colon)}:`}${REDACTED_CREDENTIAL}@`;
  });
}

/** Whether a URL carries credentials that redactUrlCredentials leaves out. */
export function hasUrlCredentials(url: string): boolean {
  return redactUrlCredentials(url) !== url;
}

/**
 * Whether a URL's password (or user name given alone) is the `***` redactUrlCredentials writes:
 * a URL as printed or written for others (a pulled action file), not one to connect to.
 */
export function hasLeftOutCredentials(url: string): boolean {
  const userinfo = URL_USERINFO.exec(url)?.[2];
  if (userinfo === undefined) return false;
  return userinfo.slice(userinfo.indexOf(':') + 1) === REDACTED_CREDENTIAL;
}

/**
 * A URL's query values and fragment left out of what is printed, as its credentials are: a
 * token is often given there (`?token=…`, `#access_token=…`). Each `name=value` keeps its name
 * (`?token=***`), a part without `=` and a fragment are `***` whole; the URL is not parsed and
 * written again, for the reason redactUrlCredentials gives.
 */
export function redactUrlQuery(url: string): string {
  const hash = url.indexOf('#');
  const head = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : hash === url.length - 1 ? '#' : `#${REDACTED_CREDENTIAL}`;
  const question = head.indexOf('?');
  if (question === -1) return `${head}${fragment}`;
  const query = head
    .slice(question + 1)
    .split('&')
    .map((part) => {
      const equals = part.indexOf('=');
      if (part === '') return part;
      return equals === -1 ? REDACTED_CREDENTIAL : `${part.slice(0, equals)}=${REDACTED_CREDENTIAL}`;
    })
    .join('&');
  return `${head.slice(0, question + 1)}${query}${fragment}`;
}

/**
 * A URL with the values of its secret-named query parameters (`?token=`, `?api_key=`) written as
 * `[redacted]`, as an export writes a credential header's; the other parameters kept, since a
 * stored call's query is part of what it was. Not parsed and written again, as above.
 */
export function redactSecretQueryValues(url: string): string {
  const hash = url.indexOf('#');
  const head = hash === -1 ? url : url.slice(0, hash);
  const question = head.indexOf('?');
  if (question === -1) return url;
  const query = head
    .slice(question + 1)
    .split('&')
    .map((part) => {
      const equals = part.indexOf('=');
      return equals !== -1 && isSecretField(decodedName(part.slice(0, equals))) ? `${part.slice(0, equals)}=${REDACTED}` : part;
    })
    .join('&');
  return `${head.slice(0, question + 1)}${query}${hash === -1 ? '' : url.slice(hash)}`;
}

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** What stands for a password (or a user name given alone) left out of a URL. */
export const REDACTED_CREDENTIAL = '***';

/** A scheme's `//`, then the userinfo: up to the last `@` before the path, query or fragment. */
const URL_USERINFO = /^(\s*[a-z][a-z0-9+.-]*:\/\/)([^/?#\\]*)@/i;
