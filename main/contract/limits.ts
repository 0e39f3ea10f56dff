/** How much history is kept, and how often one client may call. */
import type { Result } from './result';

/** Each limit; null: none. */
export interface HistoryLimits {
  /** Most calls kept: past it, the oldest go. */
  keepCalls: number | null;
  /** Days a call is kept, counted from when it was received (imported calls are kept by count and size only). */
  keepDays: number | null;
  /** Most bytes the history may take on disk (the database's pages in use: bodies, headers, the text index). */
  keepBytes: number | null;
  /** Requests per second one client may send to the webhook port; past it, 429. */
  rateLimitPerSecond: number | null;
}

export type LimitName = keyof HistoryLimits;

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

/** The range each limit may take when set. */
export const LIMIT_RANGES: Record<LimitName, { min: number; max: number }> = {
  keepCalls: { min: 1, max: 1_000_000_000 },
  keepDays: { min: 1, max: 36_500 },
  keepBytes: { min: 1024 * 1024, max: 1024 ** 4 },
  rateLimitPerSecond: { min: 1, max: 1_000_000 },
};

export interface HistoryUsage {
  calls: number;
  /** Bytes of the database in use (what `keepBytes` limits). */
  bytes: number;
}

export interface LimitsInfo {
  /** The limits in force. */
  current: HistoryLimits;
  /** Limits given on the command line for this run (`serve --keep-calls`...): settings cannot change them. */
  fixedForThisRun: LimitName[];
  defaults: HistoryLimits;
  usage: HistoryUsage;
}

export interface LimitsMethods {
  getLimits(): Promise<LimitsInfo>;
  /** Stores the limits (for this app and later runs); the oldest calls over them go in the next idle moment. */
  setLimits(limits: HistoryLimits): Promise<Result<LimitsInfo>>;
}

export const LIMITS_METHOD_NAMES = ['getLimits', 'setLimits'] as const satisfies readonly (keyof LimitsMethods)[];

export type LimitsEvent =
  /** Calls over the history's limits were deleted, all with ids up to `upToId` (the oldest). */
  { type: 'history-pruned'; deleted: number; upToId: number };
