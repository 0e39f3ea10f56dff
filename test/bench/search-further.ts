/**
 * What one press of "Search further" gives on a big history: the page's first query for a
 * filter, then, from where it stopped for time, query after query as the page asks them
 * (renderer calls-actions.ts `searchFurther`) until a page of calls is found, the oldest call is
 * reached or 25 queries were asked. Through the store's API on a fresh connection, warm (each
 * filter run once first) or with --drop-cache (the operating system's file cache dropped before
 * each filter, Linux, as root). Every query holds the thread that answers webhook calls, so the
 * longest one is reported beside the press's total.
 *
 *   flock /tmp/flowent-suite.lock npx tsx test/bench/search-further.ts --data-dir <kept folder> [--drop-cache]
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { CallFilter } from '../../main/contract/api';
import { DATA_FILES } from '../../main/core/data-folder';
import { CallsRepository } from '../../main/core/store/calls-repository';
import { DEFAULT_QUERY_BUDGET } from '../../main/core/store/id-windows';
import { dropFileCache } from './query-cold';
import { PAGE } from './query-kinds';

/** As the page's SEARCH_FURTHER_QUERIES. */
const PRESS_QUERIES = 25;

const FILTERS: { label: string; filter: CallFilter }[] = [
  { label: 'text="zq" (305 calls)', filter: { text: 'zq' } },
  { label: 'text="q7"', filter: { text: 'q7' } },
  { label: 'action="lookup_order" & text="Pa"', filter: { action: 'lookup_order', text: 'Pa' } },
  { label: 'statusClass="3xx" (none)', filter: { statusClass: '3xx' } },
  { label: 'source="import"', filter: { source: 'import' } },
];

interface Press {
  firstPage: number;
  firstRows: number;
  queries: number;
  found: number;
  ms: number;
  longest: number;
  downTo: string;
}

function press(file: string, filter: CallFilter): Press {
  const db = new Database(file, { readonly: true });
  try {
    const calls = new CallsRepository(db, DEFAULT_QUERY_BUDGET);
    const timed = <T>(work: () => T) => {
      const started = performance.now();
      const value = work();
      return { value, ms: performance.now() - started };
    };
    const first = timed(() => calls.list({ ...filter, limit: PAGE }));
    const result: Press = { firstPage: first.ms, firstRows: first.value.calls.length, queries: 0, found: 0, ms: 0, longest: 0, downTo: '' };
    let page = first.value;
    const started = performance.now();
    while (page.searchedDownTo !== null && page.nextBeforeId !== null && result.found < PAGE && result.queries < PRESS_QUERIES) {
      const beforeId = page.nextBeforeId;
      const next = timed(() => calls.list({ ...filter, limit: PAGE, beforeId }));
      page = next.value;
      result.queries++;
      result.found += page.calls.length;
      result.longest = Math.max(result.longest, next.ms);
    }
    result.ms = performance.now() - started;
    result.downTo =
      page.searchedDownTo === null ? (page.nextBeforeId === null ? 'the oldest call' : 'a full page') : `#${page.searchedDownTo}`;
    return result;
  } finally {
    db.close();
  }
}

function main(): void {
  const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, 'drop-cache': { type: 'boolean', default: false } } });
  if (!values['data-dir']) throw new Error('--data-dir <a folder filled by scale-bench.ts --keep> is required');
  const file = join(values['data-dir'], DATA_FILES.history);
  const cold = values['drop-cache'];
  console.log(`${cold ? 'file cache dropped before each filter' : 'warm'}; load ${loadavg()[0]!.toFixed(2)}`);
  console.log('| filter | first page ms (rows) | queries in the press | found | press ms | longest query ms | searched down to |');
  console.log('|---|---|---|---|---|---|---|');
  for (const { label, filter } of FILTERS) {
    if (cold) dropFileCache();
    else press(file, filter);
    const r = press(file, filter);
    console.log(
      `| ${label} | ${r.firstPage.toFixed(1)} (${r.firstRows}) | ${r.queries} | ${r.found} | ${r.ms.toFixed(0)} | ${r.longest.toFixed(1)} | ${r.downTo} |`,
    );
  }
  console.log(`load at end ${loadavg()[0]!.toFixed(2)}`);
}

main();
