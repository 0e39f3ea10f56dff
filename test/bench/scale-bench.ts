/**
 * Scale benchmark: a history of 1,000,000 calls. Fills a fresh data folder, then times the
 * inspector's queries in-process (the repository the core uses) and through a real
 * `flowent-companion serve` on that folder (its inspector API), reads that process's RSS,
 * reports the database size per call, and what storing and indexing a call cost (the index is
 * kept in idle time; the old insert trigger is measured for comparison).
 *
 *   npm run build && npx tsx test/bench/scale-bench.ts [--calls 1000000] [--data-dir <filled folder to reuse>] [--keep]
 *   npx tsx test/bench/scale-bench.ts --only insert|migration [--insert-rows 20000] [--migration-rows 100000]
 *   npx tsx test/bench/scale-bench.ts --only queries --data-dir <a folder kept by --keep>
 *
 * Goals: list page < 20 ms, filter by action < 50 ms, text
 * search < 200 ms, core RSS < 200 MB, database size per call reported.
 */
import { DEFAULT_MAX_BACKLOG } from '../../main/core/store/text-index';
import { trigramQuery } from '../../main/core/store/call-filter-sql';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import type { CallFilter, CallQuery } from '../../main/contract/api';
import { CallsRepository } from '../../main/core/store/calls-repository';
import { type NewCall } from '../../main/core/store/calls-insert';
import { migrate } from '../../main/core/store/migrations';
import { DATA_FILES } from '../../main/core/data-folder';
import { openStore, type Store } from '../../main/core/store/open-store';
import { startServe } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { rssMb } from './bench-kit';
import { benchCall, fillHistory } from './fill-history';

const KEY = 'bench-key';
/** The inspector's page size (renderer/src/history/calls-actions.ts). */
const PAGE = 200;
const RUNS = 7;

interface Timed {
  label: string;
  firstMs: number;
  medianMs: number;
  maxMs: number;
  rows: number;
}

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

function time<T>(label: string, work: () => T, count: (value: T) => number): Timed {
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    const value = work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    rows = count(value);
  }
  return summarize(label, samples, rows);
}

async function timeAsync<T>(label: string, work: () => Promise<T>, count: (value: T) => number): Promise<Timed> {
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    const value = await work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    rows = count(value);
  }
  return summarize(label, samples, rows);
}

function summarize(label: string, samples: number[], rows: number): Timed {
  const sorted = samples.slice(1).sort((a, b) => a - b);
  return { label, firstMs: samples[0] ?? NaN, medianMs: sorted[Math.floor(sorted.length / 2)] ?? NaN, maxMs: Math.max(...sorted), rows };
}

