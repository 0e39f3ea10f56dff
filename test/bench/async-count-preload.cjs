/**
 * Benchmark-only preload (`node --require <this file> ...`): counts, on the main thread, the
 * asynchronous resources the process creates by type (timers, immediates, promises, socket
 * writes, file-system and crypto requests handed to the thread pool), one line of JSON a
 * second appended to the file named by FLOWENT_BENCH_ASYNC_FILE. wakeups.ts divides them by
 * the calls of a fixed-rate run. Enabling the hook slows promises: its runs count, they do
 * not time.
 */
'use strict';
const { appendFileSync } = require('node:fs');
const { createHook } = require('node:async_hooks');
const { isMainThread } = require('node:worker_threads');

const file = process.env.FLOWENT_BENCH_ASYNC_FILE;
if (file && isMainThread) {
  const counts = Object.create(null);
  createHook({
    init(_id, type) {
      counts[type] = (counts[type] || 0) + 1;
    },
  }).enable();
  setInterval(() => appendFileSync(file, `${JSON.stringify({ at: Date.now(), counts })}\n`), 1000).unref();
}
