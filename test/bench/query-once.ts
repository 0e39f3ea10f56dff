/**
 * One query of the query matrix in a process of its own, for query-cold.ts: the code is loaded
 * and the history opened first (a running inspector has both), then the one query is timed.
 * Prints `{"ms": ..., "result": "..."}`.
 *
 *   node --import tsx test/bench/query-once.ts <history file> <kind> <filter as JSON> [beforeId]
 */
import Database from 'better-sqlite3';
import type { CallFilter } from '../../main/contract/api';
import { CallsRepository } from '../../main/core/store/calls-repository';
import { PAGE, pageResult, type QueryKind } from './query-kinds';

const [file, kind, filterJson, beforeText] = process.argv.slice(2) as [string, QueryKind, string, string | undefined];
const filter = JSON.parse(filterJson) as CallFilter;
const beforeId = beforeText === undefined ? undefined : Number(beforeText);
const calls = new CallsRepository(new Database(file, { readonly: true }));
const started = performance.now();
let result: string;
if (kind === 'counts') {
  const stats = calls.stats({ ...filter, perAction: false, beforeId });
  result = `${stats.nextBeforeId !== null ? '≥' : ''}${stats.total}`;
} else {
  result = pageResult(calls.list({ ...filter, limit: PAGE, beforeId }));
}
console.log(JSON.stringify({ ms: performance.now() - started, result }));
