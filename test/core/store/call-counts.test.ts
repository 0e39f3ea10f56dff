import { describe, expect, it } from 'vitest';
import { isFailedCall, type CallSource } from '../../../main/contract/api';
import { importHar } from '../../../main/core/replay/har-import';
import { callsToHar } from '../../../main/core/replay/har-export';
import { BatchedWriter } from '../../../main/core/store/batched-writer';
import type { NewCall } from '../../../main/core/store/calls-insert';
import { Retention, type RetentionRules } from '../../../main/core/store/retention';
import { useMigratedHistory } from '../../helpers/migrated-history';
import { storedCall, VALID_SIGNATURE } from '../../helpers/new-call';

// The per-action totals (`call_counts`) are kept by triggers, a row at a time, inside the
// statements that store and delete calls: whatever stores or deletes calls, in batches of any
// size, they must equal a recount of the history.

const history = useMigratedHistory();

const kept = () => history.db.prepare('SELECT action, total, failures FROM call_counts ORDER BY action').all();
const recounted = () =>
  history.db
    .prepare(
      "SELECT coalesce(action, '') AS action, count(*) AS total, coalesce(sum(failed AND source = 'flowent'), 0) AS failures " +
        "FROM calls GROUP BY coalesce(action, '') ORDER BY 1",
    )
    .all();

/** Call n: one of three actions or none, every third signed wrongly, every fifth answered 500, of the given source. */
function call(n: number, source: CallSource = 'flowent'): NewCall {
  const made = storedCall({
    receivedAt: 1_700_000_000_000 + n,
    action: [null, 'send_email', 'create_ticket', 'lookup'][n % 4] ?? null,
    source,
    signature: { ...VALID_SIGNATURE, verdict: n % 3 === 0 ? 'invalid' : 'valid' },
  });
  return { ...made, response: { ...made.response, status: n % 5 === 0 ? 500 : 200 } };
}
const callsFrom = (from: number, count: number, source?: CallSource) => Array.from({ length: count }, (_, i) => call(from + i, source));

describe('the per-action totals', () => {
  it("add up each batch's calls by action, failures counting Flowent's own calls only", () => {
    const batch = [...callsFrom(0, 7), ...callsFrom(7, 5, 'replay'), ...callsFrom(12, 3, 'simulator')];
    history.calls.insert(batch);
    const expected = new Map<string, { action: string; total: number; failures: number }>();
    for (const one of batch) {
      const key = one.action ?? '';
      const row = expected.get(key) ?? { action: key, total: 0, failures: 0 };
      row.total++;
      const failed = isFailedCall({ status: one.response.status, verdict: one.signature.verdict, violations: [] });
      if (one.source === 'flowent' && failed) row.failures++;
      expected.set(key, row);
    }
    expect(kept()).toEqual([...expected.values()].sort((a, b) => (a.action < b.action ? -1 : 1)));
    expect(kept()).toEqual(recounted());
  });

  it('stay exact through the batched writer, single inserts, a failed batch, deletes, retention, an import and a clear', async () => {
    const writer = new BatchedWriter(history.calls, 16);
    // Batches of the writer's own making: 40 calls queued in one turn, written 16 at a time.
    const written = await Promise.all(callsFrom(0, 40).map((one) => writer.write(one)));
    expect(written.every((outcome) => outcome.ok)).toBe(true);
    history.calls.insert(call(40));
    history.calls.insert(callsFrom(41, 100));
    expect(kept()).toEqual(recounted());

    // All or nothing: a batch that fails adds nothing to the totals either.
    const broken = [...callsFrom(200, 70), { ...call(270), method: null } as unknown as NewCall];
    expect(() => history.calls.insert(broken)).toThrow(/NOT NULL/);
    expect(kept()).toEqual(recounted());

    history.db.prepare('DELETE FROM calls WHERE id % 7 = 0').run();
    expect(kept()).toEqual(recounted());

    const rules: RetentionRules = { keepCalls: 60, keepDays: null, keepBytes: null };
    const retention = new Retention(history.db, { rules: () => rules, sliceRows: 32 });
    expect(retention.enforce()).toBeGreaterThan(0);
    expect(history.db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(60);
    expect(kept()).toEqual(recounted());

    const har = callsToHar(history.calls.list({ limit: 50 }).calls.map((summary) => history.calls.get(summary.id)!));
    // Received an hour later: the same calls at the same time would be left out as imported before.
    for (const entry of har.log.entries) entry.startedDateTime = new Date(Date.parse(entry.startedDateTime) + 3_600_000).toISOString();
    const imported = await importHar(JSON.stringify(har), history.calls, null);
    expect(imported).toMatchObject({ ok: true, value: { imported: 50 } });
    expect(kept()).toEqual(recounted());

    history.calls.clear();
    expect(kept()).toEqual([]);
    history.calls.insert(callsFrom(300, 3));
    expect(kept()).toEqual(recounted());
  });
});
