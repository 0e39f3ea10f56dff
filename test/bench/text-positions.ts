/**
 * Would a text index with positions make a search's exact count fast? Measured on a copy of a
 * big history (it writes to the folder: give it a copy), against the index the store keeps
 * (trigrams without positions, whose every hit a body must confirm):
 *
 * - the size of each index, and the time to build the one with positions from the same
 *   readable text the indexer writes;
 * - the indexer's CPU per call for each, indexing calls in its usual slices (rolled back);
 * - an exact count of each term of 3+ characters by a phrase query, alone, joined to the
 *   calls that exist (what keeps deleted calls' entries out), with a column filter and from
 *   half way down the history; each checked against a count of bodies that hold the term;
 * - the floor of a 1-2 character search's count: one pass over every body with instr();
 * - a page of each term far down the history (today's index): what it waits for before its first hit;
 * - with --drop-cache, the same with the operating system's file cache dropped first.
 *
 *   cp -r <kept 1,000,000-call folder> <copy>
 *   flock /tmp/flowent-suite.lock npx tsx test/bench/text-positions.ts --data-dir <copy> [--runs 5] [--drop-cache] [--part all|cold|deep] [--optimize]
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { DATA_FILES } from '../../main/core/data-folder';
import { trigramQuery } from '../../main/core/store/call-filter-sql';
import { CallsRepository } from '../../main/core/store/calls-repository';
import { defineReadableText, readableSql } from '../../main/core/store/readable-sql';

const POSITIONS = 'calls_text_positions';
const TODAY = 'calls_text';
/** Rows per statement while building. */
const BUILD_ROWS = 50_000;
/** The indexer's slice (text-index.ts) and how many calls the CPU figure is taken over. */
const SLICE = 512;
const CPU_CALLS = 20_480;
const TERMS = ['Par', 'Paris', 'Zürich', 'example.com', 'user400120@example.com', 'no such words'];
const SHORT_TERMS = ['a', 'zq', 'Pa'];
const COLUMN_FILTERS = ["calls.action = 'lookup_order'", "calls.source = 'replay'", "calls.verdict = 'invalid'"];

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    runs: { type: 'string', default: '5' },
    'drop-cache': { type: 'boolean', default: false },
    /** all; cold: the counts and pages from disk alone; deep: the pages far down alone. */
    part: { type: 'string', default: 'all' },
    /** Merge today's index into one segment first (it stays merged in the copy). */
    optimize: { type: 'boolean', default: false },
  },
});
if (!values['data-dir']) throw new Error('--data-dir <a copy of a kept history> is required');
if (!['all', 'cold', 'deep'].includes(values.part)) throw new Error(`--part is all, cold or deep, not ${values.part}`);
const file = join(values['data-dir'], DATA_FILES.history);
const runs = Number(values.runs);
const load = () => loadavg()[0]!.toFixed(2);
const ms = (n: number) => n.toFixed(1);

function open(): Database.Database {
  const db = new Database(file);
  defineReadableText(db);
  return db;
}

