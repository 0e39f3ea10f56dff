/**
 * What a search that ignores letter case (search-fold.ts, migration 14) costs against one that
 * minds it, on the same history:
 *
 * - a body confirmed in a scan: `instr(readable, text)` (before) against the fold the search
 *   takes in SQL (`SearchFold.foldedSql`: as it is, lower(), lower() and replace()) and against
 *   the whole fold in JavaScript, per body read, every body of the history counted once, best
 *   of --runs;
 * - the text index: CPU per call indexed with each tokenizer option, the same bodies, and the
 *   candidates a common, a rare and an absent term give;
 * - what the page waits for: the exact count of each term as the core gives it (every `stats`
 *   step until complete), through the new index.
 *
 *   npm run build && npx tsx test/bench/search-fold-cost.ts [--calls 200000] [--runs 3]
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { DATA_FILES } from '../../main/core/data-folder';
import { READABLE_BODY, trigramQuery } from '../../main/core/store/call-filter-sql';
import { CallsRepository } from '../../main/core/store/calls-repository';
import { defineReadableText, readableSql } from '../../main/core/store/readable-sql';
import { SearchFold } from '../../main/core/store/search-fold';
import { makeTempDir } from '../helpers/temp-dir';
import { fillHistory } from './fill-history';

const { values } = parseArgs({ options: { calls: { type: 'string', default: '200000' }, runs: { type: 'string', default: '3' } } });
const calls = Number(values.calls);
const runs = Number(values.runs);
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/** CPU milliseconds of `work`, best of `runs`, and what it returned. */
function cpuBest<T>(work: () => T): { ms: number; result: T } {
  let best = Infinity;
  let result!: T;
  for (let run = 0; run < runs; run++) {
    const before = process.cpuUsage();
    result = work();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return { ms: best, result };
}

const dir = makeTempDir();
try {
  console.log(`filling ${calls.toLocaleString()} calls (load ${load()})`);
  const indexSeconds = fillHistory(dir.path, calls);
  const db = new Database(join(dir.path, DATA_FILES.history));
  defineReadableText(db);
  SearchFold.define(db);
  const fold = SearchFold.of(db);
  console.log(`\nscans: every body confirmed once, CPU per body (µs), best of ${runs} (load ${load()})`);
  console.log(
    '| text | minding case (instr) | folded in SQL (how) | the whole fold in JavaScript | hits minding case | hits folded (in JavaScript) |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const text of ['zq', 'Paris', 'paris', 'ZÜRICH', 'café', '100%', 'no such words']) {
    const folded = fold.fold(text);
    const count = (sql: string, param: string) =>
      cpuBest(() => db.prepare(`SELECT count(*) FROM calls WHERE ${sql}`).pluck().get(param) as number);
    const exact = count(`instr(${READABLE_BODY}, ?) > 0`, text);
    const confirm = fold.foldedSql(READABLE_BODY, folded);
    const chosen = cpuBest(
      () =>
        db
          .prepare(`SELECT count(*) FROM calls WHERE instr(${confirm.sql}, @text) > 0`)
          .pluck()
          .get({ ...confirm.params, text: folded }) as number,
    );
    const inJs = count(`instr(flowent_companion_folded(${READABLE_BODY}), ?) > 0`, folded);
    const perBody = (ms: number) => ((ms * 1000) / calls).toFixed(2);
    console.log(
      `| ${text} | ${perBody(exact.ms)} | ${perBody(chosen.ms)} (${confirm.how}) | ${perBody(inJs.ms)} | ${exact.result} | ${chosen.result} (${inJs.result}) |`,
    );
  }

  console.log(`\nthe text index: CPU per call indexed (µs), the fill's own (folding) ${((indexSeconds * 1e6) / calls).toFixed(1)}`);
  for (const caseSensitive of [1, 0]) {
    const table = `bench_text_${caseSensitive}`;
    db.exec(
      `CREATE TEMP TABLE IF NOT EXISTS x (y); CREATE VIRTUAL TABLE ${table} USING fts5(body, content='', contentless_delete=1, tokenize='trigram case_sensitive ${caseSensitive}', detail=none)`,
    );
    const before = process.cpuUsage();
    db.exec(`INSERT INTO ${table} (rowid, body) SELECT id, ${readableSql('request_body')} FROM calls`);
    const used = process.cpuUsage(before);
    const candidates = (text: string) =>
      db.prepare(`SELECT count(*) FROM ${table} WHERE ${table} MATCH ?`).pluck().get(trigramQuery(text)) as number;
    console.log(
      `case_sensitive ${caseSensitive}: ${(((used.user + used.system) / calls) * 1).toFixed(1)} µs a call; candidates: Paris ${candidates('Paris')}, paris ${candidates('paris')}, user4001@ ${candidates('user4001@')}, no such words ${candidates('no such words')}`,
    );
    db.exec(`DROP TABLE ${table}`);
  }
  db.close();

  console.log(`\nexact counts through the core (every stats step until complete), wall ms, best of ${runs} (load ${load()})`);
  const readDb = new Database(join(dir.path, DATA_FILES.history), { readonly: true });
  const repository = new CallsRepository(readDb);
  for (const text of ['a', 'zq', 'Paris', 'paris', 'ZÜRICH', 'user4001@example.com', 'no such words']) {
    let best = Infinity;
    let total = 0;
    for (let run = 0; run < runs; run++) {
      const started = performance.now();
      let stats = repository.stats({ text, perAction: false });
      while (stats.nextBeforeId !== null && stats.nextBeforeId !== undefined) {
        const more = repository.stats({ text, perAction: false, beforeId: stats.nextBeforeId });
        stats = { ...more, total: stats.total + more.total };
      }
      best = Math.min(best, performance.now() - started);
      total = stats.total;
    }
    console.log(`| ${text} | ${best.toFixed(0)} ms | ${total} |`);
  }
  readDb.close();
} finally {
  dir.remove();
}
