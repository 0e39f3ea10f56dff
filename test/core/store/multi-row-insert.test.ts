import { describe, expect, it, vi } from 'vitest';
import { trigramQuery } from '../../../main/core/store/call-filter-sql';
import { MAX_ROWS_PER_STATEMENT, type NewCall } from '../../../main/core/store/calls-insert';
import { TextIndexer } from '../../../main/core/store/text-index';
import { useMigratedHistory } from '../../helpers/migrated-history';
import { VALID_SIGNATURE } from '../../helpers/new-call';

// A batch is stored with one INSERT of many rows per statement (the full-text index flushes
// once per statement); these check that each call still gets its own row, id and triggers.

const history = useMigratedHistory();

/** Call number n: its time, path, action and body all say n, so a row can be told apart. */
function numbered(n: number): NewCall {
  return {
    receivedAt: 1_000_000 + n,
    method: 'POST',
    path: `/actions/call_${n}`,
    remoteAddress: '127.0.0.1',
    action: n % 2 === 0 ? 'even' : 'odd',
    test: false,
    requestHeaders: [['X-Call', String(n)]],
    requestBody: Buffer.from(`{"marker":"call-${n}-end"}`),
    bodySize: 20,
    problem: null,
    problemMessage: null,
    signature: VALID_SIGNATURE,
    answeredBy: 'mock',
    response: { status: n % 3 === 0 ? 500 : 200, headers: [], body: Buffer.from(`answer ${n}`) },
    durationMs: n,
    source: 'flowent',
    originalCallId: null,
  };
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

function expectStoredInOrder(batch: NewCall[], ids: number[]) {
  expect(ids).toHaveLength(batch.length);
  ids.forEach((id, i) => {
    if (i > 0) expect(id).toBeGreaterThan(ids[i - 1]!);
    const stored = history.calls.get(id);
    expect(stored?.receivedAt).toBe(batch[i]!.receivedAt);
    expect(stored?.path).toBe(batch[i]!.path);
    expect(stored?.requestHeaders).toEqual(batch[i]!.requestHeaders);
    expect(stored?.requestBody.toString()).toBe(Buffer.from(batch[i]!.requestBody).toString());
  });
}

describe('storing a batch with multi-row INSERT statements', () => {
  it.each([1, 2, 17, MAX_ROWS_PER_STATEMENT, MAX_ROWS_PER_STATEMENT + 1, 256])(
    'gives a batch of %i calls distinct, increasing ids, each naming its own row',
    (size) => {
      // Rows already there, with a gap after a delete, so ids do not start at 1.
      const before = history.calls.insert(range(0, 5).map(numbered));
      history.db.prepare('DELETE FROM calls WHERE id = ?').run(before[4]);
      const batch = range(100, size).map(numbered);
      const ids = history.calls.insert(batch);
      expectStoredInOrder(batch, ids);
      expect(new Set(ids).size).toBe(size);
      expect(ids[0]).toBeGreaterThan(before[3]!);
    },
  );

  it('keeps ids in order across batches and single inserts', () => {
    const first = range(0, 3).map(numbered);
    const second = range(3, 70).map(numbered);
    const ids = [...history.calls.insert(first), history.calls.insert(numbered(73)), ...history.calls.insert(second)];
    expectStoredInOrder([...first, numbered(73), ...second], ids);
  });

  it('fires the per-action totals once per row, and the text indexer then indexes each row', () => {
    const batch = range(0, 150).map(numbered);
    const ids = history.calls.insert(batch);
    expect(new TextIndexer(history.db, { sliceRows: 64 }).catchUp()).toBe(150);
    const counts = history.db.prepare('SELECT action, total, failures FROM call_counts ORDER BY action').all();
    const expected = (parity: number) => {
      const mine = batch.filter((_, n) => n % 2 === parity);
      return { total: mine.length, failures: mine.filter((call) => call.response.status >= 400).length };
    };
    expect(counts).toEqual([
      { action: 'even', ...expected(0) },
      { action: 'odd', ...expected(1) },
    ]);
    for (const n of [0, 63, 64, 65, 149]) {
      // Straight from the index, so a row missing from it is not found by a scan instead.
      const found = history.db.prepare('SELECT rowid AS id FROM calls_text WHERE calls_text MATCH ?').all(trigramQuery(`l-${n}-e`));
      expect(found).toEqual([{ id: ids[n] }]);
    }
  });

  it('stores none of a batch when one row fails, in any statement of it', () => {
    history.calls.insert([numbered(0)]);
    const broken = { ...numbered(99), method: null } as unknown as NewCall;
    const batch = range(1, 100).map(numbered);
    batch[80] = broken; // in the second statement, after the first one ran
    expect(() => history.calls.insert(batch)).toThrow(/NOT NULL/);
    expect(history.db.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 1 });
    expect(history.db.prepare('SELECT sum(total) AS n FROM call_counts').get()).toEqual({ n: 1 });
    // The repository still works afterwards.
    expectStoredInOrder([numbered(5)], history.calls.insert([numbered(5)]));
  });

  it('prepares one statement per row count and reuses it', () => {
    const prepare = vi.spyOn(history.db, 'prepare');
    history.calls.insert(range(0, 10).map(numbered));
    history.calls.insert(range(10, 10).map(numbered));
    history.calls.insert(range(20, 3).map(numbered));
    const inserts = prepare.mock.calls.map(([sql]) => sql).filter((sql) => sql.startsWith('INSERT INTO calls'));
    expect(inserts).toHaveLength(2);
    expect(inserts[0]!.match(/\(\?/g)).toHaveLength(10);
    expect(inserts[1]!.match(/\(\?/g)).toHaveLength(3);
  });
});
