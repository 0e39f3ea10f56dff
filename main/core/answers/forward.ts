import type { Agent } from 'undici';
import { loadLazily } from '../load-lazily';

const loadUndici = loadLazily<typeof import('undici')>('undici');
import type { HeaderPair } from '../../contract/api';
import { FLOWENT_BODY_LIMIT_BYTES } from '../protocol/answer-check';

/** Relayed answers are cut a little past Flowent's 1 MB, enough to say by how much it is over. */
export const RELAY_LIMIT_BYTES = FLOWENT_BODY_LIMIT_BYTES + 64 * 1024;

/** RFC 9110 section 7.6.1 hop-by-hop headers, plus what the client library sets itself. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
]);

/** Parsed target URLs kept by a Forwarder. */
const PARSED_URLS_KEPT = 256;

export interface ForwardRequest {
  /** Absolute http(s) URL, `{action_name}` already replaced. */
  url: string;
  /** The exact bytes received: signatures are over them. */
  body: Buffer;
  rawHeaders: HeaderPair[];
  remoteAddress: string | null;
  timeoutMs: number;
}

export type ForwardOutcome =
  | { ok: true; status: number; headers: HeaderPair[]; body: Buffer; fullSize: number; durationMs: number }
  | { ok: false; kind: 'timeout' | 'unreachable' | 'failed'; message: string; durationMs: number };

/**
 * Forwards calls to the developer's handler over keep-alive connections (undici Agent) and
 * relays what it answers. Every failure comes back as a value naming the target and what
 * went wrong; `close()` aborts what is in flight.
 */
export class Forwarder {
  private agent: Agent | null = null;
  private closed = false;
  private readonly inFlight = new Set<AbortController>();
  private readonly urls = new Map<string, URL>();