function printTable(title: string, rows: Timed[]): void {
  console.log(`\n${title} (first run, then median and max of the next ${RUNS - 1})`);
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(52)}${r.firstMs.toFixed(1).padStart(9)} ms${r.medianMs.toFixed(1).padStart(9)} ms${r.maxMs.toFixed(1).padStart(9)} ms${String(r.rows).padStart(9)} rows`,
    );
  }
}

/** The queries the inspector makes, as (label, query) pairs; a "stats" query goes to getStats. */
function queries(count: number): { label: string; list?: CallQuery; stats?: CallFilter }[] {
  const rare = `user${Math.floor(count * 0.4) - (Math.floor(count * 0.4) % 5)}@example.com`;
  return [
    { label: 'first page', list: { limit: PAGE } },
    { label: 'page at the middle of the history', list: { limit: PAGE, beforeId: Math.floor(count / 2) } },
    { label: 'header counts (stats, no filter)', stats: {} },
    { label: 'filter by action: list', list: { limit: PAGE, action: 'book_meeting' } },
    { label: 'filter by action: stats', stats: { action: 'book_meeting' } },
    { label: 'filter by verdict (1 in 7): list', list: { limit: PAGE, verdict: 'invalid' } },
    { label: 'filter by verdict: stats', stats: { verdict: 'invalid' } },
    { label: 'filter by status 5xx (1 in 23): list', list: { limit: PAGE, statusClass: '5xx' } },
    { label: `text, rare hit "${rare}": list`, list: { limit: PAGE, text: rare } },
    { label: 'text, rare hit: stats', stats: { text: rare } },
    { label: 'text, common hit "Paris": list', list: { limit: PAGE, text: 'Paris' } },
    { label: 'text, common hit: stats', stats: { text: 'Paris' } },
    { label: 'text, escaped in half the bodies "Zürich": list', list: { limit: PAGE, text: 'Zürich' } },
    { label: 'text, escaped in half: stats', stats: { text: 'Zürich' } },
    { label: 'text, miss "no such words": list', list: { limit: PAGE, text: 'no such words' } },
    { label: 'text, 2 characters "zq" (scans): list', list: { limit: PAGE, text: 'zq' } },
    { label: 'text + action "Berlin" in create_ticket: list', list: { limit: PAGE, text: 'Berlin', action: 'create_ticket' } },
  ];
}

function inProcess(store: Store, count: number): Timed[] {
  const results = queries(count).map((q) =>
    q.list
      ? time(
          q.label,
          () => store.calls.list(q.list as CallQuery),
          (page) => page.calls.length,
        )
      : time(
          q.label,
          () => store.calls.stats(q.stats as CallFilter),
          (stats) => stats.total,
        ),
  );
  // Ten pages in a row, following the cursor, as scrolling does.
  let before: number | undefined;
  results.splice(
    1,
    0,
    time(
      'next page (following the cursor, 6 deep)',
      () => {
        const page = store.calls.list({ limit: PAGE, beforeId: before });
        before = page.nextBeforeId ?? undefined;
        return page;
      },
      (page) => page.calls.length,
    ),
  );
  results.push(...withBacklog(store, count));
  return results;
}

/** The calls left unindexed at most while calls keep arriving (TextIndexer's default bound). */
const MAX_BACKLOG = DEFAULT_MAX_BACKLOG;

/**
 * Searches while the newest MAX_BACKLOG calls are not indexed yet (under sustained load the
 * indexer lets the backlog grow that far): the index answers for the rest and those calls are
 * scanned. Done by lowering the index's mark for the duration (their entries are ignored).
 */
function withBacklog(store: Store, count: number): Timed[] {
  const db = new Database(store.file);
  try {
    const mark = db.prepare('SELECT indexed_up_to FROM text_index_state').pluck().get() as number;
    db.prepare('UPDATE text_index_state SET indexed_up_to = ?').run(Math.max(0, mark - MAX_BACKLOG));
    try {
      const rare = queries(count).find((q) => q.label.startsWith('text, rare hit') && q.list)!;
      return [
        time(
          `${rare.label}, ${MAX_BACKLOG} newest calls not indexed yet`,
          () => store.calls.list(rare.list as CallQuery),
          (page) => page.calls.length,
        ),
        time(
          `text, miss, ${MAX_BACKLOG} newest calls not indexed yet`,
          () => store.calls.list({ limit: PAGE, text: 'no such words' }),
          (page) => page.calls.length,
        ),
      ];
    } finally {
      db.prepare('UPDATE text_index_state SET indexed_up_to = ?').run(mark);
    }
  } finally {
    db.close();
  }
}

/**
 * What paging by arrival (received_at, then id) instead of by id would cost: the list's
 * queries ordered that way, in SQL, on the same history. Not what the store does (see
 * BENCHMARKS.md, "Paging by arrival"): measured to say why.
 */
function arrivalOrder(store: Store): Timed[] {
  const db = new Database(store.file, { readonly: true });
  try {
    const byArrival = 'ORDER BY calls.received_at DESC, calls.id DESC LIMIT 200';
    const list = (label: string, sql: string, params: unknown[] = []) =>
      time(
        label,
        () => db.prepare(sql).all(...params),
        (found) => found.length,
      );
    return [
      list('by arrival: first page', `SELECT id FROM calls ${byArrival}`),
      list('by arrival: filter by action', `SELECT id FROM calls WHERE action = ? ${byArrival}`, ['book_meeting']),
      list('by arrival: filter by verdict (1 in 7)', `SELECT id FROM calls WHERE verdict = ? ${byArrival}`, ['invalid']),
      list(
        'by arrival: text, common hit "Paris" (index hits sorted)',
        `SELECT calls.id FROM calls_text CROSS JOIN calls ON calls.id = calls_text.rowid WHERE calls_text MATCH ? ${byArrival}`,
        [trigramQuery('Paris')],
      ),
    ];
  } finally {
    db.close();
  }
}

async function throughServe(dataDir: string, count: number): Promise<{ timings: Timed[]; rss: Record<string, number> }> {
  // Without limits: the default ones (100,000 calls, 1 GB) would have retention delete most of the
  // history while it is measured, and leave a kept folder far short of the calls it was filled with.
  const noLimits = ['--keep-calls', '0', '--keep-days', '0', '--keep-size', '0'];
  const server = await startServe(['--port', '0', '--data-dir', dataDir, ...noLimits], { FLOWENT_HMAC_KEY: KEY });
  try {
    if (!server.inspectorUrl) throw new Error('the inspector did not start');
    const url = new URL(server.inspectorUrl);
    const token = new URLSearchParams(url.hash.slice(1)).get('token') ?? '';
    const api = async (method: string, args: unknown[]) => {
      const response = await fetch(`${url.origin}/api/call/${method}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(args),
      });
      const reply = (await response.json()) as { ok: boolean; value: unknown; message?: string };
      if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply)}`);
      return reply.value;
    };
    const pid = server.child.pid ?? 0;
    await new Promise((settle) => setTimeout(settle, 2000));
    const rss: Record<string, number> = { idle: rssMb(pid) };
    const timings: Timed[] = [];
    for (const q of queries(count)) {
      timings.push(
        q.list
          ? await timeAsync(
              q.label,
              () => api('listCalls', [q.list]),
              (page) => (page as { calls: unknown[] }).calls.length,
            )
          : await timeAsync(
              q.label,
              () => api('getStats', [q.stats]),
              (stats) => (stats as { total: number }).total,
            ),
      );
    }
    rss.afterQueries = rssMb(pid);
    rss.peak = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
    return { timings, rss };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

/**
 * Stops the run unless the folder holds exactly the history the figures are printed for: calls
 * 1 to `count`, every one in the text index. A folder kept by an earlier run may have been pruned
 * (a serve with history limits), filled with another count, or left with its index's mark lowered
 * (a run stopped while timing the backlog): its figures would be printed for a history it does not
 * hold. Checked again after the serve step, which must not have deleted anything.
 */
function checkWholeHistory(dataDir: string, count: number, when: string): void {
  const db = new Database(join(dataDir, DATA_FILES.history), { readonly: true });
  try {
    const held = db.prepare('SELECT count(*) AS calls, min(id) AS first, max(id) AS last FROM calls').get() as {
      calls: number;
      first: number | null;
      last: number | null;
    };
    const indexedUpTo = db.prepare('SELECT indexed_up_to FROM text_index_state').pluck().get() as number;
    const whole = held.calls === count && held.first === 1 && held.last === count && indexedUpTo === count;
    const found = `${held.calls} calls (ids ${held.first ?? '-'} to ${held.last ?? '-'}), indexed up to ${indexedUpTo}`;
    if (!whole) {
      throw new Error(
        `${when}: the folder holds ${found}, not calls 1 to ${count} all indexed; its figures would not be for --calls ${count}. ` +
          'Fill a fresh folder (leave out --data-dir).',
      );
    }
    console.log(`${when}: ${found}`);
  } finally {
    db.close();
  }
}

function sizes(dataDir: string, count: number): void {
  const file = join(dataDir, DATA_FILES.history);
  const db = new Database(file);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const rows = db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC').all() as {
      name: string;
      bytes: number;
    }[];
    const total = statSync(file).size;
    console.log(`\ndatabase file: ${(total / 1e6).toFixed(1)} MB for ${count} calls = ${(total / count).toFixed(0)} bytes per call`);
    for (const row of rows.filter((r) => r.bytes > 1e6)) {
      console.log(
        `  ${row.name.padEnd(28)}${(row.bytes / 1e6).toFixed(1).padStart(9)} MB${(row.bytes / count).toFixed(0).padStart(7)} bytes/call`,
      );
    }
  } finally {
    db.close();
  }
}

/** Migration 5's insert trigger, put back to measure what indexing on the answer path cost. */
const INSERT_TRIGGER = `CREATE TRIGGER calls_text_insert AFTER INSERT ON calls BEGIN
  INSERT INTO calls_text (rowid, body) VALUES (NEW.id, CAST(NEW.request_body AS TEXT));
