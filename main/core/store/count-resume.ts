import type { CallCountQuery } from '../../contract/api';
import type { QueryBudget } from './id-windows';

/** Counts remembered at once: a few pages counting side by side, each a step at a time. */
const KEPT = 16;

/**
 * Where counts that stopped for time go on from. An exact count is read in steps, each within
 * the query budget (the page asks again from `nextBeforeId`); a step that began again at the
 * budget's first window spent most of its time growing the window back (a search of one
 * letter at 1,000,000 calls: 121 steps of about 8,300 ids, where one window of 16,384 costs
 * less than a step's time). So a step keeps the largest window it read, and the step that goes
 * on from where it stopped, for the same filter, starts with that window.
 */
export class CountResumes {
  private readonly windows = new Map<string, number>();

  /** The budget for a count step: the first window as the step before reached, when it is known. */
  budgetFor(query: CallCountQuery, budget: QueryBudget): QueryBudget {
    if (query.beforeId === undefined) return budget;
    const key = keyOf(query, query.beforeId);
    const window = this.windows.get(key);
    if (window === undefined) return budget;
    this.windows.delete(key);
    return { ...budget, firstWindow: Math.max(budget.firstWindow, window) };
  }

  /** A count step stopped for time below `stoppedBelow`, its largest window `largestWindow` ids. */
  keep(query: CallCountQuery, stoppedBelow: number, largestWindow: number): void {
    if (largestWindow <= 0) return;
    this.windows.set(keyOf(query, stoppedBelow), largestWindow);
    for (const oldest of this.windows.keys()) {
      if (this.windows.size <= KEPT) break;
      this.windows.delete(oldest);
    }
  }
}

/** The filter (its fields in a fixed order) and where the step starts. */
function keyOf(query: CallCountQuery, beforeId: number): string {
  const fields = Object.entries(query).filter(([name, value]) => name !== 'beforeId' && value !== undefined);
  fields.sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([fields, beforeId]);
}
