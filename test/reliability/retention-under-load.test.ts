import Database from 'better-sqlite3';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openStore } from '../../main/core/store/open-store';
import { fillHistory } from '../bench/fill-history';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { startServe, type ServeProcess } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { percentile, timedPost } from '../helpers/timed-post';

// The history's limits are kept while calls keep arriving: a history far over `--keep-calls`
// is brought down to it in slices while normal calls are answered, and counts and search stay
// right. The latencies are printed (BENCHMARKS.md keeps them), not asserted: a timing bound
// would fail on a busy machine, not on a defect.
const KEY = 'retention-key';
const HISTORY = Number(process.env.RETENTION_HISTORY ?? 30_000);
const KEEP = Number(process.env.RETENTION_KEEP ?? 5_000);
const SAMPLES = Number(process.env.RETENTION_SAMPLES ?? 300);

const dir = makeTempDir();
let server: ServeProcess | null = null;
afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  dir.remove();
});

async function latencies(agent: Agent, url: URL, word: string, count = SAMPLES, from = 0): Promise<number[]> {
  const measured: number[] = [];
  for (let i = from; i < from + count; i++) {
    const outcome = await timedPost(agent, url, '/actions/light', signedBody(flowentPayload('light', { tag: `${word}-${i}` }), KEY));
    expect(outcome.status).toBe(200);
    measured.push(outcome.ms);
  }
  return measured;
}

/** The calls stored now, read as another process would (the server keeps writing). */
function storedNow(): number {
  const db = new Database(join(dir.path, 'history.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM calls').pluck().get() as number;
  } finally {
    db.close();
  }
}

const round = (value: number) => Math.round(value * 100) / 100;

it(`brings a history of ${HISTORY} calls down to --keep-calls ${KEEP} while calls keep arriving, counts and search right`, async () => {
  fillHistory(dir.path, HISTORY);
  server = await startServe(['--port', '0', '--data-dir', dir.path, '--no-inspector', '--keep-calls', String(KEEP)], {
    FLOWENT_HMAC_KEY: KEY,
  });
  const url = new URL(server.baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  // Calls keep arriving until the history is down to the limit and its arrivals: the whole
  // deletion ran while they came.
  const pruning: number[] = [];
  while (pruning.length < SAMPLES || storedNow() > KEEP + pruning.length) {
    pruning.push(...(await latencies(agent, url, 'pruning', 50, pruning.length)));
  }
  const leftAfterPruning = storedNow();
  // Quiet again: what was still due goes, down to the limit exactly.
  const steady = await latencies(agent, url, 'steady');
  await expect.poll(storedNow, { timeout: 60_000 }).toBe(KEEP);
  agent.destroy();

  const figures = {
    historyBefore: HISTORY,
    callsWhilePruning: pruning.length,
    keepCalls: KEEP,
    storedAfterMeasuring: leftAfterPruning,
    pruningMedianMs: round(percentile(pruning, 50)),
    pruningP90Ms: round(percentile(pruning, 90)),
    pruningMaxMs: round(Math.max(...pruning)),
    steadyMedianMs: round(percentile(steady, 50)),
    steadyP90Ms: round(percentile(steady, 90)),
    medianRatio: round(percentile(pruning, 50) / percentile(steady, 50)),
  };
  console.log(
    'slow',
    pruning
      .map((ms, i) => [i, Math.round(ms)])
      .filter(([, ms]) => ms! > 50)
      .join(' '),
  );
  console.log(`retention-under-load figures: ${JSON.stringify(figures)}`);
  expect(leftAfterPruning).toBeLessThanOrEqual(KEEP + pruning.length);

  server.child.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  const opened = openStore({ dataDir: dir.path });
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  const store = opened.value;
  try {
    store.textIndex.catchUp();
    expect(store.calls.stats({}).total).toBe(KEEP);
    // The newest calls are the ones kept: every call sent just now is there and found.
    expect(store.calls.list({ text: `steady-${SAMPLES - 1}`, limit: 10 }).calls).toHaveLength(1);
    // The oldest are gone, from the index too.
    expect(store.calls.list({ text: 'user3', limit: 10 }).calls).toEqual([]);
    const db = new Database(store.file, { readonly: true });
    const orphans = db
      .prepare(`SELECT count(*) FROM calls_text WHERE calls_text MATCH '"exa"' AND rowid NOT IN (SELECT id FROM calls)`)
      .pluck()
      .get();
    db.close();
    expect(orphans).toBe(0);
  } finally {
    await store.close();
  }
}, 240_000);