END`;

/**
 * CPU per stored call in batches of 16 (as group commit writes them under load): as stored now
 * (no index entry), the idle-time indexing that follows (text-index.ts, per call), and, for
 * comparison, without the filter columns' index (migration 12) and with migration 5's insert
 * trigger put back. Alternating, best of 3.
 */
function insertCost(rows: number): void {
  const calls: NewCall[] = Array.from({ length: rows }, (_, i) => benchCall(i, 1_700_000_000_000 + i * 1000));
  const best = { stored: Infinity, indexedLater: Infinity, trigger: Infinity, withoutFilterColumns: Infinity };
  const cpuPerRow = (started: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(started);
    return (used.user + used.system) / rows;
  };
  for (let round = 0; round < 3; round++) {
    for (const variant of ['now', 'without filter columns', 'trigger'] as const) {
      const dir = makeTempDir('fc-insert-');
      try {
        const opened = openStore({ dataDir: dir.path });
        if (!opened.ok) throw new Error(JSON.stringify(opened));
        const store = opened.value;
        store.textIndex.stop();
        if (variant !== 'now') {
          const db = new Database(store.file);
          db.exec(variant === 'trigger' ? INSERT_TRIGGER : 'DROP INDEX calls_by_id_filters');
          db.close();
        }
        const started = process.cpuUsage();
        for (let i = 0; i < rows; i += 16) store.calls.insert(calls.slice(i, i + 16));
        if (variant === 'trigger') {
          best.trigger = Math.min(best.trigger, cpuPerRow(started));
        } else if (variant === 'without filter columns') {
          best.withoutFilterColumns = Math.min(best.withoutFilterColumns, cpuPerRow(started));
        } else {
          best.stored = Math.min(best.stored, cpuPerRow(started));
          const indexing = process.cpuUsage();
          store.textIndex.catchUp();
          best.indexedLater = Math.min(best.indexedLater, cpuPerRow(indexing));
        }
        store.close();
      } finally {
        dir.remove();
      }
    }
  }
  console.log(
    `\ninsert, batches of 16, ${rows} calls, best of 3 (CPU µs per call): stored ${best.stored.toFixed(1)} on the answer path, ` +
      `indexed later ${best.indexedLater.toFixed(1)} in idle time; without the filter columns' index ${best.withoutFilterColumns.toFixed(1)}; ` +
      `with the old insert trigger ${best.trigger.toFixed(1)} on the answer path`,
  );
}

