import { EventEmitter } from 'node:events';
import type { Agent } from 'undici';
import { afterPendingReads } from '../after-pending-reads';
import { loadLazily } from '../load-lazily';

const loadUndici = loadLazily<typeof import('undici')>('undici');
import type { AnswersFailure, HeaderPair, Refused } from '../../contract/api';
import { FLOWENT_BODY_LIMIT_BYTES } from '../protocol/facts';
import type { Violation } from '../../contract/api';
import { networkInWords } from '../../contract/words/network-words';
import { networkProblemOf } from '../network-problem';
import { LOOP_ANSWER_HEADER } from './loop-answer';
import { OWN_CALL_HEADER } from './own-calls';

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

/** Parsed target URLs kept by a Forwarder. */
const PARSED_URLS_KEPT = 256;

export interface ForwardRequest {
  /** Absolute http(s) URL, `{action_name}` already replaced. */
  url: string;
  /** The exact bytes received: signatures are over them. */
  body: Buffer;
  /** The headers to send, as forwardHeaders prepares them. */
  headers: HeaderPair[];
  timeoutMs: number;
  /** Who answers at the URL, for what a failure says: the developer's handler, or this companion's own webhook. */
  to: Receiver;
}

/** Who a call is sent to: the developer's handler, or a companion's webhook (a replay or simulated call sent to "This companion"). */
export type Receiver = 'handler' | 'companion';

/**
 * Why forwarding gave no answer to pass on: `too-large` is the handler's own answer, refused
 * for its size; `stopped` is the companion stopping; the others mean the handler never
 * answered (in time, or in HTTP).
 */
export type ForwardFailure = 'timeout' | 'unreachable' | 'failed' | 'too-large' | 'stopped';

export type ForwardOutcome =
  | { ok: true; status: number; headers: HeaderPair[]; body: Buffer; fullSize: number; durationMs: number }
  | { ok: false; kind: ForwardFailure; message: string; durationMs: number; fullSize?: number };

/** The headers to send on, and those left out because no HTTP client could send them. */
export interface PreparedHeaders {
  headers: HeaderPair[];
  /** Each left-out header with why, e.g. `"bad name" (not a valid header name)`. */
  dropped: string[];
}

/**
 * What stops one forward (its timeout, or the companion stopping). The client library takes an
 * event emitter as well as an AbortSignal; an AbortController with its signal and listeners
 * cost more per forwarded call (about 1.4% of the companion's busy time when forwarding).
 */
class StopSwitch extends EventEmitter {
  aborted = false;

  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.emit('abort');
  }
}

/**
 * Forwards calls to the developer's handler over keep-alive connections (undici Agent) and
 * relays what it answers. Every failure comes back as a value naming the target and what
 * went wrong; `close()` aborts what is in flight.
 */
export class Forwarder {
  private agent: Agent | null = null;
  private closed = false;
  private readonly inFlight = new Set<StopSwitch>();
  private readonly urls = new Map<string, URL>();

  async forward(request: ForwardRequest): Promise<ForwardOutcome> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    const controller = new StopSwitch();
    this.inFlight.add(controller);
    let timedOut = false;
    let settled = false;
    const timer = setTimeout(() => {
      afterPendingReads(() => {
        if (settled) return;
        timedOut = true;
        controller.abort();
      });
    }, request.timeoutMs);
    const target = this.parsedUrl(request.url);
    try {
      const response = await this.connections().request({
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        headers: request.headers.flat(),
        body: request.body,
        signal: controller,
        headersTimeout: request.timeoutMs + 1_000,
        bodyTimeout: request.timeoutMs + 1_000,
      });
      const announced = Number(response.headers['content-length']);
      if (Number.isFinite(announced) && announced > FLOWENT_BODY_LIMIT_BYTES) {
        // Refused before reading: no point receiving 10 MB to say no.
        response.body.destroy();
        return tooLarge(target, request.to, `${announced} bytes`, announced, elapsed());
      }
      if (Number.isFinite(announced)) {
        // The common case: a length within the limit, read whole (no per-chunk iteration).
        const body = Buffer.from(await response.body.arrayBuffer());
        return {
          ok: true,
          status: response.statusCode,
          headers: relayHeaders(response.headers, request.to),
          body,
          fullSize: body.length,
          durationMs: elapsed(),
        };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        const buffer = chunk as Buffer;
        size += buffer.length;
        if (size > FLOWENT_BODY_LIMIT_BYTES) {
          response.body.destroy();
          return tooLarge(target, request.to, `more than ${FLOWENT_BODY_LIMIT_BYTES} bytes`, size, elapsed());
        }
        chunks.push(buffer);
      }
      return {
        ok: true,
        status: response.statusCode,
        headers: relayHeaders(response.headers, request.to),
        body: Buffer.concat(chunks),
        fullSize: size,
        durationMs: elapsed(),
      };
    } catch (error) {
      const durationMs = elapsed();
      if (timedOut) {
        return {
          ok: false,
          kind: 'timeout',
          message: `${describeTarget(target, request.to)} did not answer within ${formatMs(request.timeoutMs)} (Flowent gives up after 30 s).`,
          durationMs,
        };
      }
      return { ok: false, ...describeFailure(error, target, request.to), durationMs };
    } finally {
      settled = true;
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }

