import {
  emptyKnowledge,
  type HandlerKnowledge,
  type HandlerMemory,
  type HandlerOutcome,
  withAnswer,
} from '../../../main/core/handler-check';

/** What handlers taught, kept in a Map: the handler-check tests' stand-in for the history. */
export class InMemoryHandlerMemory implements HandlerMemory {
  private readonly known = new Map<string, HandlerKnowledge>();

  record(target: string, outcome: HandlerOutcome): void {
    this.known.set(target, withAnswer(this.read(target), outcome));
  }

  read(target: string): HandlerKnowledge {
    return this.known.get(target) ?? emptyKnowledge();
  }

  /** The targets something was recorded for. */
  targets(): string[] {
    return [...this.known.keys()];
  }
}
