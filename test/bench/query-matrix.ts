/**
 * The query matrix: every query the inspector's filter bar can make (test/helpers/filter-matrix.ts:
 * no filter, each filter alone, each pair, searches of 1, 2, 3+ characters, common, rare and
 * absent terms), timed on a big history in-process, the way the core runs them:
 *
 * - the first page (200 calls, the page's size), a deep page (the 5th, following the cursor)
 *   and the counts as the page asks for them, the totals alone (one `stats` call, which may
 *   stop at its time budget, and the exact count: every `stats` call the page makes until the
 *   counts are complete);
 * - fresh connection: a new connection for each measurement (SQLite's page cache empty, the
 *   file in the operating system's cache), after one query of the process's own to load the code;
 * - warm: the same connection, RUNS times; p50, p99 and max over them;
 * - with --drop-cache, cold for real (query-cold.ts): the slowest queries and the slowest of each
 *   filter alone, each in a fresh process, then each in a fresh process after the operating
 *   system's file cache is dropped (every page of the history read from disk).
 *
 *   npx tsx test/bench/scale-bench.ts --calls 1000000 --keep    # fill a folder once, keep it
 *   flock /tmp/flowent-suite.lock npx tsx test/bench/query-matrix.ts --data-dir <kept folder> [--runs 5] [--match text] [--all] [--drop-cache]
 *
 * Goal: every combination p99 < 100 ms and max < 200 ms, cold and warm; counts < 200 ms.
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { CallCountQuery, CallQuery } from '../../main/contract/api';
import { DATA_FILES } from '../../main/core/data-folder';
import { CallsRepository } from '../../main/core/store/calls-repository';
import { openStore } from '../../main/core/store/open-store';
import type { MatrixCase } from '../helpers/filter-matrix';
import { benchCall } from './fill-history';
import { measureCold, type ColdSample } from './query-cold';
import { DEEP, matrix, PAGE, pageResult, type QueryKind } from './query-kinds';

/** Calls added as received in the last minutes, so "last 5 minutes" holds fewer than a page. */
const RECENT = 50;

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

interface Figures {
  p50: number;
  p99: number;
  max: number;
}

interface Row extends ColdSample {
  kind: QueryKind;
  /** A fresh connection (SQLite's page cache empty, the file in the operating system's cache). */
  freshConnection: number;
  warm: Figures;
  /** What the query gave: rows on the page, or the count ("≥" when it stopped at its budget). */
  result: string;
}

