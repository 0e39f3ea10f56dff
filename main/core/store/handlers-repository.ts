import type { Database, Statement, Transaction } from 'better-sqlite3';
import { emptyKnowledge, withAnswer, withProbe, type HandlerKnowledge, type HandlerMemory, type HandlerOutcome } from '../handler-check';
import { STYLES } from '../signature';
import { refineStoreError } from './store-faults';

const COUNTS = ['accepted', 'refused', 'acceptedUnverified', 'refusedUnverified'] as const;
const STYLE_NAMES = new Set<string>(STYLES.map((style) => style.name));

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** The stored JSON as knowledge, or null when it is damaged (it is then started afresh). */
function parseKnowledge(text: string): HandlerKnowledge | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const stored = value as Record<string, unknown>;
  if (!COUNTS.every((count) => isCount(stored[count]))) return null;
  const styles = stored.styles;
  if (typeof styles !== 'object' || styles === null || Array.isArray(styles)) return null;
  const known = emptyKnowledge();
  for (const count of COUNTS) known[count] = stored[count] as number;
  // Kept only when some are, and absent from what was stored before it was.
  if (stored.refusedAlike !== undefined) {
    if (!isCount(stored.refusedAlike)) return null;
    if (stored.refusedAlike > 0) known.refusedAlike = stored.refusedAlike;
  }
  for (const [name, tally] of Object.entries(styles as Record<string, unknown>)) {
    if (!STYLE_NAMES.has(name) || typeof tally !== 'object' || tally === null) return null;
    const { accepted, refused } = tally as Record<string, unknown>;
    if (!isCount(accepted) || !isCount(refused)) return null;
    known.styles[name as keyof HandlerKnowledge['styles']] = { accepted, refused };
  }
  return known;
}

/**
 * What a handler taught, for the key its calls are signed and checked with: the live view the
 * core's forwarding, replays and details use (see HandlersRepository.forKey).
 */
export interface KeyedHandlerMemory extends HandlerMemory {
  /**
   * The key lessons are filed under now: its fingerprint, or a mark for no key. A call a handler
   * answers is stored with it (NewCall.keyFingerprint), so its details read that key's lessons.
   */
  keyId(): string;
  /** What `target` taught about calls checked with the key `keyId` names (a stored call's own). */
  readFor(target: string, keyId: string): HandlerKnowledge;
  /** Adds a lesson under `keyId`, the key its call was checked with, whichever key is set by the time it is written. */
  recordFor(target: string, keyId: string, outcome: HandlerOutcome): void;
  /** See HandlersRepository.recordProbe. */
  recordProbe(target: string, outcomes: readonly HandlerOutcome[]): void;
}

/**
 * Knowledge learned before it was kept per key (migration 17): taken by the first key that
 * records about its handler, read by any key that has none of its own until then.
 */
const LEARNED_BEFORE_KEYS = '';
/** What is learned while no key is set (a fingerprint is 16 hex characters). */
export const NO_KEY = 'no-key';

/**
 * What each developer's handler accepted and refused so far (the `handlers` table), one row per
 * handler and signing key: a handler's verdicts say something only about the key the companion
 * checked the call with (a valid signature with another key, rightly refused, is no sign of how
 * it serializes). Keyed by handlerTargetKey and the key's fingerprint; only counts are kept, no
 * key, no body.
 */
export class HandlersRepository {
  private readonly readStatement: Statement<[string, string, string, string], { knowledge: string; key_fingerprint: string }>;
  private readonly writeStatement: Statement<[string, string, string, number]>;
  private readonly latestStatement: Statement<[string], { knowledge: string }>;
  private readonly dropLegacyStatement: Statement<[string, string]>;
  /**
   * Read, add and write in one transaction: two processes sharing the history never lose a
   * count. Made once, not per call: the driver builds four wrappers for each transaction
   * function, and every forwarded call records what its handler taught.
   */
  private readonly recordChange: Transaction<(target: string, keyId: string, outcome: HandlerOutcome) => void>;
  private readonly probeChange: Transaction<(target: string, keyId: string, outcomes: readonly HandlerOutcome[]) => void>;