function timed<T>(work: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = work();
  return { ms: performance.now() - started, value };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function sizeOf(db: Database.Database, table: string): number {
  const shadows = ['data', 'idx', 'docsize', 'config', 'content'].map((suffix) => `${table}_${suffix}`);
  const sql = `SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN (${shadows.map(() => '?').join(', ')})`;
  return db
    .prepare(sql)
    .pluck()
    .get(...shadows) as number;
}

function build(db: Database.Database, mark: number): void {
  const exists = db.prepare('SELECT count(*) FROM sqlite_master WHERE name = ?').pluck().get(POSITIONS) as number;
  if (exists) return console.log(`${POSITIONS} already built`);
  db.exec(
    `CREATE VIRTUAL TABLE ${POSITIONS} USING fts5(body, content='', contentless_delete=1, tokenize='trigram case_sensitive 1', detail=full)`,
  );
  const add = db.prepare(
    `INSERT INTO ${POSITIONS} (rowid, body) SELECT id, ${readableSql('request_body')} FROM calls WHERE id > ? AND id <= ?`,
  );
  const cpu = process.cpuUsage();
  const { ms: took } = timed(() => {
    for (let from = 0; from < mark; from += BUILD_ROWS) add.run(from, Math.min(mark, from + BUILD_ROWS));
  });
  const used = process.cpuUsage(cpu);
  console.log(
    `built ${POSITIONS} up to #${mark}: ${(took / 1000).toFixed(1)} s, CPU ${((used.user + used.system) / 1e6).toFixed(1)} s (load ${load()})`,
  );
}

/** The indexer's CPU per call on each table: CPU_CALLS of the newest calls in slices, rolled back. */
function indexingCpu(db: Database.Database, mark: number): void {
  const perCall: Record<string, number[]> = { [TODAY]: [], [POSITIONS]: [] };
  for (let round = 0; round < 3; round++) {
    for (const table of [TODAY, POSITIONS]) {
      const add = db.prepare(
        `INSERT INTO ${table} (rowid, body) SELECT id + 10000000, ${readableSql('request_body')} FROM calls WHERE id > ? AND id <= ?`,
      );
      db.exec('BEGIN');
      const cpu = process.cpuUsage();
      for (let from = mark - CPU_CALLS; from < mark; from += SLICE) add.run(from, from + SLICE);
      const used = process.cpuUsage(cpu);
      db.exec('ROLLBACK');
      perCall[table]!.push((used.user + used.system) / CPU_CALLS);
    }
  }
  for (const [table, samples] of Object.entries(perCall)) {
    console.log(`indexing CPU per call, ${table}: median ${ms(median(samples))} µs (${samples.map(ms).join(', ')})`);
  }
}

const phrase = (term: string) => `"${term.replaceAll('"', '""')}"`;

interface CountCase {
  label: string;
  sql: string;
  params: unknown[];
  /** What a scan of bodies gives: the count must equal it. */
  expected?: number;
}

function countCases(db: Database.Database, mark: number): CountCase[] {
  const cases: CountCase[] = [];
  const half = Math.floor(mark / 2);
  for (const term of TERMS) {
    const expected = db.prepare(`SELECT count(*) FROM calls WHERE id <= ? AND instr(${readableSql('request_body')}, ?) > 0`).pluck();
    const all = expected.get(mark, term) as number;
    const below = expected.get(half, term) as number;
    const index = `FROM ${POSITIONS} WHERE ${POSITIONS} MATCH ? AND rowid <= ?`;
    const joined = `FROM ${POSITIONS} CROSS JOIN calls INDEXED BY calls_by_id_filters ON calls.id = ${POSITIONS}.rowid
      WHERE ${POSITIONS} MATCH ? AND ${POSITIONS}.rowid <= ?`;
    cases.push({ label: `${term}: index alone`, sql: `SELECT count(*) ${index}`, params: [phrase(term), mark], expected: all });
    cases.push({ label: `${term}: joined to calls`, sql: `SELECT count(*) ${joined}`, params: [phrase(term), mark], expected: all });
    cases.push({
      label: `${term}: joined, below #${half}`,
      sql: `SELECT count(*) ${joined}`,
      params: [phrase(term), half],
      expected: below,
    });
    for (const column of COLUMN_FILTERS) {
      cases.push({ label: `${term}: joined, ${column}`, sql: `SELECT count(*) ${joined} AND ${column}`, params: [phrase(term), mark] });
    }
  }
  return cases;
}

function timeCounts(db: Database.Database, cases: CountCase[]): void {
  for (const { label, sql, params, expected } of cases) {
    const statement = db.prepare(sql).pluck();
    const samples = Array.from({ length: runs }, () => timed(() => statement.get(...params) as number));
    const count = samples[0]!.value;
    const check = expected === undefined ? '' : count === expected ? ' (= scan)' : ` (SCAN GIVES ${expected})`;
    console.log(
      `  ${label}: ${count}${check}, median ${ms(median(samples.map((s) => s.ms)))} ms, max ${ms(Math.max(...samples.map((s) => s.ms)))} ms`,
    );
  }
}

function dropFileCache(): void {
  execFileSync('sh', ['-c', 'sync; echo 1 > /proc/sys/vm/drop_caches']);
}

/** Each case once on a fresh connection right after the file cache is dropped. */
function coldCounts(cases: CountCase[]): void {
  for (const { label, sql, params } of cases) {
    dropFileCache();
    const db = open();
    try {
      const { ms: took, value } = timed(
        () =>
          db
            .prepare(sql)
            .pluck()
            .get(...params) as number,
      );
      console.log(`  ${label}: ${value}, ${ms(took)} ms from disk`);
    } finally {
      db.close();
    }
  }
}

/** The floor of a 1-2 character count: every body read once, with and without decoding escapes. */
function shortTermCases(mark: number): CountCase[] {
  return SHORT_TERMS.flatMap((term) => [
    {
      label: `${term}: readable text`,
      sql: `SELECT count(*) FROM calls WHERE id <= ? AND instr(${readableSql('request_body')}, ?) > 0`,
      params: [mark, term],
    },
    {
      label: `${term}: raw bytes`,
      sql: 'SELECT count(*) FROM calls WHERE id <= ? AND instr(request_body, CAST(? AS BLOB)) > 0',
      params: [mark, term],
    },
  ]);
}

/** First pages of each term from deep down the history, through the store's own list. */
const DEEP_PAGES = TERMS.flatMap((text) => [900_000, 500_000, 100_000].map((beforeId) => ({ text, beforeId })));

function deepPages(db: Database.Database, each: number): void {
  const calls = new CallsRepository(db);
  for (const query of DEEP_PAGES) {
    const samples = Array.from({ length: each }, () => timed(() => calls.list({ ...query, limit: 200 })));
    const page = samples[0]!.value;
    const took = samples.map((s) => s.ms);
    console.log(
      `  ${query.text} from #${query.beforeId}: ${page.calls.length} calls, median ${ms(median(took))} ms, max ${ms(Math.max(...took))} ms`,
    );
  }
}

/**
 * What today's index costs to read from deep down, apart from the page: its first 32 candidates
 * newest first below an id, and every candidate of a window of 4,096 ids.
 */
function deepIndexReads(db: Database.Database, each: number): void {
  for (const { text, beforeId } of DEEP_PAGES) {
    const reads = [
      {
        label: 'first 32 below',
        sql: `SELECT rowid FROM ${TODAY} WHERE ${TODAY} MATCH ? AND rowid < ? ORDER BY rowid DESC LIMIT 32`,
        params: [beforeId],
      },
      {
        label: 'a window of 4,096 ids below',
        sql: `SELECT rowid FROM ${TODAY} WHERE ${TODAY} MATCH ? AND rowid >= ? AND rowid < ? ORDER BY rowid DESC`,
        params: [beforeId - 4_096, beforeId],
      },
    ];
    for (const read of reads) {
      const statement = db.prepare(read.sql);
      const took = Array.from({ length: each }, () => timed(() => statement.all(trigramQuery(text), ...read.params).length).ms);
      console.log(`  ${text}, index alone, ${read.label} #${beforeId}: median ${ms(median(took))} ms, max ${ms(Math.max(...took))} ms`);
    }
  }
}

function coldDeepPages(): void {
  for (const query of DEEP_PAGES) {
    dropFileCache();
    const db = open();
    try {
      const calls = new CallsRepository(db);
      const { ms: took, value } = timed(() => calls.list({ ...query, limit: 200 }));
      console.log(`  ${query.text} from #${query.beforeId}: ${value.calls.length} calls, ${ms(took)} ms from disk`);
    } finally {
      db.close();
    }
  }
}

const db = open();
const mark = db.prepare('SELECT indexed_up_to FROM text_index_state').pluck().get() as number;
console.log(
  `history ${file}: ${db.prepare('SELECT count(*) FROM calls').pluck().get() as number} calls, indexed up to #${mark} (load ${load()})`,
);
const part = values.part;
if (part !== 'deep') build(db, mark);
if (values.optimize) {
  const took = timed(() => db.prepare(`INSERT INTO ${TODAY} (${TODAY}) VALUES ('optimize')`).run()).ms;
  console.log(`${TODAY} merged into one segment: ${(took / 1000).toFixed(1)} s`);
}
const cases = part === 'deep' ? [] : countCases(db, mark);
const short = part === 'deep' ? [] : shortTermCases(mark);
if (part === 'all') {
  console.log(
    `size: ${TODAY} ${(sizeOf(db, TODAY) / 2 ** 20).toFixed(1)} MB, ${POSITIONS} ${(sizeOf(db, POSITIONS) / 2 ** 20).toFixed(1)} MB`,
  );
  indexingCpu(db, mark);
  console.log(`exact counts by phrase query, warm, ${runs} runs (load ${load()})`);
  timeCounts(db, cases);
  console.log(`1-2 character counts: one pass over every body, warm (load ${load()})`);
  timeCounts(db, short);
}
if (part !== 'cold') {
  console.log(`a page far down the history, warm (load ${load()})`);
  deepPages(db, runs);
  deepIndexReads(db, runs);
}
db.close();
if (values['drop-cache'] || part === 'cold') {
  console.log(`the same, each after dropping the file cache (load ${load()})`);
  coldCounts([...cases, ...short]);
  coldDeepPages();
}
