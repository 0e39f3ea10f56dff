import { EventEmitter } from 'node:events';
import type { Agent } from 'undici';
import type { HeaderPair } from '../../contract/api';
import { afterPendingReads } from '../after-pending-reads';
import { loadLazily } from '../load-lazily';
import { FLOWENT_BODY_LIMIT_BYTES } from '../../contract/names-and-limits';
import { describeFailure, tooLarge, tooSlow, type FailedForward } from './forward-failure';
import { relayHeaders } from './forward-headers';
import { PARSED_URLS_KEPT, type Receiver } from './forward-target';

const loadUndici = loadLazily<typeof import('undici')>('undici');

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

export type ForwardOutcome =
  { ok: true; status: number; headers: HeaderPair[]; body: Buffer; fullSize: number; durationMs: number } | FailedForward;

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

interface ParsedTarget {
  url: URL;
  /** The target's own `user:password@`, as HTTP Basic authentication; null when it has none. */
  authorization: string | null;
}

/**
 * A target written `http://user:password@host/` sends its user and password as HTTP Basic
 * authentication, as curl and browsers do with such a URL: a handler behind basic auth is
 * reached with the credentials its URL was given.
 */
function basicAuthorization(url: URL): string | null {
  if (url.username === '' && url.password === '') return null;
  const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

/**
 * The call's headers with the target's Authorization in place of any the call carried: the
 * credentials written into the target are the ones its handler expects.
 */
function withAuthorization(headers: HeaderPair[], authorization: string): string[] {
  const flat = headers.filter(([name]) => name.toLowerCase() !== 'authorization').flat();
  flat.push('Authorization', authorization);
  return flat;
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
  private readonly urls = new Map<string, ParsedTarget>();

  async forward(request: ForwardRequest): Promise<ForwardOutcome> {
    // The client library is loaded by the first forward (a companion that only mocks never loads
    // it): before the clock starts, so a one-shot send does not count the load as the handler's time.
    if (!this.closed) this.connections();
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
    const { url: target, authorization } = this.parsedUrl(request.url);
    try {
      const response = await this.connections().request({
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        headers: authorization === null ? request.headers.flat() : withAuthorization(request.headers, authorization),
        body: request.body,
        signal: controller,
        headersTimeout: request.timeoutMs + 1_000,
        bodyTimeout: request.timeoutMs + 1_000,
      });
      const announced = Number(response.headers['content-length']);
      if (Number.isFinite(announced) && announced > FLOWENT_BODY_LIMIT_BYTES) {
        // Refused before reading: no point receiving 10 MB to say no.
        response.body.destroy();
        return tooLarge(target, request.to, announced, announced, elapsed());
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
          return tooLarge(target, request.to, null, size, elapsed());
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
      if (timedOut) return tooSlow(target, request.to, request.timeoutMs, durationMs);
      return { ok: false, ...describeFailure(error, target, request.to), durationMs };
    } finally {
      settled = true;
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }

  /** Targets are few and reused for every call: each is parsed once (bounded, in case they churn). */
  private parsedUrl(url: string): ParsedTarget {
    let parsed = this.urls.get(url);
    if (!parsed) {
      if (this.urls.size >= PARSED_URLS_KEPT) this.urls.clear();
      const target = new URL(url);
      parsed = { url: target, authorization: basicAuthorization(target) };
      this.urls.set(url, parsed);
    }
    return parsed;
  }

  /** Makes the pool now (loading the client library) rather than on the first forward. */
  warm(): void {
    if (!this.closed) this.connections();
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
