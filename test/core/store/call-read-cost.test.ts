// A call read whole (what an export writes, what the detail pane shows) costs about what SQLite
// takes to read its row, not several times that: turning rows into calls was most of an
// export's time. Real SQLite file; the yardstick is measured beside it on the same rows.
import { expect, it } from 'vitest';
import { useMigratedHistory } from '../../helpers/migrated-history';
import { benchCall } from '../../bench/fill-history';

const history = useMigratedHistory();
const CALLS = 2_000;
const BATCH = 50;

function medianMs(runs: number, run: () => unknown): number {
  const times = Array.from({ length: runs }, () => {
    const started = performance.now();
    run();
    return performance.now() - started;
  }).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)]!;
}

it('reads calls whole in less than three times what SQLite takes to read their rows', () => {
  const ids = history.calls.insert(Array.from({ length: CALLS }, (_, n) => benchCall(n, 1_700_000_000_000 + n * 1000)));
  const batches = Array.from({ length: CALLS / BATCH }, (_, n) => ids.slice(n * BATCH, (n + 1) * BATCH));
  const rows = history.db.prepare('SELECT * FROM calls WHERE id IN (SELECT value FROM json_each(?))');

  const readRows = () => batches.forEach((batch) => rows.all(JSON.stringify(batch)));
  const readCalls = () => batches.forEach((batch) => history.calls.getMany(batch));
  // Warmed up first: what is measured is the steady cost, not the compiler's.
  readRows();
  readCalls();
  const rowsMs = medianMs(7, readRows);
  const callsMs = medianMs(7, readCalls);
  expect(history.calls.getMany(ids)).toHaveLength(CALLS);
  expect(callsMs).toBeLessThan(rowsMs * 3);
});
