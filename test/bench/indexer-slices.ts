/**
 * How long each of the text indexer's slices holds the thread that answers webhook calls, over
 * a growing index: calls stored a slice at a time, each followed by the indexer's slice (the
 * store's own `indexSlice`) and the merge steps it calls for (`mergeStep`, each a turn of its
 * own in the server, timed apart), as under sustained load.
 *
 * With --fts5-merging, FTS5 merges on its own instead (its default, `automerge` 4), inside the
 * writes that tip a level: what the indexer did before it merged in steps. With --usermerge <n>,
 * the merge steps wait for n segments on a level instead of FTS5's default 4 (fewer rewrites of
 * each entry, more segments for a search to read). With --same-body, every call carries the
 * signed body mock-throughput.ts sends (the goal runs' index) instead of fill-history.ts's.
 * Besides the time each slice and step holds the thread, the CPU each costs per call indexed.
 *
 *   flock /tmp/flowent-suite.lock npx tsx test/bench/indexer-slices.ts [--calls 200000] [--slice 128] [--fts5-merging]
 *     [--usermerge 4] [--same-body]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { DATA_FILES } from '../../main/core/data-folder';
import type { NewCall } from '../../main/core/store/calls-insert';
import { openStore } from '../../main/core/store/open-store';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { benchCall } from './fill-history';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '200000' },
    slice: { type: 'string', default: '128' },
    'fts5-merging': { type: 'boolean', default: false },
    usermerge: { type: 'string' },
    'same-body': { type: 'boolean', default: false },
  },
});
const calls = Number(values.calls);
const slice = Number(values.slice);
const fts5Merging = values['fts5-merging'];

const firstReceivedAt = Date.now() - calls * 1000;
const dir = mkdtempSync(join(tmpdir(), 'fc-bench-slices-'));
const opened = openStore({ dataDir: dir });
if (!opened.ok) throw new Error(JSON.stringify(opened));
const store = opened.value;
// The slices are taken here, one after each stored batch, not by the indexer's own timer.
store.textIndex.stop();
const side = new Database(join(dir, DATA_FILES.history));
side.pragma('busy_timeout = 5000');
if (fts5Merging) side.exec(`INSERT INTO calls_text (calls_text, rank) VALUES ('automerge', 4)`);
// A literal: FTS5 takes the setting as an integer only, and a bound JavaScript number is a real.
if (values.usermerge) side.exec(`INSERT INTO calls_text (calls_text, rank) VALUES ('usermerge', ${Math.trunc(Number(values.usermerge))})`);
const goalBody = Buffer.from(signedBody(flowentPayload('send_email', { recipient: 'user@example.com', subject: 'Welcome!' }), 'bench-key'));
const callNumber = (i: number): NewCall => {
  const call = benchCall(i, firstReceivedAt + i * 1000);
  return values['same-body'] ? { ...call, requestBody: goalBody, bodySize: goalBody.length } : call;
};

const sliceMs: number[] = [];
const mergeMs: number[] = [];
const cpuUs = { slices: 0, merges: 0 };
const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return used.user + used.system;
};
try {
  for (let done = 0; done < calls; done += slice) {
    const batch: NewCall[] = [];
    for (let i = done; i < done + slice; i++) batch.push(callNumber(i));
    store.calls.insert(batch);
    let started = process.hrtime.bigint();
    let cpu = process.cpuUsage();
    store.textIndex.indexSlice(slice);
    sliceMs.push(since(started));
    cpuUs.slices += cpuSince(cpu);
    if (!fts5Merging) {
      for (let merged = true; merged;) {
        started = process.hrtime.bigint();
        cpu = process.cpuUsage();
        merged = store.textIndex.mergeStep();
        mergeMs.push(since(started));
        cpuUs.merges += cpuSince(cpu);
      }
    }
  }
  const dataRows = side.prepare('SELECT count(*) FROM calls_text_data').pluck().get() as number;
  // What a search meets: each segment is a list of its own to read per trigram.
  const segments = side.prepare('SELECT count(DISTINCT segid) FROM calls_text_idx').pluck().get() as number;
  const merging = fts5Merging ? 'FTS5 merging on its own' : "the indexer's merge steps";
  const bodies = values['same-body'] ? "mock-throughput.ts's body" : "fill-history.ts's bodies";
  console.log(`${calls} calls (${bodies}) in slices of ${slice}, ${merging}${values.usermerge ? `, usermerge ${values.usermerge}` : ''}`);
  console.log(summary('slice', sliceMs));
  if (!fts5Merging) console.log(summary('merge step', mergeMs));
  const perCall = (us: number) => `${(us / calls).toFixed(1)} µs`;
  console.log(
    `CPU per call indexed: slices ${perCall(cpuUs.slices)}, merge steps ${perCall(cpuUs.merges)}, together ${perCall(cpuUs.slices + cpuUs.merges)}`,
  );
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
