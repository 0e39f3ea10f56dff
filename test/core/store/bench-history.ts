import Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import { openStore } from '../../../main/core/store/open-store';
import { benchCall } from '../../bench/fill-history';
import { makeTempDir } from '../../helpers/temp-dir';

const FIRST_RECEIVED = 1_700_000_000_000;

/** When the bench history's call number `i` (from 0) was received: one a second. */
export const benchReceivedAt = (i: number): number => FIRST_RECEIVED + i * 1_000;

export interface BenchHistory {
  /** A connection of its own that only reads, for repositories with budgets of the test's choosing. */
  db: Database.Database;
  close(): Promise<void>;
}

/**
 * A history of `calls` realistic calls (the benchmarks' own: several actions, verdicts, sources,
 * words and escaped bodies) in a temporary folder, stored as the companion stores them; `indexed`:
 * with every call in the text index, as after the indexer's idle time (else searches read bodies).
 */
export function benchHistory(calls: number, { indexed = false } = {}): BenchHistory {
  const dir = makeTempDir();
  const opened = openStore({ dataDir: dir.path });
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  const store = opened.value;
  for (let from = 0; from < calls; from += 500) {
    const batch = Math.min(500, calls - from);
    store.calls.insert(Array.from({ length: batch }, (_, i) => benchCall(from + i, benchReceivedAt(from + i))));
  }
  if (indexed) store.textIndex.catchUp();
  const db = new Database(store.file, { readonly: true });
  return {
    db,
    close: async () => {
      db.close();
      await store.close();
      dir.remove();
    },
  };
}

/** The bench history of a test file: filled before its tests, removed after them; read through `db()`. */
export function useBenchHistory(calls: number, options: { indexed?: boolean } = {}): { db: () => Database.Database } {
  let history: BenchHistory | undefined;
  beforeAll(() => {
    history = benchHistory(calls, options);
  });
  afterAll(() => history?.close());
  return {
    db: () => {
      if (!history) throw new Error('the bench history is filled before the tests run');
      return history.db;
    },
  };
}
