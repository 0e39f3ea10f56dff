import type { CallCountQuery } from '../../contract/api';
import { clockOf, type QueryBudget } from './id-windows';

/** Counts remembered at once: a few pages counting side by side, each a step at a time. */
const KEPT = 16;
/**
 * A step asked for this long after the one before starts afresh: what the window before cost
 * says little about a file the system may have dropped from memory meanwhile (the page asks
 * for the next step as soon as it has the last).
 */
const FRESH_FOR_MS = 1_000;

/**
 * Where counts that stopped for time go on from. An exact count is read in steps, each within
 * the query budget (the page asks again from `nextBeforeId`); a step that began again at the
 * budget's first window spent most of its time growing the window back (a search of one
 * letter at 1,000,000 calls: 121 steps of about 8,300 ids, where one window of 16,384 costs
 * less than a step's time). So a step keeps the window its last one's cost allows
 * (id-windows.ts), and the step that goes on from where it stopped, for the same filter and
 * soon after, starts with that window: wider when the last was cheap, narrower when it reached
 * the disk.
 */
export class CountResumes {
  private readonly windows = new Map<string, { window: number; keptAt: number }>();

  /** The budget for a count step: the first window the step before sized, when it is known and recent. */
  budgetFor(query: CallCountQuery, budget: QueryBudget): QueryBudget {
    if (query.beforeId === undefined) return budget;
    const key = keyOf(query, query.beforeId);
    const kept = this.windows.get(key);
    if (kept === undefined) return budget;
    this.windows.delete(key);
    if (clockOf(budget)() - kept.keptAt > FRESH_FOR_MS) return budget;
    return { ...budget, firstWindow: kept.window };
  }

  /** A count step stopped for time below `stoppedBelow`; the next may start with `nextWindow` ids. */
  keep(query: CallCountQuery, stoppedBelow: number, nextWindow: number, budget: QueryBudget): void {
    if (nextWindow <= 0) return;
    this.windows.set(keyOf(query, stoppedBelow), { window: nextWindow, keptAt: clockOf(budget)() });
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
