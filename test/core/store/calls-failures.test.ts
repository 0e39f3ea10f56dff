import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { summaryOf, type NewCall } from '../../../main/core/store/calls-insert';
import { CallsRepository } from '../../../main/core/store/calls-repository';
import type { Store } from '../../../main/core/store/open-store';
import { recording, type StatementRun } from '../../helpers/recording-db';
import { call, report, storePerTest } from './calls-repository-setup';

let store: Store;
storePerTest((opened) => (store = opened));

describe("CallsRepository: failures, by the contract's rule", () => {
  it("stores the contract's failure rule with each call and gives it back in summaries", () => {
    const violation = { code: 'result-not-string', message: 'your handler answered 200 but `result` is a number' };
    const cases: [Partial<NewCall>, boolean][] = [
      [{}, false],
      [{ signature: report('no-key') }, false],
      [{ signature: report('unsigned-test'), test: true }, false],
      [{ signature: report('invalid') }, true],
      [{ signature: report('missing') }, true],
      [{ signature: report('malformed') }, true],
      [{ signature: report('not-flowent') }, true],
      [{ signature: report('no-key'), response: { status: 0, headers: [], body: Buffer.alloc(0) } }, true],
      [{ signature: report('no-key'), response: { status: 302, headers: [], body: Buffer.alloc(0) } }, true],
      [{ signature: report('no-key'), checks: { violations: [violation] } }, true],
    ];
    for (const [overrides, failed] of cases) {
      const newCall = call(overrides);
      const id = store.calls.insert(newCall);
      expect(summaryOf(newCall, id).failed, JSON.stringify(overrides)).toBe(failed);
      expect(store.calls.summary(id)).toEqual(summaryOf(newCall, id));
      expect(store.calls.get(id)?.failed).toBe(failed);
    }
    expect(store.calls.list({}).calls.map((c) => c.failed)).toEqual(cases.map(([, failed]) => failed).reverse());
    expect(store.calls.stats({}).failures).toBe(7);
  });

  it("filters by source, and counts failures over Flowent's own calls only", () => {
    const broken = { signature: report('invalid'), response: { status: 500, headers: [], body: Buffer.alloc(0) } };
    store.calls.insert(call({ action: 'a', ...broken }));
    store.calls.insert(call({ action: 'a' }));
    const replay = store.calls.insert(call({ action: 'a', source: 'replay', ...broken }));
    const simulated = store.calls.insert(call({ action: 'b', source: 'simulator', ...broken }));
    const imported = store.calls.insert(call({ action: 'b', source: 'import', ...broken }));
    expect(store.calls.stats({})).toMatchObject({ total: 5, failures: 1 });
    expect(store.calls.stats({ action: 'b' })).toMatchObject({ total: 2, failures: 0 });
    expect(store.calls.stats({ source: 'flowent' })).toMatchObject({ total: 2, failures: 1 });
    expect(store.calls.stats({ source: 'replay' })).toMatchObject({ total: 1, failures: 0, perAction: [{ action: 'a', count: 1 }] });
    expect(store.calls.list({ source: 'replay' }).calls.map((c) => [c.id, c.failed])).toEqual([[replay, true]]);
    expect(store.calls.list({ source: 'simulator' }).calls.map((c) => c.id)).toEqual([simulated]);
    expect(store.calls.list({ source: 'import', action: 'b' }).calls.map((c) => c.id)).toEqual([imported]);
    expect(store.calls.list({ source: 'flowent' }).calls.map((c) => c.source)).toEqual(['flowent', 'flowent']);
    // Calls imported from a file are Flowent's calls recorded elsewhere: they can be replayed.
    expect(store.calls.selectReplayableIds({}, 10)).toEqual({ ids: [imported, 2, 1], nextBeforeId: null });
  });

  it("lists the calls the header counts as failures, through the filter columns' index", () => {
    const broken = { signature: report('invalid'), response: { status: 500, headers: [], body: Buffer.alloc(0) } };
    const failed = store.calls.insert(call({ action: 'a', ...broken }));
    store.calls.insert(call({ action: 'a' }));
    store.calls.insert(call({ action: 'a', source: 'replay', ...broken }));
    store.calls.insert(call({ action: 'b', source: 'import', ...broken }));
    const alsoFailed = store.calls.insert(call({ action: 'b', signature: report('missing') }));
    // The list of failures holds what the header's failures count, and nothing else.
    expect(store.calls.stats({}).failures).toBe(2);
    expect(store.calls.list({ failures: true }).calls.map((c) => c.id)).toEqual([alsoFailed, failed]);
    expect(store.calls.stats({ failures: true })).toMatchObject({
      total: 2,
      failures: 2,
      perAction: [
        { action: 'a', count: 1 },
        { action: 'b', count: 1 },
      ],
    });
    expect(store.calls.list({ failures: true, action: 'b' }).calls.map((c) => c.id)).toEqual([alsoFailed]);
    expect(store.calls.list({ failures: true, source: 'replay' }).calls).toEqual([]);

    // Read by windows of ids through the index that holds `failed` and `source`, never a scan of rows.
    const runs: StatementRun[] = [];
    const db = recording(new Database(store.file, { readonly: true }), runs);
    try {
      const reader = new CallsRepository(db);
      expect(reader.list({ failures: true }).calls.map((c) => c.id)).toEqual([alsoFailed, failed]);
      reader.stats({ failures: true, perAction: false });
      const filtered = runs.filter((run) => run.sql.includes("failed = 1 AND source = 'flowent'"));
      expect(filtered.length).toBeGreaterThanOrEqual(2);
      for (const run of filtered) {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${run.sql}`).all(...run.args) as { detail: string }[])
          .map((step) => step.detail)
          .join(' | ');
        expect(plan).toMatch(/USING (COVERING )?INDEX calls_by_id_filters/);
      }
    } finally {
      db.close();
    }
  });
});
