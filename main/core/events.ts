import type { CoreEvent } from '../contract/api';

export type CoreEventListener = (event: CoreEvent) => void;

/**
 * The core's one-way event stream. Listeners are called synchronously in order; a listener
 * that throws is reported and skipped so one broken subscriber cannot stop the others (or
 * the webhook answer that triggered the event).
 */
export class CoreEvents {
  private readonly listeners = new Set<CoreEventListener>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => {}) {}

  subscribe(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: CoreEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
