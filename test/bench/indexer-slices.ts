/**
 * How long each of the text indexer's slices holds the thread that answers webhook calls, over
 * a growing index: calls stored a slice at a time, each followed by the indexer's slice (the
 * store's own `indexSlice`) and the merge steps it calls for (`mergeStep`, each a turn of its
 * own in the server, timed apart), as under sustained load.
 *
 * With --fts5-merging, FTS5 merges on its own instead (its default, `automerge` 4), inside the
 * writes that tip a level: what the indexer did before it merged in steps.
 *
 *   flock /tmp/flowent-suite.lock npx tsx test/bench/indexer-slices.ts [--calls 200000] [--slice 128] [--fts5-merging]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { DATA_FILES } from '../../main/core/data-folder';
import type { NewCall } from '../../main/core/store/calls-insert';
import { openStore } from '../../main/core/store/open-store';
import { benchCall } from './fill-history';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '200000' },
    slice: { type: 'string', default: '128' },
    'fts5-merging': { type: 'boolean', default: false },
  },
});
const calls = Number(values.calls);
const slice = Number(values.slice);
const fts5Merging = values['fts5-merging'];

const dir = mkdtempSync(join(tmpdir(), 'fc-bench-slices-'));
const opened = openStore({ dataDir: dir });
if (!opened.ok) throw new Error(JSON.stringify(opened));
const store = opened.value;
// The slices are taken here, one after each stored batch, not by the indexer's own timer.
store.textIndex.stop();
const side = new Database(join(dir, DATA_FILES.history));
side.pragma('busy_timeout = 5000');
if (fts5Merging) side.exec(`INSERT INTO calls_text (calls_text, rank) VALUES ('automerge', 4)`);

const sliceMs: number[] = [];
const mergeMs: number[] = [];
const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const firstReceivedAt = Date.now() - calls * 1000;
try {
  for (let done = 0; done < calls; done += slice) {
    const batch: NewCall[] = [];
    for (let i = done; i < done + slice; i++) batch.push(benchCall(i, firstReceivedAt + i * 1000));
    store.calls.insert(batch);
    let started = process.hrtime.bigint();
    store.textIndex.indexSlice(slice);
    sliceMs.push(since(started));
    if (!fts5Merging) {
      for (let merged = true; merged;) {
        started = process.hrtime.bigint();
        merged = store.textIndex.mergeStep();
        mergeMs.push(since(started));
      }
    }
  }
  const dataRows = side.prepare('SELECT count(*) FROM calls_text_data').pluck().get() as number;
  // What a search meets: each segment is a list of its own to read per trigram.
  const segments = side.prepare('SELECT count(DISTINCT segid) FROM calls_text_idx').pluck().get() as number;
  console.log(`${calls} calls in slices of ${slice}, ${fts5Merging ? 'FTS5 merging on its own' : "the indexer's merge steps"}`);
  console.log(summary('slice', sliceMs));
  if (!fts5Merging) console.log(summary('merge step', mergeMs));
  console.log(`the index at the end: ${segments} segments, ${dataRows} data rows`);
} finally {
  side.close();
  // The folder goes once the checkpoint thread has let go of the file too.
  void store.close().then(() => rmSync(dir, { recursive: true, force: true }));
}

function summary(name: string, ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => (sorted[Math.floor(p * (sorted.length - 1))] ?? 0).toFixed(2);
  const total = sorted.reduce((sum, x) => sum + x, 0) / 1000;
  return `${name} (${sorted.length}): p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms, ${total.toFixed(1)} s in all`;
}
