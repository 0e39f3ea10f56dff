import type { ApiMethod, DeliveredEvent } from '../contract/api';

/**
 * A running serve's browser inspector, reached by a command as its page reaches it: on loopback
 * only (the inspector listens nowhere else), with the data folder's inspector token, which a
 * process of the same user can read. The token goes in a header, never in a URL or a line
 * printed; the event stream is opened with a single-use ticket bought with it, as the page does.
 */
export class ServeInspectorClient {
  private readonly origin: string;

  constructor(
    port: number,
    private readonly token: string,
  ) {
    this.origin = `http://127.0.0.1:${port}`;
  }

  /** A core method's value through the inspector's API; null when it was refused or is out of reach. */
  async call(method: ApiMethod, args: unknown[], signal: AbortSignal): Promise<unknown> {
    const answer = await this.post(`/api/call/${method}`, JSON.stringify(args), signal);
    return answer?.ok === true ? (answer.value ?? null) : null;
  }

  /**
   * The serve's event stream, opened: its batches, as the page gets them, until it ends (the serve
   * stopped, or the token was replaced) or `signal` aborts. Null when it could not be opened.
   */
  async openEvents(signal: AbortSignal): Promise<AsyncGenerator<DeliveredEvent[]> | null> {
    const bought = await this.post('/api/events/ticket', '[]', signal);
    const ticket = bought?.ok === true ? (bought.value as { ticket?: unknown } | null)?.ticket : undefined;
    if (typeof ticket !== 'string') return null;
    const response = await reach(`${this.origin}/api/events?ticket=${encodeURIComponent(ticket)}`, { signal });
    if (!response?.ok || response.body === null) return null;
    return eventBatches(response.body);
  }

  private async post(path: string, body: string, signal: AbortSignal): Promise<{ ok?: unknown; value?: unknown } | null> {
    const response = await reach(`${this.origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body,
      signal,
    });
    if (!response?.ok) return null;
    try {
      return (await response.json()) as { ok?: unknown; value?: unknown };
    } catch {
      return null;
    }
  }
}

/** The batches of a server-sent event stream, until it ends or breaks off. */
async function* eventBatches(body: ReadableStream<Uint8Array>): AsyncGenerator<DeliveredEvent[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      pending += decoder.decode(read.value, { stream: true });
      // Each message ends with a blank line; what follows the last one is not whole yet.
      const messages = pending.split('\n\n');
      pending = messages.pop() ?? '';
      for (const message of messages) {
        const batch = eventBatch(message);
        if (batch) yield batch;
      }
    }
  } catch {
    // The serve went away mid-stream, or the follow stopped: either way the stream is over.
  }
}

/** The response, or null when nothing answered (the serve stopped since its state was read). */
async function reach(url: string, init: RequestInit): Promise<Response | null> {
  try {
    return await fetch(url, init);
  } catch {
    return null;
  }
}

/**
 * A batch of events from one message of the stream; null for the rest: the `hello` naming the
 * run, `token-rotated` (the stream ends after it), keep-alive comments.
 */
function eventBatch(message: string): DeliveredEvent[] | null {
  const lines = message.split('\n');
  if (lines.some((line) => line.startsWith('event:'))) return null;
  const data = lines
    .filter((line) => line.startsWith('data:'))
    .map((line) => line.slice('data:'.length).trimStart())
    .join('\n');
  if (data === '') return null;
  try {
    const batch: unknown = JSON.parse(data);
    return Array.isArray(batch) ? (batch as DeliveredEvent[]) : null;
  } catch {
    return null;
  }
}
