import { redactUrlCredentials, type HandlerSignature, type HeaderPair, type MockChoice, type Violation } from '../../contract/api';
import type { StoredCall } from '../store/call-rows';
import { isCredentialHeader, isSecretField, REDACTED } from '../../contract/credential-headers';
import { redactSecretQueryValues } from '../../contract/url-credentials';
import { ownWebhookUrl } from './curl';

export interface HarHeader {
  name: string;
  value: string;
}

/** A HAR 1.2 entry with the companion's findings in `_`-prefixed fields (allowed by the spec for custom data). */
export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: never[];
    headers: HarHeader[];
    queryString: HarHeader[];
    postData?: { mimeType: string; text: string; _encoding?: 'base64' };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: never[];
    headers: HarHeader[];
    content: { size: number; mimeType: string; text: string; encoding?: 'base64' };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  _callId: number;
  _action: string | null;
  /** The body's `action_name` as written when the call is not listed under it (see CallSummary.sentAction); absent in older exports. */
  _sentAction?: string | null;
  _test: boolean;
  _verdict: string;
  _style: string | null;
  _violations: Violation[];
  _source: string;
  _answeredBy: string;
  _originalCallId: number | null;
  /** The request line's path as received (the URL above is rebuilt from it and the Host, or the companion's own URL). */
  _path: string;
  _problem: string | null;
  _problemMessage: string | null;
  _forwardTarget: string | null;
  /** What went wrong reaching the handler: with --fallback-to-mock the only trace of it. Absent in older exports. */
  _forwardError?: string | null;
  /** Which mock, and which of its answers, answered. Absent in older exports. */
  _mockChoice?: MockChoice | null;
  /** The caller's address as the companion saw it. Absent in older exports. */
  _remoteAddress?: string | null;
  /**
   * Came in through the tunnel: the last hop of its X-Forwarded-For (in the headers above) is
   * then the tunnel's word about the caller, not the caller's own. Absent in older exports.
   */
  _viaTunnel?: boolean;
  /** Sent by this companion with its signature spoiled on purpose (CallSummary.spoiledSignature). Absent in older exports. */
  _spoiledSignature?: boolean;
  /** For a registration check forwarded to the handler: would Flowent's registration have passed? Absent in older exports. */
  _registrationWouldPass?: boolean | null;
  /** The developer's handler's verdict on the signature, and the handler as configured; null when no handler answered. */
  _handlerSignature: HandlerSignature | null;
  _handlerTarget: string | null;
  /** A replay or simulated call: whether it was sent to a companion's webhook, and the handler that webhook forwarded it to. Absent in older exports. */
  _throughWebhook?: boolean | null;
  _webhookForwardedTo?: string | null;
}

export interface Har {
  log: {
    version: '1.2';
    creator: { name: string; version: string };
    entries: HarEntry[];
  };
}

export const HAR_CREATOR = 'Flowent Companion';

/**
 * Calls as a HAR 1.2 document: requests, answers, timings and verdicts; never the HMAC key, and no
 * credentials. `ownWebhookBaseUrl`: the companion's webhook server, where tunnelled calls arrived.
 */
export function callsToHar(calls: StoredCall[], creatorVersion = '0.1.0', ownWebhookBaseUrl: string | null = null): Har {
  return {
    log: {
      version: '1.2',
      creator: { name: HAR_CREATOR, version: creatorVersion },
      entries: calls.map((call) => harEntry(call, ownWebhookBaseUrl)),
    },
  };
}