/**
 * How long migration 12 takes on an existing history (the filter columns' index built from every
 * stored row, at the first start of a version that has it), and the index's size per call.
 */
function filterColumnsMigrationCost(rows: number): void {
  const dir = makeTempDir('fc-migrate-12-');
  try {
    fillHistory(dir.path, rows);
    const db = new Database(join(dir.path, DATA_FILES.history));
    db.exec('DROP INDEX calls_by_id_filters; PRAGMA user_version = 11;');
    const wall = Date.now();
    const cpu = process.cpuUsage();
    const outcome = migrate(db);
    const used = process.cpuUsage(cpu);
    if (!outcome.ok || outcome.from !== 11) throw new Error(`unexpected migration outcome ${JSON.stringify(outcome)}`);
    const bytes = db.prepare("SELECT sum(pgsize) FROM dbstat WHERE name = 'calls_by_id_filters'").pluck().get() as number;
    console.log(
      `migration 11 -> 12 on ${rows} calls: ${((Date.now() - wall) / 1000).toFixed(1)} s, ` +
        `${((used.user + used.system) / rows).toFixed(1)} µs CPU per call; the index holds ${(bytes / rows).toFixed(1)} bytes per call`,
    );
    db.close();
  } finally {
    dir.remove();
  }
}

/**
 * How long migrations 5 and 6 take on an existing history: the backfill indexes every stored body
 * once, at the first start of a version that has it. Timed on a history of `rows` calls
 * made at schema 4 (filled, then the text index taken out again).
 */
