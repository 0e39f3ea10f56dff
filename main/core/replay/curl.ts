import type { HeaderPair, Result } from '../../contract/api';
import type { StoredCall } from '../store/calls-repository';
import { resignBody } from './edit-body';
import { FALLBACK_STYLE } from './learned-style';

export interface CurlOptions {
  /** A fresh timestamp and signature instead of the stored ones (needs `key`). */
  resign?: boolean;
  key?: string | null;
  /** Default: python (pass the learned style). */
  style?: string;
  /** Where to send it; default: the original Host and path. */
  url?: string;
  /** Unix milliseconds for the fresh timestamp (tests). */
  now?: () => number;
}

/** Headers curl sets itself, or that belong to the original hop. */
const LEFT_OUT =
  /^(host|content-length|connection|keep-alive|transfer-encoding|te|trailer|upgrade|expect|accept-encoding|x-forwarded-.*|proxy-.*)$/i;

/** Quotes a word for any POSIX shell: single quotes, with each `'` written as `'\''`. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * A POSIX shell command that sends the same call with curl: the stored body (or a re-signed
 * one), its headers (no Authorization: copy those by hand), POSTed to the URL.
 */
export function curlFor(call: StoredCall, options: CurlOptions = {}): Result<string> {
  let body: Buffer = call.requestBody;
  let headers: HeaderPair[] = call.requestHeaders.filter(([name]) => !LEFT_OUT.test(name) && !/^(authorization|cookie)$/i.test(name));
  if (options.resign) {
    if (!options.key) return { ok: false, code: 'no-key', message: 'A re-signed command needs the HMAC key: set it first.' };
    const signed = resignBody(call.requestBody, options.key, options.style ?? FALLBACK_STYLE, {
      timestamp: Math.floor((options.now?.() ?? Date.now()) / 1000),
    });
    if (!signed.ok) return signed;
    body = signed.value.body;
    headers = [['Content-Type', 'application/json'], ...headers.filter(([name]) => name.toLowerCase() !== 'content-type')];
  }
  if (body.includes(0)) return { ok: false, code: 'binary-body', message: 'The body holds a NUL byte, which no shell argument can carry.' };
  const host = call.requestHeaders.find(([name]) => name.toLowerCase() === 'host')?.[1] ?? '127.0.0.1:8787';
  const url = options.url ?? `http://${host}${call.path}`;
  const parts = ['curl', '-sS', '-X', 'POST', shellQuote(url)];
  for (const [name, value] of headers) parts.push('-H', shellQuote(`${name}: ${value}`));
  parts.push('--data-binary', shellQuote(body.toString('utf8')));
  return { ok: true, value: parts.join(' ') };
}