/** One call as a HAR entry: writeHar writes a history an entry at a time. */
export function harEntry(call: StoredCall, ownWebhookBaseUrl: string | null = null): HarEntry {
  const url = requestUrl(call, ownWebhookBaseUrl);
  const requestBody = bodyText(call.requestBody);
  const responseBody = bodyText(call.response.body);
  return {
    startedDateTime: new Date(call.receivedAt).toISOString(),
    time: round(call.durationMs),
    request: {
      method: call.method,
      // A target's user and password (`http://user:pw@host/`) are credentials too, as is a token in the query.
      url: redactSecretQueryValues(redactUrlCredentials(url.href)),
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: harHeaders(call.requestHeaders),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value: isSecretField(name) ? REDACTED : value })),
      ...(call.requestBody.length > 0
        ? {
            postData: {
              mimeType: header(call.requestHeaders, 'content-type') ?? 'application/json',
              text: requestBody.text,
              ...(requestBody.base64 ? { _encoding: 'base64' as const } : {}),
            },
          }
        : {}),
      headersSize: -1,
      bodySize: call.size,
    },
    response: {
      status: call.response.status,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: harHeaders(call.response.headers),
      content: {
        size: call.response.body.length,
        mimeType:
          header(call.response.headers, 'content-type') ?? (call.response.body.length > 0 ? 'application/octet-stream' : 'x-unknown'),
        text: responseBody.text,
        ...(responseBody.base64 ? { encoding: 'base64' as const } : {}),
      },
      redirectURL: '',
      headersSize: -1,
      bodySize: call.response.status === 0 ? -1 : call.response.body.length,
    },
    cache: {},
    timings: { send: 0, wait: round(call.durationMs), receive: 0 },
    _callId: call.id,
    _action: call.action,
    _sentAction: call.sentAction,
    _test: call.test,
    _verdict: call.verdict,
    _style: call.style,
    // How no answer came (`cause`) travels too: the list's mark and the details say it on import.
    _violations: call.violations.map(({ code, message, cause }) => (cause === undefined ? { code, message } : { code, message, cause })),
    _source: call.source,
    _answeredBy: call.answeredBy,
    _originalCallId: call.originalCallId,
    _path: call.path,
    _problem: call.problem,
    _problemMessage: call.problemMessage,
    _forwardTarget: call.forwardTarget === null ? null : redactUrlCredentials(call.forwardTarget),
    _forwardError: call.forwardError === null ? null : redactUrlsInText(call.forwardError),
    _mockChoice: call.mockChoice,
    _remoteAddress: call.remoteAddress,
    _viaTunnel: call.viaTunnel,
    _spoiledSignature: call.spoiledSignature,
    _registrationWouldPass: call.registrationWouldPass,
    _handlerSignature: call.handlerSignature,
    _handlerTarget: call.handlerTarget,
    _throughWebhook: call.throughWebhook,
    _webhookForwardedTo: call.webhookForwardedTo === null ? null : redactUrlCredentials(call.webhookForwardedTo),
  };
}

/**
 * Where the request went: for a replay or a simulated call, the URL the companion sent it to;
 * for a call that came through the tunnel, the companion's own webhook URL, as Copy as cURL
 * gives it: the call does not keep the public URL it arrived on, and its Host is the caller's
 * say, on a plain http:// the tunnel never served (with no webhook server running, `localhost`);
 * for another call it received, the Host the caller named with the path, when that Host is a
 * plain host[:port] (a Host such as `127.0.0.1@attacker.example` would make a URL on another host).
 */
function requestUrl(call: StoredCall, ownWebhookBaseUrl: string | null): URL {
  if (call.source !== 'flowent' && call.forwardTarget) {
    try {
      return new URL(call.forwardTarget);
    } catch {
      // Not a URL after all: fall back to the path below.
    }
  }
  if (call.viaTunnel && ownWebhookBaseUrl !== null) return new URL(ownWebhookUrl(ownWebhookBaseUrl, call));
  const named = call.viaTunnel ? null : header(call.requestHeaders, 'host');
  const host = named !== null && PLAIN_HOST.test(named) ? named : 'localhost';
  const path = call.path.startsWith('/') ? call.path : `/${call.path}`;
  try {
    return new URL(`http://${host}${path}`);
  } catch {
    return new URL(`http://localhost${path.replace(/[^\x21-\x7e]/g, encodeURIComponent)}`);
  }
}

/**
 * A message with every URL in it written without its credentials: a forwarding error may quote
 * the target it could not use, password and all.
 */
function redactUrlsInText(text: string): string {
  return text.replace(URL_IN_TEXT, (url) => redactUrlCredentials(url));
}

/** A scheme's `//` and what follows up to a space or a quote: wide enough to take in any userinfo. */
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi;

/** A host name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
const PLAIN_HOST = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;

export function harHeaders(pairs: HeaderPair[]): HarHeader[] {
  return pairs.map(([name, value]) => ({ name, value: isCredentialHeader(name) ? REDACTED : value }));
}

function header(pairs: HeaderPair[], name: string): string | null {
  return pairs.find(([key]) => key.toLowerCase() === name)?.[1] ?? null;
}

/**
 * UTF-8 text when the bytes are valid UTF-8, else base64 (HAR has no other way to carry bytes).
 * A leading byte order mark stays in the text as U+FEFF (a decoder drops it by default): import
 * encodes the text back to the same bytes, so the signature, size and replay stay the original's.
 */
function bodyText(bytes: Buffer): { text: string; base64: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), base64: false };
  } catch {
    return { text: bytes.toString('base64'), base64: true };
  }
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
