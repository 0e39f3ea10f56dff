/**
 * Benchmark-only preload (`node --require <this file> ...`): records, from inside the server
 * process, the event loop's delay and the garbage collector's pauses, one line of JSON per
 * second appended to the file named by FLOWENT_BENCH_LOOP_FILE. Nothing in the shipped command
 * knows about it; mock-throughput.ts reads the lines that fall within a timed run.
 */
'use strict';
const { appendFileSync } = require('node:fs');
const { monitorEventLoopDelay, PerformanceObserver, constants } = require('node:perf_hooks');
const { isMainThread } = require('node:worker_threads');

const file = process.env.FLOWENT_BENCH_LOOP_FILE;
// Worker threads load preloads too: only the thread that answers calls is measured.
if (file && isMainThread) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let gc = { minor: 0, major: 0, count: 0, totalMs: 0, maxMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = entry.detail && entry.detail.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.major++;
      else gc.minor++;
      gc.count++;
      gc.totalMs += entry.duration;
      if (entry.duration > gc.maxMs) gc.maxMs = entry.duration;
    }
  }).observe({ entryTypes: ['gc'] });
  const ms = (ns) => Math.round(ns / 1e3) / 1e3;
  setInterval(() => {
    const line = {
      at: Date.now(),
      p50: ms(delay.percentile(50)),
      p99: ms(delay.percentile(99)),
      max: ms(delay.max),
      gc,
    };
    delay.reset();
    gc = { minor: 0, major: 0, count: 0, totalMs: 0, maxMs: 0 };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  }, 1000).unref();
}
