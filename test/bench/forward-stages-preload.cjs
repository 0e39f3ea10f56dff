/**
 * Benchmark-only preload (`node --require <this file> ...`): times each forwarded call's
 * stages from inside a forwarding server (the companion, or the minimal proxy), through the
 * diagnostics channels node:http and the client library publish, so the shipped command needs
 * no hook of its own:
 *
 *   arrived       the request's head was parsed (http.server.request.start)
 *   forwarded     the forward was made (undici:request:create; the companion only)
 *   headSent      its head was sent to the handler (undici:client:sendHeaders; the companion only)
 *   answerHead    the handler's answer head arrived (undici:request:headers, http.client.response.finish)
 *   answerBody    the handler's answer body arrived whole (undici:request:trailers)
 *   answered      the answer was handed to the operating system (http.server.response.finish)
 *
 * and, in the companion, the store's transaction (the row, what the handler taught, the
 * commit) from the better-sqlite3 transaction functions made after this preload ran.
 * Stages are tied to their call through AsyncLocalStorage (the forward runs in the request's
 * asynchronous context) and the client library's request objects. Sending SIGUSR2 writes the
 * calls finished so far to FLOWENT_BENCH_STAGES_FILE as JSON and starts a new list.
 */
'use strict';
const { AsyncLocalStorage } = require('node:async_hooks');
const diagnostics = require('node:diagnostics_channel');
const { writeFileSync } = require('node:fs');
const { isMainThread } = require('node:worker_threads');

const file = process.env.FLOWENT_BENCH_STAGES_FILE;
if (file && isMainThread) {
  const callOf = new AsyncLocalStorage();
  const byForward = new WeakMap();
  const byResponse = new WeakMap();
  let finished = [];
  const now = () => performance.now();
  const stamp = (record, stage) => {
    if (record && record[stage] === undefined) record[stage] = now();
  };

  diagnostics.subscribe('http.server.request.start', ({ response }) => {
    const record = { arrived: now() };
    byResponse.set(response, record);
    // The rest of this turn (the server's 'request' listeners) and what they start run with it.
    callOf.enterWith(record);
  });
  diagnostics.subscribe('http.server.response.finish', ({ response }) => {
    const record = byResponse.get(response);
    if (!record) return;
    stamp(record, 'answered');
    finished.push(record);
  });
  const forwardStarted = (request) => {
    const record = callOf.getStore();
    if (record) byForward.set(request, record);
    return record;
  };
  diagnostics.subscribe('undici:request:create', ({ request }) => stamp(forwardStarted(request), 'forwarded'));
  // node:http's client publishes this later than the request is made or its head sent (and
  // not in the same way for a piped body), so the proxy's forward is not split into stages.
  diagnostics.subscribe('http.client.request.start', ({ request }) => void forwardStarted(request));
  diagnostics.subscribe('undici:client:sendHeaders', ({ request }) => stamp(byForward.get(request), 'headSent'));
  diagnostics.subscribe('undici:request:headers', ({ request }) => stamp(byForward.get(request), 'answerHead'));
  diagnostics.subscribe('http.client.response.finish', ({ request }) => stamp(byForward.get(request), 'answerHead'));
  diagnostics.subscribe('undici:request:trailers', ({ request }) => stamp(byForward.get(request), 'answerBody'));

  timeTransactions(callOf, now);

  process.on('SIGUSR2', () => {
    writeFileSync(file, JSON.stringify(finished));
    finished = [];
  });
}

/** Wraps the transaction functions the store makes, when this process has the driver. */
function timeTransactions(callOf, now) {
  let Database;
  try {
    Database = require('better-sqlite3');
  } catch {
    return; // the minimal proxy: no store
  }
  const make = Database.prototype.transaction;
  Database.prototype.transaction = function (fn) {
    const inTransaction = make.call(this, fn);
    const db = inTransaction.database;
    const timed = function (...args) {
      const record = callOf.getStore();
      const started = now();
      try {
        return inTransaction.apply(this, args);
      } finally {
        // Only the outermost transaction of a call (a nested one is a savepoint inside it).
        if (record && record.transactionStart === undefined && !db.inTransaction) {
          record.transactionStart = started;
          record.transactionEnd = now();
        }
      }
    };
    for (const variant of ['deferred', 'immediate', 'exclusive']) timed[variant] = inTransaction[variant];
    return timed;
  };
}