function migrationCost(rows: number): void {
  const dir = makeTempDir('fc-migrate-');
  try {
    fillHistory(dir.path, rows);
    const db = new Database(join(dir.path, DATA_FILES.history));
    db.exec(
      'DROP TRIGGER calls_text_mark_down; DROP TRIGGER calls_text_empty; DROP TRIGGER calls_text_update; DROP TABLE text_index_state; ' +
        'DROP TABLE calls_text; DROP INDEX calls_by_original_call; PRAGMA user_version = 4; VACUUM;',
    );
    const wall = Date.now();
    const cpu = process.cpuUsage();
    const outcome = migrate(db, 6);
    const used = process.cpuUsage(cpu);
    if (!outcome.ok || outcome.from !== 4 || outcome.to !== 6) throw new Error(`unexpected migration outcome ${JSON.stringify(outcome)}`);
    console.log(
      `\nmigrations 4 -> 6 on ${rows} calls: ${((Date.now() - wall) / 1000).toFixed(1)} s, ${((used.user + used.system) / rows).toFixed(0)} µs CPU per stored call`,
    );
    // Clearing the history now also empties the index, row by row (the delete trigger).
    const clearWall = Date.now();
    const cleared = new CallsRepository(db).clear();
    console.log(`clearing those ${cleared} calls: ${((Date.now() - clearWall) / 1000).toFixed(1)} s`);
    db.close();
  } finally {
    dir.remove();
  }
}

/**
 * How long migration 8 takes on an existing history: the failure rule is computed for every
 * stored call (through the contract's function), the per-action counts are recounted and the
 * index of the other sources is built. Timed on a history of `rows` calls copied into a
 * database at schema 7.
 */
function failureRuleMigrationCost(rows: number): void {
  const filled = makeTempDir('fc-migrate-filled-');
  const dir = makeTempDir('fc-migrate-8-');
  try {
    fillHistory(filled.path, rows);
    const db = new Database(join(dir.path, DATA_FILES.history));
    migrate(db, 7);
    const columns = (db.prepare('PRAGMA table_info(calls)').all() as { name: string }[]).map((column) => column.name).join(', ');
    db.exec(`ATTACH DATABASE '${join(filled.path, DATA_FILES.history)}' AS filled`);
    db.exec(`INSERT INTO calls (${columns}) SELECT ${columns} FROM filled.calls; DETACH DATABASE filled`);
    const wall = Date.now();
    const cpu = process.cpuUsage();
    const outcome = migrate(db);
    const used = process.cpuUsage(cpu);
    if (!outcome.ok || outcome.from !== 7) throw new Error(`unexpected migration outcome ${JSON.stringify(outcome)}`);
    const failed = db.prepare('SELECT count(*) FROM calls WHERE failed = 1').pluck().get() as number;
    console.log(
      `migration 7 -> 8 on ${rows} calls (${failed} failed): ${((Date.now() - wall) / 1000).toFixed(1)} s, ` +
        `${((used.user + used.system) / rows).toFixed(1)} µs CPU per stored call`,
    );
    db.close();
  } finally {
    dir.remove();
    filled.remove();
  }
}

/**
 * How long migration 11 takes on an existing history: the bodies with `\u` escapes (half of
 * them here, as if every call were signed Python-style with non-ASCII text) are taken out of
 * the text index and indexed again as they read. Timed on a history of `rows` calls whose
 * index is put back as version 10 left it.
 */
