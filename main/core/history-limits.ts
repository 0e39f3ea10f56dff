import { DEFAULT_LIMITS, LIMIT_NAMES, type HistoryLimits, type LimitName } from '../contract/api';
import type { SettingsScope } from './store/settings-repository';

export const LIMITS_SETTINGS_SCOPE = 'limits';
const KEY = 'current';

/**
 * The history's limits and the webhook port's rate limit: given for this run on the command
 * line (`serve --keep-calls`...), else stored (the Settings dialog, kept for later runs), else
 * the defaults. Read on every request by the rate limit, so they are kept in memory and read
 * from the settings once.
 */
export class LimitsSettings {
  private cached: HistoryLimits | null = null;

  constructor(
    private readonly settings: () => SettingsScope,
    private readonly forThisRun: Partial<HistoryLimits>,
  ) {}

  current(): HistoryLimits {
    if (this.cached) return this.cached;
    const stored = this.settings().read<Partial<HistoryLimits>>(KEY, {});
    const limits = { ...DEFAULT_LIMITS };
    for (const name of LIMIT_NAMES) {
      const fixed = this.forThisRun[name];
      const kept = stored[name];
      if (fixed !== undefined) limits[name] = fixed;
      else if (kept === null || typeof kept === 'number') limits[name] = kept;
    }
    this.cached = limits;
    return limits;
  }

  /** The limits given on the command line, which stored settings do not change. */
  fixedForThisRun(): LimitName[] {
    return LIMIT_NAMES.filter((name) => this.forThisRun[name] !== undefined);
  }

  /** Stores the limits for this and later runs (those fixed for this run are stored too, and apply from the next run). */
  store(limits: HistoryLimits): void {
    this.settings().write(KEY, limits);
    this.cached = null;
  }

  /** Forgets what was read (the history was closed and may be opened again). */
  reset(): void {
    this.cached = null;
  }
}
