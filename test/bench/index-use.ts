/**
 * Which of the calls table's indexes the queries use: every combination of the query matrix
 * (query-kinds.ts: no filter, each filter alone, each pair, the searches) read the way the
 * inspector reads it (the first page, pages down to the 5th by the cursor, the counts with and
 * without the per-action split going on where the last stopped, the count's estimate, the
 * replay's choice of calls), every statement recorded with its parameters, then each asked for
 * its plan (`EXPLAIN QUERY PLAN`). Besides the matrix: retention's statements, which read by time and
 * by id. An index no statement's plan names is one every insert pays for and no query reads,
 * unless SQLite reads it for a foreign key (`calls_by_original_call`: deleting a call looks
 * for replays of it, which no query plan shows).
 *
 *   npx tsx test/bench/index-use.ts [--calls 20000] [--data-dir <a history folder, read only>]
 *
 * Plans come from the schema alone (the history is never ANALYZEd), but which statements run
 * depends on the data (a small time range is looked up first; windows or a stream of the text
 * index), so the default fills a history with fill-history.ts's calls over several days.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CallCountQuery, CallQuery } from '../../main/contract/api';
import { DATA_FILES } from '../../main/core/data-folder';
import { CallsRepository } from '../../main/core/store/calls-repository';
import { defineReadableText } from '../../main/core/store/readable-sql';
import { Retention } from '../../main/core/store/retention';
import { recording, type StatementRun as Run } from '../helpers/recording-db';
import { makeTempDir } from '../helpers/temp-dir';
import { fillHistory } from './fill-history';
import { DEEP, matrix, PAGE } from './query-kinds';

/** The indexes of `calls` named in a statement's plan. */
function indexesIn(db: Database.Database, run: Run): string[] {
  if (/^\s*(BEGIN|COMMIT|ROLLBACK|PRAGMA)/i.test(run.sql)) return [];
  // The search fold's probe (search-fold.ts) is a temp table of the recorded connection: not one of calls', nor here.
  if (/\btemp\./i.test(run.sql)) return [];
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${run.sql}`).all(...run.args) as { detail: string }[];
  return [...new Set(plan.flatMap((step) => [...step.detail.matchAll(/INDEX (calls_by_\w+)/g)].map((match) => match[1]!)))];
}

function main(): void {
  const { values } = parseArgs({ options: { calls: { type: 'string', default: '20000' }, 'data-dir': { type: 'string' } } });
  const filled = values['data-dir'] ? null : makeTempDir('fc-index-use-');
  try {
    const dataDir = values['data-dir'] ?? filled!.path;
    if (filled) fillHistory(filled.path, Number(values.calls));
    const file = join(dataDir, DATA_FILES.history);
    const db = new Database(file, { readonly: true });
    // The searches' statements call the function a repository defines on its connection.
    defineReadableText(db);
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calls' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    const count = db.prepare('SELECT count(*) FROM calls').pluck().get() as number;
    const newest = db.prepare('SELECT max(received_at) FROM calls').pluck().get() as number;

    const usedBy = new Map<string, Set<string>>(indexes.map((name) => [name, new Set()]));
    const note = (label: string, runs: Run[]) => {
      for (const run of runs) for (const index of indexesIn(db, run)) usedBy.get(index)?.add(label);
    };
    const cases = matrix(count, newest);
    for (const { label, filter } of cases) {
      const runs: Run[] = [];
      const calls = new CallsRepository(recording(new Database(file, { readonly: true }), runs));
      let cursor: number | null | undefined;
      for (let page = 1; page <= DEEP && cursor !== null; page++) {
        cursor = calls.list({ ...filter, limit: PAGE, beforeId: cursor } as CallQuery).nextBeforeId;
      }
      for (const perAction of [false, true]) {
        let beforeId: number | null | undefined;
        do {
          beforeId = calls.stats({ ...filter, perAction, beforeId } as CallCountQuery).nextBeforeId;
        } while (beforeId !== null);
      }
      calls.estimate(filter);
      calls.selectReplayableIds(filter, 500);
      note(label, runs);
    }

    const retentionRuns: Run[] = [];
    const retention = new Retention(recording(new Database(file, { readonly: true }), retentionRuns), {
      rules: () => ({ keepCalls: null, keepDays: 1, keepBytes: null }),
    });
    // What it reads to find the calls due (by time, then by id); its deletes are by id (the primary key).
    retention.due();
    note('retention', retentionRuns);

    console.log(`${count} calls, ${cases.length} combinations of the query matrix (and retention's statements)\n`);
    for (const [index, labels] of usedBy) {
      // Retention first when it is among them: it is not one of the matrix's combinations.
      const shown = [...labels]
        .sort((a, b) => Number(b === 'retention') - Number(a === 'retention'))
        .slice(0, 6)
        .join('; ');
      console.log(
        `${index}: ${labels.size === 0 ? 'no plan names it' : `in the plans of ${labels.size}: ${shown}${labels.size > 6 ? '; ...' : ''}`}`,
      );
    }
  } finally {
    filled?.remove();
  }
}

main();