function figures(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

function timed<T>(work: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = work();
  return { ms: performance.now() - started, value };
}

function measureCase(file: string, shared: CallsRepository, { label, filter }: MatrixCase, runs: number, exactCount: boolean): Row[] {
  const fresh = <T>(work: (calls: CallsRepository) => T): { ms: number; value: T } => {
    const db = new Database(file, { readonly: true });
    try {
      const calls = new CallsRepository(db);
      return timed(() => work(calls));
    } finally {
      db.close();
    }
  };
  const rows: Row[] = [];
  const list = (calls: CallsRepository, beforeId?: number) => calls.list({ ...filter, limit: PAGE, beforeId } as CallQuery);

  const first = fresh((calls) => list(calls));
  const warmFirst = Array.from({ length: runs }, () => timed(() => list(shared)));
  rows.push({
    label,
    filter,
    kind: 'first page',
    freshConnection: first.ms,
    warm: figures(warmFirst.map((t) => t.ms)),
    result: pageResult(first.value),
  });

  // Down to the deep page by the cursor, then that page timed.
  let cursor = first.value.nextBeforeId;
  for (let page = 2; page < DEEP && cursor !== null; page++) cursor = list(shared, cursor).nextBeforeId;
  if (cursor !== null) {
    const before = cursor;
    const deepCold = fresh((calls) => list(calls, before));
    const warmDeep = Array.from({ length: runs }, () => timed(() => list(shared, before)));
    rows.push({
      label,
      filter,
      beforeId: before,
      kind: `page ${DEEP}`,
      freshConnection: deepCold.ms,
      warm: figures(warmDeep.map((t) => t.ms)),
      result: pageResult(deepCold.value),
    });
  }

  // The counts as the page asks for them: the totals alone.
  const countQuery = { ...filter, perAction: false };
  const counts = fresh((calls) => calls.stats(countQuery));
  const warmCounts = Array.from({ length: runs }, () => timed(() => shared.stats(countQuery)));
  const countResult = `${counts.value.nextBeforeId !== null ? '≥' : ''}${counts.value.total}`;
  rows.push({ label, filter, kind: 'counts', freshConnection: counts.ms, warm: figures(warmCounts.map((t) => t.ms)), result: countResult });

  if (!exactCount) return rows;
  // The exact count, as the page gets it: stats calls, each going on where the last stopped.
  const exact = timed(() => {
    let total = 0;
    let calls = 0;
    for (let query: CallCountQuery = countQuery; ; calls++) {
      const stats = shared.stats(query);
      total += stats.total;
      if (stats.nextBeforeId === null) return { total, calls: calls + 1 };
      query = { ...countQuery, beforeId: stats.nextBeforeId };
    }
  });
  rows.push({
    label,
    filter,
    kind: 'exact count',
    freshConnection: NaN,
    warm: { p50: exact.ms, p99: exact.ms, max: exact.ms },
    result: `${exact.value.total} in ${exact.value.calls} call${exact.value.calls === 1 ? '' : 's'}`,
  });
  return rows;
}

/** Adds calls received in the last minutes (once per folder), so "last 5 minutes" has a few. */
function addRecentCalls(dataDir: string, now: number): void {
  const opened = openStore({ dataDir });
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  try {
    const recent = opened.value.calls.list({ since: now - 10 * 60_000, limit: 1 });
    if (recent.calls.length > 0) return;
    opened.value.calls.insert(Array.from({ length: RECENT }, (_, i) => benchCall(i, now - (RECENT - i) * 5_000)));
  } finally {
    opened.value.close();
  }
}

const fmt = (ms: number) => (Number.isNaN(ms) ? '–' : ms.toFixed(1));

function printRows(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.log('| query | kind | fresh connection ms | warm p50 | warm p99 | warm max | result |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.label} | ${r.kind} | ${fmt(r.freshConnection)} | ${fmt(r.warm.p50)} | ${fmt(r.warm.p99)} | ${fmt(r.warm.max)} | ${r.result} |`,
    );
  }
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      runs: { type: 'string', default: '5' },
      all: { type: 'boolean', default: false },
      /** Only the cases whose label contains this. */
      match: { type: 'string' },
      /**
       * Then time again, each in a fresh process, without and with the operating system's file
       * cache dropped (Linux, as root): the 30 slowest queries, and the slowest of each filter
       * alone for each kind of query.
       */
      'drop-cache': { type: 'boolean', default: false },
    },
  });
  if (!values['data-dir']) throw new Error('--data-dir <a folder filled by scale-bench.ts --keep> is required');
  const dataDir = values['data-dir'];
  const runs = Number(values.runs);
  const now = Date.now();
  addRecentCalls(dataDir, now);
  const file = join(dataDir, DATA_FILES.history);
  const db = new Database(file, { readonly: true });
  const shared = new CallsRepository(db);
  const count = (db.prepare('SELECT count(*) FROM calls').pluck().get() as number) - RECENT;
  const cases = matrix(count, now).filter((c) => !values.match || c.label.includes(values.match));
  // The process's own first query (code loaded and compiled) is not a cold cache: paid here, not by the first case.
  new CallsRepository(new Database(file, { readonly: true })).list({ limit: PAGE });
  console.log(`${cases.length} filters on ${count + RECENT} calls; load average at start: ${load()}`);
  const started = performance.now();
  // The exact count takes seconds where bodies are read: timed for each filter alone only.
  const rows = cases.flatMap((c, at) => {
    if (at % 50 === 49) console.log(`  ${at + 1} measured (load ${load()})`);
    return measureCase(file, shared, c, runs, !c.label.includes(' & '));
  });
  db.close();
  console.log(`measured in ${((performance.now() - started) / 1000).toFixed(0)} s; load average at end: ${load()}`);

  const timedRows = rows.filter((r) => r.kind !== 'exact count');
  const worst = (r: Row) => Math.max(r.warm.max, Number.isNaN(r.freshConnection) ? 0 : r.freshConnection);
  const over = timedRows.filter((r) => r.warm.p99 >= 100 || worst(r) >= 200 || r.freshConnection >= 100);
  const byKind = (kind: string) => timedRows.filter((r) => r.kind === kind);
  for (const kind of ['first page', `page ${DEEP}`, 'counts']) {
    const these = byKind(kind);
    const all = these.flatMap((r) => [r.freshConnection, r.warm.max]);
    console.log(
      `${kind}: ${these.length} queries, warm p99 over 100 ms: ${these.filter((r) => r.warm.p99 >= 100).length}, ` +
        `max (fresh connection or warm) over 200 ms: ${these.filter((r) => worst(r) >= 200).length}, slowest ${fmt(Math.max(...all))} ms`,
    );
  }
  printRows(
    `the 25 slowest (by the worse of fresh connection and warm max)`,
    [...timedRows].sort((a, b) => worst(b) - worst(a)).slice(0, 25),
  );
  printRows(`over the goal (warm p99 >= 100 ms, or fresh connection >= 100 ms, or max >= 200 ms): ${over.length}`, over);
  const exact = rows.filter((r) => r.kind === 'exact count').sort((a, b) => b.warm.max - a.warm.max);
  printRows('exact counts, the 15 longest (every stats call until complete)', exact.slice(0, 15));
  if (values.all) printRows('every query', rows);
  if (values['drop-cache']) printCold(file, timedRows, worst);
}