  /** Targets are few and reused for every call: each is parsed once (bounded, in case they churn). */
  private parsedUrl(url: string): URL {
    let parsed = this.urls.get(url);
    if (!parsed) {
      if (this.urls.size >= PARSED_URLS_KEPT) this.urls.clear();
      parsed = new URL(url);
      this.urls.set(url, parsed);
    }
    return parsed;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const controller of this.inFlight) controller.abort();
    await this.agent?.destroy().catch(() => undefined);
  }

  /** The pool, made on the first forward: a companion that only mocks never loads undici. */
  private connections(): Agent {
    if (this.closed) throw new Error('the companion is stopping');
    return (this.agent ??= new (loadUndici().Agent)({ keepAliveTimeout: 4_000, keepAliveMaxTimeout: 30_000, connections: 128 }));
  }
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

/** The contract violation a failed forward stands for. */
export function failureViolation(failure: { kind: ForwardFailure; message: string; fullSize?: number }): Violation {
  // Each failure's message already says what happened, with the limit that applied: a prefix
  // would repeat it, or say "could not be reached" of a handler that answered something else.
  switch (failure.kind) {
    case 'timeout':
      return { code: 'too-slow', message: failure.message };
    case 'too-large':
      return { code: 'too-large', message: failure.message };
    case 'unreachable':
    case 'failed':
    case 'stopped':
      return { code: 'no-answer', message: failure.message };
    default: {
      const unknownKind: never = failure.kind;
      throw new Error(`unhandled forward failure ${String(unknownKind)}`);
    }
  }
}

/**
 * The answer's headers to pass on. A companion's word on how it answered (loop-answer) is kept
 * only from the companion's webhook this call was sent to with its mark: from anyone else (a
 * handler's answer the serve relays) it would pass for the companion's.
 */
function relayHeaders(headers: Record<string, string | string[] | undefined>, to: Receiver): HeaderPair[] {
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

function describeTarget(target: URL, to: Receiver): string {
  return `${to === 'handler' ? 'Your handler' : "This companion's webhook"} at ${target.origin}${target.pathname}`;
}

function tooLarge(target: URL, to: Receiver, size: string, fullSize: number, durationMs: number): ForwardOutcome {
  return {
    ok: false,
    kind: 'too-large',
    message: `${describeTarget(target, to)} answered ${size}, over Flowent's 1 MB limit (${FLOWENT_BODY_LIMIT_BYTES} bytes): Flowent would refuse the answer, so it is not passed on. Return less.`,
    fullSize,
    durationMs,
  };
}

function describeFailure(error: unknown, target: URL, to: Receiver): { kind: 'unreachable' | 'failed' | 'stopped'; message: string } {
  const where = describeTarget(target, to);
  if (isNotHttp(error)) {
    return {
      kind: 'failed',
      message: `${where} answered with bytes that are not HTTP. Check that ${target.host} is ${to === 'handler' ? "your handler's" : "the companion's webhook"} plain HTTP port, not another service.`,
    };
  }
  if (isAborted(error)) {
    return {
      kind: 'stopped',
      message: `Forwarding to ${target.origin}${target.pathname} was stopped because Flowent Companion is stopping.`,
    };
  }
  const problem = networkProblemOf(error);
  switch (problem.kind) {
    case 'refused':
      return {
        kind: 'unreachable',
        message: `${where} refused the connection: nothing is listening on ${target.host}. ${to === 'handler' ? 'Start your handler' : 'Start the companion there again'}, or check the port.`,
      };
    case 'reset':
      return {
        kind: 'unreachable',
        message: `${where} closed the connection before finishing its answer (connection reset). Check its log for a crash.`,
      };
    case 'other':
      return {
        kind: 'failed',
        message: `Forwarding to ${target.origin}${target.pathname} failed: ${networkInWords(problem, target.origin)}.`,
      };
    default:
      return { kind: 'unreachable', message: `${where} cannot be reached: ${networkInWords(problem, target.origin)}.` };
  }
}

function isAborted(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const { code, name } = current as { code?: unknown; name?: unknown };
    if (code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR' || name === 'AbortError') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The answer could not be parsed as HTTP (the client's parser error, possibly wrapped). */
function isNotHttp(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const { name, code } = current as { name?: unknown; code?: unknown };
    if (name === 'HTTPParserError' || (typeof code === 'string' && code.startsWith('HPE_'))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Where a target template takes the call's action name. */
export const ACTION_PLACEHOLDER = '{action_name}';

/** Replaces `{action_name}` in a target template; checks it is an absolute http(s) URL. */
export function resolveTarget(template: string, action: string): ResolvedTarget {
  const key = `${template}\n${action}`;
  let resolved = resolvedTargets.get(key);
  if (!resolved) {
    // The same few targets and actions come back on every call: check each pair once.
    if (resolvedTargets.size >= PARSED_URLS_KEPT) resolvedTargets.clear();
    const url = template.replaceAll(ACTION_PLACEHOLDER, action);
    resolved = checkTargetUrl(url) ?? { ok: true, url };
    resolvedTargets.set(key, resolved);
  }
  return resolved;
}

type InvalidTarget = Extract<AnswersFailure, { code: 'invalid-target' }>;
type ResolvedTarget = { ok: true; url: string } | Refused<InvalidTarget>;
const resolvedTargets = new Map<string, ResolvedTarget>();

/** Why `url` (which may hold `{action_name}`) cannot be a forwarding target, or null when it can. */
export function checkTargetUrl(url: string): Refused<InvalidTarget> | null {
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/\{action_name\}/g, 'action'));
  } catch {
    return { ok: false, code: 'invalid-target', url, problem: 'not-a-url' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, code: 'invalid-target', url, problem: 'not-http' };
  return null;
}
