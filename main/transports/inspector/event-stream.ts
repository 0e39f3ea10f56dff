import type { ServerResponse } from 'node:http';
import type { CoreEvent } from '../../contract/api';

const FLUSH_INTERVAL_MS = 50;
const MAX_BATCH = 1000;
const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events for the browser inspector. Core events are batched (at most one
 * message per 50 ms per client) so a burst of calls costs the page a few renders, not one
 * per call. Each connection starts with a `hello` naming this run, so a page that
 * reconnects knows to reload what it may have missed.
 */
export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private pending: CoreEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly heartbeat: NodeJS.Timeout;
  private sequence = 0;

  constructor(private readonly instance: string) {
    this.heartbeat = setInterval(() => this.broadcast(': keep-alive\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get clientCount(): number {
    return this.clients.size;
  }

  open(response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    response.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify({ instance: this.instance })}\n\n`);
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
  }

  push(event: CoreEvent): void {
    if (this.clients.size === 0) return;
    this.pending.push(event);
    if (this.pending.length >= MAX_BATCH) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_INTERVAL_MS);
  }

  close(): void {
    clearInterval(this.heartbeat);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.sequence += 1;
    this.broadcast(`id: ${this.sequence}\ndata: ${JSON.stringify(batch)}\n\n`);
  }

  private broadcast(text: string): void {
    for (const client of this.clients) client.write(text);
  }
}
