import type { EventSourceLike } from '../../../renderer/src/transport/http-bridge';

/**
 * Stands for the browser's EventSource where a test plays the stream's side: its hello, its
 * drops, its reconnections and a server that comes back as another instance, on cue. `last` is
 * the one the bridge opened last (set it to null before a test opens one).
 */
export class ScriptedEventSource implements EventSourceLike {
  static last: ScriptedEventSource | null = null;
  listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>();
  closed = false;
  constructor(public url: string) {
    ScriptedEventSource.last = this;
  }
  addEventListener(type: string, listener: (e: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
  }
  dispatch(type: string, data = ''): void {
    for (const l of this.listeners.get(type) ?? []) l(new MessageEvent(type, { data }));
  }
}