function readableReindexCost(rows: number): void {
  const dir = makeTempDir('fc-migrate-11-');
  try {
    fillHistory(dir.path, rows);
    const db = new Database(join(dir.path, DATA_FILES.history));
    const escaped = `SELECT id FROM calls WHERE instr(request_body, X'5C75') > 0`;
    db.exec(`DELETE FROM calls_text WHERE rowid IN (${escaped});
      INSERT INTO calls_text (rowid, body) SELECT id, CAST(request_body AS TEXT) FROM calls WHERE id IN (${escaped});
      PRAGMA user_version = 10;`);
    const count = db.prepare(`SELECT count(*) FROM (${escaped})`).pluck().get() as number;
    const wall = Date.now();
    const cpu = process.cpuUsage();
    const outcome = migrate(db, 11);
    const used = process.cpuUsage(cpu);
    if (!outcome.ok || outcome.from !== 10) throw new Error(`unexpected migration outcome ${JSON.stringify(outcome)}`);
    console.log(
      `migration 10 -> 11 on ${rows} calls (${count} with escapes): ${((Date.now() - wall) / 1000).toFixed(1)} s, ` +
        `${((used.user + used.system) / count).toFixed(1)} µs CPU per re-indexed call`,
    );
    db.close();
  } finally {
    dir.remove();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      calls: { type: 'string', default: '1000000' },
      'data-dir': { type: 'string' },
      keep: { type: 'boolean', default: false },
      'insert-rows': { type: 'string', default: '20000' },
      'migration-rows': { type: 'string', default: '100000' },
      only: { type: 'string' },
    },
  });
  const count = Number(values.calls);
  // The write-side figures alone, without a big history: --only insert
  if (values.only === 'insert' || values.only === 'migration') {
    console.log(`load average at start: ${load()}`);
    if (values.only === 'insert') insertCost(Number(values['insert-rows']));
    migrationCost(Number(values['migration-rows']));
    failureRuleMigrationCost(Number(values['migration-rows']));
    readableReindexCost(Number(values['migration-rows']));
    filterColumnsMigrationCost(Number(values['migration-rows']));
    console.log(`load average at end: ${load()}`);
    return;
  }
  const dir = values['data-dir'] ? { path: values['data-dir'], remove: () => undefined } : makeTempDir('fc-scale-');
  console.log(`load average at start: ${load()}; data folder ${dir.path}`);
  try {
    if (!values['data-dir']) {
      const began = Date.now();
      const cpu = process.cpuUsage();
      const indexing = fillHistory(dir.path, count, (done) => {
        if (done % 100_000 === 0) console.log(`  filled ${done} (${((Date.now() - began) / 1000).toFixed(0)} s, load ${load()})`);
      });
      const used = process.cpuUsage(cpu);
      console.log(
        `filled ${count} calls in ${((Date.now() - began) / 1000).toFixed(0)} s, ${((used.user + used.system) / count).toFixed(0)} µs CPU per call (batches of 1,000), ` +
          `of which the text index ${((indexing * 1e6) / count).toFixed(0)} µs (${indexing.toFixed(0)} s, indexed after filling)`,
      );
    }
    checkWholeHistory(dir.path, count, 'history before the queries');
    sizes(dir.path, count);

    const opened = openStore({ dataDir: dir.path });
    if (!opened.ok) throw new Error(JSON.stringify(opened));
    try {
      printTable(`in-process, CallsRepository on ${count} calls (load ${load()})`, inProcess(opened.value, count));
      printTable(`paging by arrival instead of by id, SQL on ${count} calls (load ${load()})`, arrivalOrder(opened.value));
    } finally {
      // Settled only when the checkpoint thread has let go too: none of its work may overlap serve's figures.
      await opened.value.close();
    }

    const served = await throughServe(dir.path, count);
    checkWholeHistory(dir.path, count, 'history after the serve step');
    printTable(`through a real \`flowent-companion serve\`: inspector API over HTTP (load ${load()})`, served.timings);
    console.log(
      `serve RSS: idle ${served.rss.idle?.toFixed(0)} MB, after the queries ${served.rss.afterQueries?.toFixed(0)} MB, peak ${served.rss.peak?.toFixed(0)} MB`,
    );

    if (values.only !== 'queries') {
      insertCost(Number(values['insert-rows']));
      migrationCost(Number(values['migration-rows']));
      failureRuleMigrationCost(Number(values['migration-rows']));
      readableReindexCost(Number(values['migration-rows']));
      filterColumnsMigrationCost(Number(values['migration-rows']));
    }
    console.log(`\nload average at end: ${load()}`);
  } finally {
    if (!values.keep && !values['data-dir']) rmSync(dir.path, { recursive: true, force: true });
    else console.log(`kept ${dir.path}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
