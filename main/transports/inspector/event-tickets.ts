import { randomBytes } from 'node:crypto';

/** How long a ticket may wait before the page opens the stream with it. */
export const TICKET_TTL_MS = 30_000;
/** Tickets waiting at most: a page takes one per (re)connection, so this only bounds misuse. */
const MAX_WAITING = 256;

/**
 * Short-lived, single-use tickets for the event stream. EventSource cannot send an
 * Authorization header, so the stream's URL must carry the credential, and URLs end up in
 * logs and in the browser's history: a ticket is worthless once used or after 30 s, where
 * the token in its place would have opened the inspector for good.
 */
export class EventTickets {
  private readonly waiting = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(): string {
    this.dropExpired();
    if (this.waiting.size >= MAX_WAITING) {
      const oldest = this.waiting.keys().next().value;
      if (oldest !== undefined) this.waiting.delete(oldest);
    }
    const ticket = randomBytes(18).toString('base64url');
    this.waiting.set(ticket, this.now() + TICKET_TTL_MS);
    return ticket;
  }

  /** True once for a ticket issued less than TICKET_TTL_MS ago; it is spent either way. */
  redeem(ticket: string | null): boolean {
    if (!ticket) return false;
    const expires = this.waiting.get(ticket);
    if (expires === undefined) return false;
    this.waiting.delete(ticket);
    return this.now() < expires;
  }

  /** Every waiting ticket becomes worthless (the token they were bought with was rotated). */
  clear(): void {
    this.waiting.clear();
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [ticket, expires] of this.waiting) if (expires <= now) this.waiting.delete(ticket);
  }
}
