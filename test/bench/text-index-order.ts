/**
 * What the text index costs to read newest first against oldest first within a window of ids,
 * at the top of the history and far down, warm (best of 3) and from disk (a fresh connection
 * right after the operating system's file cache is dropped; Linux, as root):
 *
 * - newest first, the first 32 candidates below an id (what a page through the index waits for);
 * - oldest first, every candidate of a window of 1,024 or 4,096 ids below it.
 *
 *   flock /tmp/flowent-suite.lock npx tsx test/bench/text-index-order.ts --data-dir <kept folder>
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { DATA_FILES } from '../../main/core/data-folder';
import { trigramQuery } from '../../main/core/store/call-filter-sql';
import { dropFileCache } from './query-cold';

const TERMS = ['example.com', 'user400180@example.com', 'Zürich', 'no such words'];
const BELOW = [1_000_000, 500_000, 100_000];
const NEWEST_FIRST = 'SELECT rowid FROM calls_text WHERE calls_text MATCH ? AND rowid < @high ORDER BY rowid DESC LIMIT 32';
const OLDEST_FIRST = 'SELECT rowid FROM calls_text WHERE calls_text MATCH ? AND rowid >= @low AND rowid < @high ORDER BY rowid';
const READS = [
  { label: 'newest first, 32 candidates', sql: NEWEST_FIRST, ids: 0 },
  { label: 'oldest first, a window of 4,096 ids', sql: OLDEST_FIRST, ids: 4_096 },
  { label: 'oldest first, a window of 1,024 ids', sql: OLDEST_FIRST, ids: 1_024 },
];

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' } } });
if (!values['data-dir']) throw new Error('--data-dir <a folder filled by scale-bench.ts --keep> is required');
const file = join(values['data-dir'], DATA_FILES.history);

console.log('| term | below | read | warm ms | from disk ms | candidates |');
console.log('|---|---|---|---|---|---|');
for (const term of TERMS) {
  for (const high of BELOW) {
    for (const { label, sql, ids } of READS) {
      const once = () => {
        const db = new Database(file, { readonly: true });
        try {
          const started = performance.now();
          const found = db.prepare(sql).all(trigramQuery(term), { low: high - ids, high }).length;
          return { ms: performance.now() - started, found };
        } finally {
          db.close();
        }
      };
      dropFileCache();
      const cold = once();
      const warm = Math.min(once().ms, once().ms, once().ms);
      console.log(`| ${term} | #${high} | ${label} | ${warm.toFixed(1)} | ${cold.ms.toFixed(1)} | ${cold.found} |`);
    }
  }
}