  constructor(private readonly db: Database) {
    // The key's own row first, else what was learned before rows had keys.
    this.readStatement = db.prepare(
      'SELECT knowledge, key_fingerprint FROM handlers WHERE target = ? AND key_fingerprint IN (?, ?) ORDER BY key_fingerprint = ? DESC LIMIT 1',
    );
    this.writeStatement = db.prepare(
      'INSERT INTO handlers (target, key_fingerprint, knowledge, updated_at) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (target, key_fingerprint) DO UPDATE SET knowledge = excluded.knowledge, updated_at = excluded.updated_at',
    );
    this.latestStatement = db.prepare('SELECT knowledge FROM handlers WHERE target = ? ORDER BY updated_at DESC, rowid DESC LIMIT 1');
    this.dropLegacyStatement = db.prepare('DELETE FROM handlers WHERE target = ? AND key_fingerprint = ?');
    this.recordChange = db.transaction((target: string, keyId: string, outcome: HandlerOutcome) => {
      const known = this.readRow(target, keyId);
      this.save(target, keyId, withAnswer(known.knowledge, outcome), known.fromBeforeKeys);
    });
    this.probeChange = db.transaction((target: string, keyId: string, outcomes: readonly HandlerOutcome[]) => {
      const known = this.readRow(target, keyId);
      this.save(target, keyId, withProbe(known.knowledge, outcomes), known.fromBeforeKeys);
    });
  }

  /**
   * What handlers taught about calls checked with the key `keyId()` names at each use (a
   * fingerprint, never the key), so a key changed while the companion runs applies at once.
   * With no key (null) nothing tells keys apart: reading gives what a handler taught last.
   */
  forKey(keyId: () => string | null): KeyedHandlerMemory {
    return {
      record: (target, outcome) => this.record(target, keyId() ?? NO_KEY, outcome),
      read: (target) => {
        const id = keyId();
        return id === null ? this.readLatest(target) : this.read(target, id);
      },
      keyId: () => keyId() ?? NO_KEY,
      readFor: (target, id) => this.read(target, id),
      recordFor: (target, id, outcome) => this.record(target, id, outcome),
      recordProbe: (target, outcomes) => this.recordProbe(target, keyId() ?? NO_KEY, outcomes),
    };
  }

  /** Adds one call's outcome to what is known about `target` for the key `keyId` (see withAnswer). */
  record(target: string, keyId: string, outcome: HandlerOutcome): void {
    this.write(() => this.recordChange.immediate(target, keyId, outcome));
  }

  /** Everything known about `target` for the key `keyId`; {@link emptyKnowledge} when nothing is. */
  read(target: string, keyId: string): HandlerKnowledge {
    return this.readRow(target, keyId).knowledge;
  }

  /** The key's knowledge, and whether it is the row learned before keys (which its first write takes over). */
  private readRow(target: string, keyId: string): { knowledge: HandlerKnowledge; fromBeforeKeys: boolean } {
    const row = this.readStatement.get(target, keyId, LEARNED_BEFORE_KEYS, keyId);
    return {
      knowledge: (row && parseKnowledge(row.knowledge)) ?? emptyKnowledge(),
      fromBeforeKeys: row?.key_fingerprint === LEARNED_BEFORE_KEYS && keyId !== LEARNED_BEFORE_KEYS,
    };
  }

  /** What `target` taught last, whichever key its calls were checked with. */
  readLatest(target: string): HandlerKnowledge {
    const row = this.latestStatement.get(target);
    return (row && parseKnowledge(row.knowledge)) ?? emptyKnowledge();
  }

  /**
   * Adds a complete probe's `outcomes` to what is known about `target`, or puts them in its
   * place when the two contradict each other (see withProbe).
   */
  recordProbe(target: string, keyId: string, outcomes: readonly HandlerOutcome[]): void {
    this.write(() => this.probeChange.immediate(target, keyId, outcomes));
  }

  /**
   * Writes `knowledge` as the key's own; what was learned before keys, when it was read as part of
   * it, is dropped (only then: every forwarded call records here, so no DELETE on the others).
   */
  private save(target: string, keyId: string, knowledge: HandlerKnowledge, tookOverBeforeKeys: boolean): void {
    this.writeStatement.run(target, keyId, JSON.stringify(knowledge), Date.now());
    if (tookOverBeforeKeys) this.dropLegacyStatement.run(target, LEARNED_BEFORE_KEYS);
  }

  private write(change: () => void): void {
    try {
      change();
    } catch (error) {
      throw refineStoreError(error, this.db.name);
    }
  }
}
