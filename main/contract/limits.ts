/** How much history is kept, and how often one client may call. */
import type * as z from 'zod';
import type { Result } from './result';
import type { ArgumentsOf } from './schemas/arguments';
import type { historyLimits, limitsArguments } from './schemas/limits';
import type { LimitName } from './names-and-limits';

/** Limits the argument check lets through are always stored: setting them refuses nothing. */
export type LimitsFailure = never;

/** Each limit (`keepCalls`, `keepDays`, `keepBytes`, `rateLimitPerSecond`); null: none. */
export type HistoryLimits = z.output<typeof historyLimits>;

/**
 * A developer's week of traffic with room to spare: 100,000 calls is a call every 6 seconds
 * around the clock for a week, 14 days keeps last week's calls to compare with this week's, and
 * 1 GB holds 100,000 calls of 10 KB while a flood of big bodies stops at 1 GB, not at a full disk.
 * No rate limit: Flowent's own bursts (a bulk run of a flow) must never be refused by default.
 */
export const DEFAULT_LIMITS: HistoryLimits = {
  keepCalls: 100_000,
  keepDays: 14,
  keepBytes: 1024 * 1024 * 1024,
  rateLimitPerSecond: null,
};

export interface HistoryUsage {
  calls: number;
  /** Bytes of the database in use (what `keepBytes` limits). */
  bytes: number;
}

/** The limits the history is kept by (not the rate limit, which is each webhook server's own). */
export type KeptLimits = Pick<HistoryLimits, 'keepCalls' | 'keepDays' | 'keepBytes'>;

/**
 * Another companion running on the same data folder whose history limits differ from these.
 * The history is one for both and each deletes what its own limits want gone, so per kind the
 * strictest limits hold while both run.
 */
export interface LimitsElsewhere {
  /** `serve` (headless) or the desktop app: what the words call it. */
  mode: 'desktop' | 'headless';
  pid: number;
  /** Its limits stricter than these: they hold for the history here too. */
  stricter: Partial<KeptLimits>;
  /** These limits where they are stricter than its own: they trim its calls too. */
  stricterHere: Partial<KeptLimits>;
}

export interface LimitsInfo {
  /** The limits in force. */
  current: HistoryLimits;
  /** The other companions on the data folder whose history limits differ from these. */
  elsewhere: LimitsElsewhere[];
  /** Limits given on the command line for this run (`serve --keep-calls`...): settings cannot change them. */
  fixedForThisRun: LimitName[];
  defaults: HistoryLimits;
  usage: HistoryUsage;
}

type Args = ArgumentsOf<typeof limitsArguments>;

export interface LimitsMethods {
  getLimits(...args: Args['getLimits']): Promise<LimitsInfo>;
  /** Stores the limits (for this app and later runs); the oldest calls over them go in the next idle moment. */
  setLimits(...[limits]: Args['setLimits']): Promise<Result<LimitsInfo, LimitsFailure>>;
}

export const LIMITS_METHOD_NAMES = ['getLimits', 'setLimits'] as const satisfies readonly (keyof LimitsMethods)[];

export type LimitsEvent =
  /**
   * Calls over the history's limits were deleted (those received longest ago), all with ids up
   * to `upToId`; calls below it may remain (an imported call can be older than calls stored before it).
   */
  { type: 'history-pruned'; deleted: number; upToId: number };
