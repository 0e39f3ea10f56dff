import type { Database, Statement, Transaction } from 'better-sqlite3';
import { addOutcome, emptyKnowledge, withProbe, type HandlerKnowledge, type HandlerMemory, type HandlerOutcome } from '../handler-check';
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
 * What each developer's handler accepted and refused so far (migration 9's `handlers` table),
 * one row per handler, keyed by its handlerTargetKey. Only counts are kept: no key, no body.
 */
export class HandlersRepository implements HandlerMemory {
  private readonly readStatement: Statement<[string], { knowledge: string }>;
  private readonly writeStatement: Statement<[string, string, number]>;
  /**
   * Read, add and write in one transaction: two processes sharing the history never lose a
   * count. Made once, not per call: the driver builds four wrappers for each transaction
   * function, and every forwarded call records what its handler taught.
   */
  private readonly recordChange: Transaction<(target: string, outcome: HandlerOutcome) => void>;
  private readonly probeChange: Transaction<(target: string, outcomes: readonly HandlerOutcome[]) => void>;

  constructor(private readonly db: Database) {
    this.readStatement = db.prepare('SELECT knowledge FROM handlers WHERE target = ?');
    this.writeStatement = db.prepare(
      'INSERT INTO handlers (target, knowledge, updated_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT (target) DO UPDATE SET knowledge = excluded.knowledge, updated_at = excluded.updated_at',
    );
    this.recordChange = db.transaction((target: string, outcome: HandlerOutcome) => {
      this.writeStatement.run(target, JSON.stringify(addOutcome(this.read(target), outcome)), Date.now());
    });
    this.probeChange = db.transaction((target: string, outcomes: readonly HandlerOutcome[]) => {
      this.writeStatement.run(target, JSON.stringify(withProbe(this.read(target), outcomes)), Date.now());
    });
  }

  record(target: string, outcome: HandlerOutcome): void {
    this.write(() => this.recordChange.immediate(target, outcome));
  }

  read(target: string): HandlerKnowledge {
    const row = this.readStatement.get(target);
    return (row && parseKnowledge(row.knowledge)) ?? emptyKnowledge();
  }

  /**
   * Adds a complete probe's `outcomes` to what is known about `target`, or puts them in its
   * place when the two contradict each other (see withProbe).
   */
  recordProbe(target: string, outcomes: readonly HandlerOutcome[]): void {
    this.write(() => this.probeChange.immediate(target, outcomes));
  }

  private write(change: () => void): void {
    try {
      change();
    } catch (error) {
      throw refineStoreError(error, this.db.name);
    }
  }
}
