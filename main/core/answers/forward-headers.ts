import type { HeaderPair } from '../../contract/api';
import { LOOP_ANSWER_HEADER } from './loop-answer';
import { OWN_CALL_HEADER } from './own-calls';
import type { Receiver } from './forward-target';

/**
 * Request headers never sent on: the hop-by-hop ones (RFC 9110 section 7.6.1, `Proxy-*` too),
 * `Expect` (the companion has the whole body already; the client library refuses the header),
 * and what the client library sets itself for the new hop.
 */
const NOT_SENT_ON = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'host',
  'content-length',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
  // The companion's mark on calls it sends itself: between it and its own webhook only.
  OWN_CALL_HEADER.toLowerCase(),
]);

const LOOP_ANSWER_LOWER = LOOP_ANSWER_HEADER.toLowerCase();

/** Answer headers not relayed: hop-by-hop, and the length the server computes itself. */
const NOT_RELAYED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length']);

/** RFC 9110 token characters: what an HTTP client accepts as a header name. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** What an HTTP client accepts in a header value: no control characters but tab, nothing past U+00FF. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** The headers to send on, and those left out because no HTTP client could send them. */
export interface PreparedHeaders {
  headers: HeaderPair[];
  /** Each left-out header with why, e.g. `"bad name" (not a valid header name)`. */
  dropped: string[];
}

/**
 * The headers to send on: the originals minus hop-by-hop ones and `Expect`, plus
 * X-Forwarded-* (X-Forwarded-For only with addresses: the earlier hops, and the caller's when
 * known; a call the companion sends itself has none); Host is the target's. A header no HTTP client could send (a bad name or
 * value, from an imported HAR) is left out and named in `dropped` instead of failing the call.
 */
export function forwardHeaders(rawHeaders: HeaderPair[], remoteAddress: string | null): PreparedHeaders {
  const named = connectionTokens(rawHeaders);
  const originalHost = rawHeaders.find(([name]) => name.toLowerCase() === 'host')?.[1] ?? null;
  const forwardedFor = rawHeaders.filter(([name]) => name.toLowerCase() === 'x-forwarded-for').map(([, value]) => value);
  const headers: HeaderPair[] = [];
  const dropped: string[] = [];
  for (const pair of rawHeaders) {
    const lower = pair[0].toLowerCase();
    if (NOT_SENT_ON.has(lower) || lower.startsWith('proxy-') || named.has(lower)) continue;
    if (!HEADER_NAME.test(pair[0])) dropped.push(`${JSON.stringify(pair[0])} (not a valid header name)`);
    else if (!HEADER_VALUE.test(pair[1])) dropped.push(`${pair[0]} (its value holds characters a header cannot carry)`);
    else headers.push(pair);
  }
  // Only addresses: a handler parses the list, and a word in it (an unknown caller's) trips it.
  const hops = remoteAddress === null ? forwardedFor : [...forwardedFor, remoteAddress];
  if (hops.length > 0) headers.push(['X-Forwarded-For', hops.join(', ')]);
  headers.push(['X-Forwarded-Proto', 'http']);
  if (originalHost && HEADER_VALUE.test(originalHost)) headers.push(['X-Forwarded-Host', originalHost]);
  return { headers, dropped };
}

/** What a stored call says about headers left out: null when none were. */
export function droppedHeadersMessage(dropped: string[]): string | null {
  if (dropped.length === 0) return null;
  return `Not sent on, because no HTTP client can send them: ${dropped.join(', ')}. The call went without them.`;
}

/**
 * The answer's headers to pass on. A companion's word on how it answered (loop-answer) is kept
 * only from the companion's webhook this call was sent to with its mark: from anyone else (a
 * handler's answer the serve relays) it would pass for the companion's.
 */
export function relayHeaders(headers: Record<string, string | string[] | undefined>, to: Receiver): HeaderPair[] {
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter(Boolean),
  );
  const pairs: HeaderPair[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || NOT_RELAYED.has(lower) || lower.startsWith('proxy-') || named.has(lower)) continue;
    if (lower === LOOP_ANSWER_LOWER && to !== 'companion') continue;
    for (const single of Array.isArray(value) ? value : [value]) pairs.push([name, single]);
  }
  return pairs;
}

function connectionTokens(rawHeaders: HeaderPair[]): Set<string> {
  const tokens = new Set<string>();
  for (const [name, value] of rawHeaders) {
    if (name.toLowerCase() !== 'connection') continue;
    for (const token of value.split(',')) if (token.trim()) tokens.add(token.trim().toLowerCase());
  }
  return tokens;
}
