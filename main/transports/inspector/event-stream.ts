import type { ServerResponse } from 'node:http';
import type { CoreEvent } from '../../contract/api';
import { createEventBatcher, type BatchPolicy, type EventBatcher } from '../../core/event-batcher';
import { SECURITY_HEADERS } from './security-headers';

const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events for the browser inspector. Each connection has its own batcher (the one
 * event policy: main/core/event-batcher.ts), so a page that reads slowly is held back, and
 * resynced, alone. A page is too slow when its socket takes no more (a write returns false):
 * its batcher pauses until the socket drains. Each connection starts with a `hello` naming this
 * run, so a page that reconnects knows to reload what it may have missed.
 */
export class EventStream {
  private readonly clients = new Map<ServerResponse, EventBatcher>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly instance: string,
    private readonly policy?: Partial<BatchPolicy>,
  ) {
    this.heartbeat = setInterval(() => this.writeAll(': keep-alive\n\n'), HEARTBEAT_MS);
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
      ...SECURITY_HEADERS,
    });
    response.write(`retry: 1000\nevent: hello\ndata: ${JSON.stringify({ instance: this.instance })}\n\n`);
    let sequence = 0;
    const batcher = createEventBatcher({
      deliver: (batch) => {
        sequence += 1;
        if (!response.write(`id: ${sequence}\ndata: ${JSON.stringify(batch)}\n\n`)) {
          batcher.pause();
          response.once('drain', () => batcher.resume());
        }
        return true;
      },
      policy: this.policy,
    });
    this.clients.set(response, batcher);
    response.on('close', () => {
      batcher.dispose();
      this.clients.delete(response);
    });
  }

  push(event: CoreEvent): void {
    for (const batcher of this.clients.values()) batcher.push(event);
  }

  /**
   * Tells every open page that the token it holds was replaced, then ends its stream: the page
   * stops (its own reconnection would be refused) and says to open the new Inspector URL.
   */
  endForRotatedToken(): void {
    for (const [client, batcher] of this.clients) {
      batcher.dispose();
      client.end('event: token-rotated\ndata: {}\n\n');
    }
    this.clients.clear();
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const [client, batcher] of this.clients) {
      batcher.dispose();
      client.end();
    }
    this.clients.clear();
  }

  private writeAll(text: string): void {
    for (const client of this.clients.keys()) client.write(text);
  }
}
