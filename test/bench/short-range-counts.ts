/**
 * Counts of searches within a short time range at the top of the history (the page's "last
 * hour" when a few thousand calls arrived in it), each counted to the exact figure, step by
 * step, as the page asks: on a fresh connection, then warm (best of --runs). The range starts at
 * the Nth newest call (--calls-in-range), so the figure does not depend on how old the folder is.
 *
 *   flock /tmp/flowent-suite.lock npx tsx test/bench/short-range-counts.ts --data-dir <kept folder> [--calls-in-range 4000] [--runs 5]
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { CallCountQuery } from '../../main/contract/api';
import { DATA_FILES } from '../../main/core/data-folder';
import { CallsRepository } from '../../main/core/store/calls-repository';

const TERMS = ['a', 'zq', 'Par', 'Paris', 'Zürich', 'example.com', 'user400000@example.com', 'no such words'];

/** Every step of one count, on `calls`: the longest step and the total, in ms. */
function countToTheEnd(calls: CallsRepository, query: CallCountQuery): { longest: number; total: number; count: number } {
  let longest = 0;
  let total = 0;
  let count = 0;
  for (let beforeId: number | undefined; ;) {
    const started = performance.now();
    const stats = calls.stats({ ...query, beforeId });
    const ms = performance.now() - started;
    longest = Math.max(longest, ms);
    total += ms;
    count += stats.total;
    if (stats.nextBeforeId === null) return { longest, total, count };
    beforeId = stats.nextBeforeId;
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'calls-in-range': { type: 'string', default: '4000' },
      runs: { type: 'string', default: '5' },
    },
  });
  if (!values['data-dir']) throw new Error('--data-dir <a folder filled by scale-bench.ts --keep> is required');
  const file = join(values['data-dir'], DATA_FILES.history);
  const inRange = Number(values['calls-in-range']);
  const probe = new Database(file, { readonly: true });
  const since = probe
    .prepare('SELECT received_at FROM calls ORDER BY id DESC LIMIT 1 OFFSET ?')
    .pluck()
    .get(inRange - 1) as number;
  probe.close();
  console.log(`counts since the ${inRange}th newest call; load ${loadavg()[0]!.toFixed(2)}`);
  console.log('| search | calls | fresh connection: longest step / all steps ms | warm: longest step / all steps ms |');
  console.log('|---|---|---|---|');
  for (const text of TERMS) {
    const query: CallCountQuery = { text, since, perAction: false };
    const db = new Database(file, { readonly: true });
    try {
      const calls = new CallsRepository(db);
      const fresh = countToTheEnd(calls, query);
      const warm = Array.from({ length: Number(values.runs) }, () => countToTheEnd(calls, query));
      const best = warm.reduce((a, b) => (b.total < a.total ? b : a));
      const ms = (r: { longest: number; total: number }) => `${r.longest.toFixed(1)} / ${r.total.toFixed(1)}`;
      console.log(`| \`${text}\` | ${fresh.count} | ${ms(fresh)} | ${ms(best)} |`);
    } finally {
      db.close();
    }
  }
  console.log(`load at end ${loadavg()[0]!.toFixed(2)}`);
}

main();
