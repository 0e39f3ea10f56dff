import { errorAnswer, type Answer } from '../protocol/answers';
import { forwardedFor } from '../tunnel/forwarded-for';
import { HEAD_REFUSAL_WORDS } from '../../contract/words/request-refusal-words';

/** Clients tracked at once; past it, those that are idle (their bucket full again) are forgotten. */
const MAX_CLIENTS = 10_000;

/**
 * Requests per second per client, as a token bucket: a client may send a second's worth at
 * once, then `perSecond` a second. The limit is read at each request, so a change in Settings
 * applies at once.
 */
export class ClientRateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** True when the client may go on; false when it is over the limit (nothing is counted then). */
  admit(client: string, perSecond: number): boolean {
    const now = this.now();
    let bucket = this.buckets.get(client);
    if (!bucket) {
      if (this.buckets.size >= MAX_CLIENTS) this.forgetIdle(now, perSecond);
      bucket = { tokens: perSecond, at: now };
      this.buckets.set(client, bucket);
    }
    bucket.tokens = Math.min(perSecond, bucket.tokens + ((now - bucket.at) * perSecond) / 1000);
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private forgetIdle(now: number, perSecond: number): void {
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) * perSecond) / 1000 >= perSecond) this.buckets.delete(client);
    }
    // A flood from that many addresses at once: start over rather than grow.
    if (this.buckets.size >= MAX_CLIENTS) this.buckets.clear();
  }
}

/**
 * Who a request comes from, for the limit: the socket's address, or for a request through the
 * tunnel (`tunnelHeaders`: its raw headers; the agent connects from loopback) the address
 * ngrok's edge added to X-Forwarded-For. Any other caller's X-Forwarded-For is its own say.
 */
export function clientOf(socketAddress: string | null, tunnelHeaders: readonly string[] | null): string {
  const address = socketAddress ?? 'unknown';
  return tunnelHeaders ? (forwardedFor(tunnelHeaders) ?? address) : address;
}

/** The answer to a client over the limit, in Flowent's shape; the body is not read, so the connection closes after it. */
export function overRateAnswer(client: string, perSecond: number): Answer {
  return {
    ...errorAnswer(429, HEAD_REFUSAL_WORDS.rateLimited(client, perSecond), [['Retry-After', '1']]),
    closeConnection: true,
  };
}
