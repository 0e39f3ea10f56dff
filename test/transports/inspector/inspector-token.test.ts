import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/temp-dir';

// The app and serve (or two serves of a CI job) started at once on a new data folder each print
// an inspector URL with the token they read or made. Both must end with the same token: when
// each made its own, the second file replaced the first and the first process's printed URL
// was refused. Threads stand for the processes, released at the same moment, round after round.
const OPENERS = 4;
const ROUNDS = 30;

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** One process starting: it reads (or makes) the folder's token, and reports the one in force after all have started. */
function opener(dataDir: string, gate: SharedArrayBuffer): Worker {
  const source = join(__dirname, '../../../main/transports/inspector/inspector-token.ts');
  const code = `
    require(${JSON.stringify(require.resolve('tsx/cjs'))});
    const { workerData, parentPort } = require('node:worker_threads');
    const { inspectorTokenFile } = require(${JSON.stringify(source)});
    const gate = new Int32Array(workerData.gate);
    Atomics.add(gate, 0, 1);
    while (Atomics.load(gate, 0) < workerData.openers) Atomics.wait(gate, 0, Atomics.load(gate, 0), 20);
    const token = inspectorTokenFile(workerData.dataDir);
    const printed = token.current();
    // Every opener has made its token before any looks again.
    Atomics.add(gate, 1, 1);
    while (Atomics.load(gate, 1) < workerData.openers) Atomics.wait(gate, 1, Atomics.load(gate, 1), 20);
    parentPort.postMessage({ printed, accepted: token.current() });
  `;
  return new Worker(code, { eval: true, workerData: { dataDir, gate, openers: OPENERS } });
}

it('processes starting at once on a new data folder end with one token, the one each printed', async () => {
  const dir = makeTempDir();
  cleanups.push(dir.remove);
  for (let round = 1; round <= ROUNDS; round++) {
    // As serve finds it: the folder made, no token yet.
    const dataDir = join(dir.path, `folder-${round}`);
    mkdirSync(dataDir);
    const gate = new SharedArrayBuffer(8);
    const workers = Array.from({ length: OPENERS }, () => opener(dataDir, gate));
    const seen = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<{ printed: string; accepted: string }>((resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
          }),
      ),
    );
    await Promise.all(workers.map((worker) => worker.terminate()));
    const tokens = new Set(seen.flatMap(({ printed, accepted }) => [printed, accepted]));
    expect(tokens.size, `round ${round}: ${JSON.stringify(seen)}`).toBe(1);
  }
});
