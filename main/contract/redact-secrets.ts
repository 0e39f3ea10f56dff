import { isCredentialHeader, isSecretField, REDACTED } from './credential-headers';
import { redactUrlCredentials } from './url-credentials';

// Text the companion did not write (a failure's message, a service's refusal) may carry a
// secret: it is taken out by these rules before the text is shown or logged anywhere.

/**
 * Shorter secrets are not searched for: a key of two letters would blank those letters
 * everywhere in the line, and the line would say nothing.
 */
const MIN_SECRET_LENGTH = 4;

/** A name and what joins it to its value: `name: `, `name=`, `"name":"` (headers, query strings, JSON). */
const NAME_THEN_VALUE = /([\w-]+)(["']?[ \t]*[:=][ \t]*["']?)/g;
/** An Authorization value is a scheme and a credential (`Bearer …`): up to the end of the line or field. */
const AUTHORIZATION = /^(proxy-)?authorization$/i;
const WHOLE_FIELD = /^[^\r\n"',;&}]*/;
const ONE_WORD = /^[^\s"',;&}]*/;
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

/**
 * Takes out what could be a secret: the known secrets' values (as typed, and as they read inside
 * a JSON string or a URL), credentials in URLs, and the values of credential headers and
 * token-like fields (`Authorization: Bearer …`, `token=…`).
 */
export function redactSecrets(text: string, secrets: Iterable<string | null | undefined>): string {
  let out = text;
  const known = [...secrets].filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH);
  // Longest first: a secret that contains another is taken out whole.
  for (const form of [...new Set(known.flatMap(writtenForms))].sort((a, b) => b.length - a.length)) out = out.split(form).join(REDACTED);
  out = out.replace(URL_IN_TEXT, (url) => redactUrlCredentials(url));
  return redactNamedValues(out);
}

/**
 * A secret as a failure's text may carry it: as is, inside a JSON string (a serialized object:
 * `"` and `\\` escaped), and percent-encoded (in a URL's query or path).
 */
function writtenForms(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
}

function redactNamedValues(text: string): string {
  let out = '';
  let copied = 0;
  const names = new RegExp(NAME_THEN_VALUE);
  for (let match = names.exec(text); match !== null; match = names.exec(text)) {
    const name = match[1] ?? '';
    if (!isCredentialHeader(name) && !isSecretField(name)) continue;
    const start = match.index + match[0].length;
    const value = (AUTHORIZATION.test(name) ? WHOLE_FIELD : ONE_WORD).exec(text.slice(start))?.[0] ?? '';
    if (value === '') continue;
    out += `${text.slice(copied, start)}${REDACTED}`;
    copied = start + value.length;
    names.lastIndex = copied;
  }
  return out + text.slice(copied);
}