  async forward(request: ForwardRequest): Promise<ForwardOutcome> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    const controller = new AbortController();
    this.inFlight.add(controller);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, request.timeoutMs);
    const target = this.parsedUrl(request.url);
    try {
      const response = await this.connections().request({
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        headers: forwardHeaders(request.rawHeaders, request.remoteAddress).flat(),
        body: request.body,
        signal: controller.signal,
        headersTimeout: request.timeoutMs + 1_000,
        bodyTimeout: request.timeoutMs + 1_000,
      });
      const announced = Number(response.headers['content-length']);
      if (Number.isFinite(announced) && announced <= RELAY_LIMIT_BYTES) {
        // The common case: a length within the limit, read whole (no per-chunk iteration).
        const body = Buffer.from(await response.body.arrayBuffer());
        return {
          ok: true,
          status: response.statusCode,
          headers: relayHeaders(response.headers),
          body,
          fullSize: body.length,
          durationMs: elapsed(),
        };
      }
      const chunks: Buffer[] = [];
      let size = 0;
      let cut = false;
      for await (const chunk of response.body) {
        const buffer = chunk as Buffer;
        size += buffer.length;
        if (size > RELAY_LIMIT_BYTES) {
          chunks.push(buffer.subarray(0, buffer.length - (size - RELAY_LIMIT_BYTES)));
          cut = true;
          response.body.destroy();
          break;
        }
        chunks.push(buffer);
      }
      const fullSize = cut ? Math.max(size, Number.isFinite(announced) ? announced : 0) : size;
      return {
        ok: true,
        status: response.statusCode,
        headers: relayHeaders(response.headers),
        body: Buffer.concat(chunks),
        fullSize,
        durationMs: elapsed(),
      };
    } catch (error) {
      const durationMs = elapsed();
      if (timedOut) {
        return {
          ok: false,
          kind: 'timeout',
          message: `${describeTarget(target)} did not answer within ${formatMs(request.timeoutMs)} (Flowent gives up after 30 s).`,
          durationMs,
        };
      }
      return { ok: false, ...describeFailure(error, target), durationMs };
    } finally {
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

/** The headers sent on: the originals minus hop-by-hop ones, plus X-Forwarded-*. Host is the target's. */
export function forwardHeaders(rawHeaders: HeaderPair[], remoteAddress: string | null): HeaderPair[] {
  const named = connectionTokens(rawHeaders);
  const originalHost = rawHeaders.find(([name]) => name.toLowerCase() === 'host')?.[1] ?? null;
  const forwardedFor = rawHeaders.filter(([name]) => name.toLowerCase() === 'x-forwarded-for').map(([, value]) => value);
  const kept = rawHeaders.filter(([name]) => {
    const lower = name.toLowerCase();
    return (
      !HOP_BY_HOP.has(lower) &&
      !lower.startsWith('proxy-') &&
      !named.has(lower) &&
      !/^(host|content-length|x-forwarded-(for|proto|host))$/.test(lower)
    );
  });
  const added: HeaderPair[] = [
    ['X-Forwarded-For', [...forwardedFor, remoteAddress ?? 'unknown'].join(', ')],
    ['X-Forwarded-Proto', 'http'],
  ];
  if (originalHost) added.push(['X-Forwarded-Host', originalHost]);
  return [...kept, ...added];
}

function relayHeaders(headers: Record<string, string | string[] | undefined>): HeaderPair[] {
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((token) => token.trim().toLowerCase())
      .filter(Boolean),
  );
  const pairs: HeaderPair[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.has(lower) || lower.startsWith('proxy-') || named.has(lower) || lower === 'content-length')
      continue;
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

function describeTarget(target: URL): string {
  return `Your handler at ${target.origin}${target.pathname}`;
}

function describeFailure(error: unknown, target: URL): { kind: 'unreachable' | 'failed'; message: string } {
  const code = errorCode(error);
  const where = describeTarget(target);
  if (isNotHttp(error)) {
    return {
      kind: 'failed',
      message: `${where} answered with bytes that are not HTTP. Check that ${target.host} is your handler's plain HTTP port, not another service.`,
    };
  }
  switch (code) {
    case 'ECONNREFUSED':
      return {
        kind: 'unreachable',
        message: `${where} refused the connection: nothing is listening on ${target.host}. Start your handler, or check the port.`,
      };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { kind: 'unreachable', message: `${where} cannot be reached: the name ${target.hostname} does not resolve (DNS).` };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return {
        kind: 'unreachable',
        message: `${where} closed the connection before finishing its answer (connection reset). Check its log for a crash.`,
      };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return { kind: 'unreachable', message: `${where} cannot be reached (${code}).` };
    case 'UND_ERR_ABORTED':
    case 'ABORT_ERR':
      return {
        kind: 'failed',
        message: `Forwarding to ${target.origin}${target.pathname} was stopped because Flowent Companion is stopping.`,
      };
    default:
      return {
        kind: 'failed',
        message: `Forwarding to ${target.origin}${target.pathname} failed: ${error instanceof Error ? error.message : String(error)}${code ? ` (${code})` : ''}.`,
      };
  }
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

function errorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    if (code === 'UND_ERR_SOCKET') {
      const inner = (current as { cause?: { code?: unknown } }).cause?.code;
      return typeof inner === 'string' ? inner : code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Replaces `{action_name}` in a target template; checks it is an absolute http(s) URL. */
export function resolveTarget(template: string, action: string): ResolvedTarget {
  const key = `${template}\n${action}`;
  let resolved = resolvedTargets.get(key);
  if (!resolved) {
    // The same few targets and actions come back on every call: check each pair once.
    if (resolvedTargets.size >= PARSED_URLS_KEPT) resolvedTargets.clear();
    const url = template.replace(/\{action_name\}/g, action);
    resolved = checkTargetUrl(url) ?? { ok: true, url };
    resolvedTargets.set(key, resolved);
  }
  return resolved;
}

type ResolvedTarget = { ok: true; url: string } | { ok: false; message: string };
const resolvedTargets = new Map<string, ResolvedTarget>();

export function checkTargetUrl(url: string): { ok: false; message: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/\{action_name\}/g, 'action'));
  } catch {
    return { ok: false, message: `"${url}" is not a URL; use e.g. http://localhost:8000/actions/{action_name}` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return { ok: false, message: `"${url}" must start with http:// or https://` };
  }
  return null;
}
