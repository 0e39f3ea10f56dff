import { Worker } from 'node:worker_threads';

/** Barrier steps a body can wait at with `together(step)` unless told more; step 0 is the start. */
const STEPS = 4;

/**
 * Threads that stand for processes starting at the same moment (the app and serve on one new
 * folder): each runs `body` once every thread is ready and returns its first message. `body` is
 * CommonJS with `workerData`, `parentPort` and `together(step)` in scope (`together(1)` waits
 * until every thread has reached it), and may require TypeScript sources. A body that meets the
 * race round after round does so in one set of threads (starting threads is the slow part), with
 * `steps` barrier steps for all its rounds.
 */
export async function threadsAtOnce<T>(count: number, body: string, workerData: Record<string, unknown>, steps = STEPS): Promise<T[]> {
  const gate = new SharedArrayBuffer(4 * steps);
  const code = `
    require(${JSON.stringify(require.resolve('tsx/cjs'))});
    const { workerData, parentPort } = require('node:worker_threads');
    const gate = new Int32Array(workerData.gate);
    const together = (step) => {
      Atomics.add(gate, step, 1);
      while (Atomics.load(gate, step) < workerData.count) Atomics.wait(gate, step, Atomics.load(gate, step), 20);
    };
    together(0);
    ${body}
  `;
  const workers = Array.from({ length: count }, () => new Worker(code, { eval: true, workerData: { ...workerData, gate, count } }));
  try {
    return await Promise.all(
      workers.map(
        (worker) =>
          new Promise<T>((resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
