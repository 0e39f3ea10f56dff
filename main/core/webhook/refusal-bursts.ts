import type { StoreOutcome } from '../store/batched-writer';
import type { NewCall } from '../store/calls-insert';
import { refusalBurstWords } from '../../contract/words/request-refusal-words';

/** A burst ends when its kind has not come back for this long; the next one starts a new record. */
const QUIET_MS = 10_000;
/** How often a burst's count is written to its record while refusals keep coming. */
const COUNT_WRITE_MS = 1_000;
/** Kinds tracked at once; parser reasons are a short fixed list, this only bounds the unexpected. */
const MAX_KINDS = 64;

interface Burst {
  /** The record's id once stored; null while it is being stored or when it could not be. */
  id: number | null;
  base: string;
  counted: number;
  written: number;
  lastAt: number;
  timer: NodeJS.Timeout | null;
}

export interface RefusalStore {
  store(call: NewCall): Promise<StoreOutcome>;
  /** Rewrites a stored record's problem message (its count). */
  updateProblemMessage(id: number, message: string): void;
}

/**
 * Records requests refused before any handler saw them without letting a flood fill the
 * history: the first of each kind is stored (before it is answered, like every call); the
 * same kind again within 10 s of the last is answered and counted on that record, whose
 * message says how many more came and until when.
 */
export class RefusalBursts {
  private readonly bursts = new Map<string, Burst>();

  constructor(private readonly history: RefusalStore) {}

  /** Stores the refusal, or counts it on its burst's record; resolves with what the store said, or null when counted. */
  async record(kind: string, call: NewCall): Promise<StoreOutcome | null> {
    const now = Date.now();
    const burst = this.bursts.get(kind);
    if (burst && now - burst.lastAt < QUIET_MS) {
      burst.counted += 1;
      burst.lastAt = now;
      this.scheduleCountWrite(burst);
      return null;
    }
    if (burst) this.end(kind, burst);
    if (this.bursts.size >= MAX_KINDS) for (const [oldKind, old] of this.bursts) this.end(oldKind, old);
    const fresh: Burst = { id: null, base: call.problemMessage ?? '', counted: 0, written: 0, lastAt: now, timer: null };
    this.bursts.set(kind, fresh);
    const outcome = await this.history.store(call);
    if (outcome.ok) {
      fresh.id = outcome.id;
      if (fresh.counted > 0) this.scheduleCountWrite(fresh);
    }
    return outcome;
  }

  /** Writes every count not written yet (at stop). */
  flush(): void {
    for (const [kind, burst] of this.bursts) this.end(kind, burst);
  }

  private end(kind: string, burst: Burst): void {
    if (burst.timer) clearTimeout(burst.timer);
    burst.timer = null;
    this.writeCount(burst);
    this.bursts.delete(kind);
  }

  private scheduleCountWrite(burst: Burst): void {
    if (burst.timer || burst.id === null) return;
    burst.timer = setTimeout(() => {
      burst.timer = null;
      this.writeCount(burst);
    }, COUNT_WRITE_MS);
    burst.timer.unref();
  }

  private writeCount(burst: Burst): void {
    if (burst.id === null || burst.counted === burst.written) return;
    try {
      this.history.updateProblemMessage(burst.id, refusalBurstWords(burst.base, burst.counted, new Date(burst.lastAt).toISOString()));
      burst.written = burst.counted;
    } catch {
      // The history is unwritable right now (full disk): the next count write tries again.
    }
  }
}
