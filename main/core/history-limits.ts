import { DEFAULT_LIMITS, LIMIT_NAMES, type HistoryLimits, type KeptLimits, type LimitName, type LimitsElsewhere } from '../contract/api';
import type { SettingsScope } from './store/settings-repository';

export const LIMITS_SETTINGS_SCOPE = 'limits';
const KEY = 'current';

export const KEPT_LIMIT_NAMES = ['keepCalls', 'keepDays', 'keepBytes'] as const;

/** Another companion running on the data folder, as its state file tells it. */
export type OtherCompanion = Pick<LimitsElsewhere, 'pid' | 'mode'> & { keepsForThisRun?: Partial<KeptLimits> };

/**
 * Whose limits a companion's retention deletes by. One that runs (`serve`, the desktop app): its
 * own and those of the others running. A one-shot command (`send`, `replay`, `import`...): the
 * others' only. It has no limits of its own to impose: the user sets them on the companions that
 * run (a `serve --keep-calls 0` keeps everything), and a command that stores a call and exits
 * must not trim the history by the stored settings or the defaults meanwhile.
 */
export type DeletesBy = 'own-and-others' | 'others-only';

/** What the history shared by every companion on the folder is kept by, seen from this one. */
export interface SharedLimits {
  /** Per kind, the strictest limits this companion deletes by (see DeletesBy). */
  kept: KeptLimits;
  elsewhere: LimitsElsewhere[];
}

/** How long the other companions read from their state files are trusted: retention asks at every slice. */
const OTHERS_FRESH_MS = 2_000;

const NO_LIMITS: KeptLimits = { keepCalls: null, keepDays: null, keepBytes: null };

/** `a` keeps less than `b` (null: no limit). */
const stricter = (a: number | null, b: number | null) => a !== null && (b === null || a < b);

/**
 * The history's limits and the webhook port's rate limit: given for this run on the command
 * line (`serve --keep-calls`...), else stored (the Settings dialog, kept for later runs), else
 * the defaults. Read on every request by the rate limit, so they are kept in memory and read
 * from the settings once.
 *
 * One history may be shared by several companions (two serves, a serve and the app), each with
 * its own limits for its run; each deletes what its own limits want gone, so the strictest
 * limits of those running hold for all. `shared` says which, so that each can say so. A
 * one-shot command's limits are the folder's too (`current`), but it deletes by the others' only.
 */
export class LimitsSettings {
  private cached: HistoryLimits | null = null;
  private storedCache: HistoryLimits | null = null;
  private othersRead: { at: number; others: OtherCompanion[] } | null = null;

  constructor(
    private readonly settings: () => SettingsScope,
    private readonly forThisRun: Partial<HistoryLimits>,
    /** The other companions running on the data folder now. */
    private readonly others: () => OtherCompanion[],
    private readonly deletesBy: DeletesBy,
  ) {}

  current(): HistoryLimits {
    if (this.cached) return this.cached;
    const limits = { ...this.stored() };
    for (const name of LIMIT_NAMES) {
      const fixed = this.forThisRun[name];
      if (fixed !== undefined) limits[name] = fixed;
    }
    this.cached = limits;
    return limits;
  }

  /** This companion's limits against those of the others running on the folder (read at most every 2 s). */
  shared(now = Date.now()): SharedLimits {
    if (this.othersRead === null || now - this.othersRead.at > OTHERS_FRESH_MS) this.othersRead = { at: now, others: this.others() };
    const own = this.current();
    const stored = this.stored();
    const kept: KeptLimits =
      this.deletesBy === 'own-and-others'
        ? { keepCalls: own.keepCalls, keepDays: own.keepDays, keepBytes: own.keepBytes }
        : { ...NO_LIMITS };
    const elsewhere: LimitsElsewhere[] = [];
    for (const { pid, mode, keepsForThisRun } of this.othersRead.others) {
      const differs: Pick<LimitsElsewhere, 'stricter' | 'stricterHere'> = { stricter: {}, stricterHere: {} };
      for (const name of KEPT_LIMIT_NAMES) {
        // A companion without the flag keeps by the stored settings, which are the folder's, as here;
        // one given `--keep-calls 0` keeps by none (null), which is not a flag left out.
        const given = keepsForThisRun?.[name];
        const theirs = given === undefined ? stored[name] : given;
        if (stricter(theirs, own[name])) differs.stricter[name] = theirs;
        // A one-shot command's limits trim no one's calls: it deletes by no limits of its own.
        else if (this.deletesBy === 'own-and-others' && stricter(own[name], theirs)) differs.stricterHere[name] = own[name];
        if (stricter(theirs, kept[name])) kept[name] = theirs;
      }
      if (Object.keys(differs.stricter).length + Object.keys(differs.stricterHere).length > 0) elsewhere.push({ pid, mode, ...differs });
    }
    return { kept, elsewhere };
  }

  /** The limits given on the command line, which stored settings do not change. */
  fixedForThisRun(): LimitName[] {
    return LIMIT_NAMES.filter((name) => this.forThisRun[name] !== undefined);
  }

  /** Stores the limits for this and later runs (those fixed for this run are stored too, and apply from the next run). */
  store(limits: HistoryLimits): void {
    this.settings().write(KEY, limits);
    this.cached = null;
    this.storedCache = null;
  }

  /** Forgets what was read (the history was closed and may be opened again). */
  reset(): void {
    this.cached = null;
    this.storedCache = null;
    this.othersRead = null;
  }

  /** The stored settings, else the defaults: what a companion without flags keeps by. */
  private stored(): HistoryLimits {
    if (this.storedCache) return this.storedCache;
    const stored = this.settings().read<Partial<HistoryLimits>>(KEY, {});
    const limits = { ...DEFAULT_LIMITS };
    for (const name of LIMIT_NAMES) {
      const kept = stored[name];
      if (kept === null || typeof kept === 'number') limits[name] = kept;
    }
    this.storedCache = limits;
    return limits;
  }
}
