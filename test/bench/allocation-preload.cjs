/**
 * Benchmark-only preload (`node --require <this file> ...`): samples every allocation of the
 * main thread, the ones the garbage collector has already freed included (what a plain heap
 * profile leaves out, and what makes young-generation pauses), and writes the sampled profile
 * to FLOWENT_BENCH_ALLOCATION_FILE when the process exits. See allocation-summary.ts.
 */
'use strict';
const { writeFileSync } = require('node:fs');
const { Session } = require('node:inspector');
const { isMainThread } = require('node:worker_threads');

const file = process.env.FLOWENT_BENCH_ALLOCATION_FILE;
if (file && isMainThread) {
  const session = new Session();
  session.connect();
  session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  // The in-process session answers synchronously, so the profile is written before exit ends.
  process.on('exit', () => {
    session.post('HeapProfiler.stopSampling', (error, result) => {
      if (!error) writeFileSync(file, JSON.stringify(result.profile));
    });
  });
}