/** The 30 slowest queries, and for each kind of query the slowest of each filter alone (and of no filter). */
function coldSamples(rows: Row[], worst: (r: Row) => number): Row[] {
  const slowest = [...rows].sort((a, b) => worst(b) - worst(a));
  const chosen = new Set(slowest.slice(0, 30));
  const filterKey = (r: Row) => (r.label.includes(' & ') ? null : (Object.keys(r.filter)[0] ?? 'none'));
  for (const kind of ['first page', `page ${DEEP}`, 'counts']) {
    const seen = new Set<string>();
    for (const r of slowest) {
      const key = filterKey(r);
      if (r.kind !== kind || key === null || seen.has(key)) continue;
      seen.add(key);
      chosen.add(r);
    }
  }
  return slowest.filter((r) => chosen.has(r));
}

function printCold(file: string, rows: Row[], worst: (r: Row) => number): void {
  const samples = coldSamples(rows, worst);
  const cold = measureCold(file, samples);
  const over = (pick: (at: number) => number, limit: number) => cold.filter((_, at) => pick(at) >= limit).length;
  const fresh = (at: number) => cold[at]!.freshProcess.ms;
  const dropped = (at: number) => cold[at]!.droppedCache.ms;
  console.log(
    `\ncold, ${samples.length} queries: fresh process over 100 ms: ${over(fresh, 100)}, over 200 ms: ${over(fresh, 200)}; ` +
      `dropped file cache over 100 ms: ${over(dropped, 100)}, over 200 ms: ${over(dropped, 200)}; load average at end: ${load()}`,
  );
  console.log('| query | kind | warm max | fresh process | dropped file cache | result (dropped cache) |');
  console.log('|---|---|---|---|---|---|');
  samples.forEach((r, at) => {
    const figure = cold[at]!;
    console.log(
      `| ${r.label} | ${r.kind} | ${fmt(r.warm.max)} | ${fmt(figure.freshProcess.ms)} | ${fmt(figure.droppedCache.ms)} | ${figure.droppedCache.result} |`,
    );
  });
}

main();
