// The history's checkpoint thread (started by background-checkpoint.ts). Plain JavaScript, so
// the same file runs from the sources under the tests and from the build in the app and the
// command. It opens its own connection and copies committed WAL frames into the database every
// `intervalMs`. PASSIVE never waits for, nor blocks, the connection that writes calls.
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);

let db = null;
try {
  db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
} catch (error) {
  parentPort.postMessage({ failed: String((error && error.message) || error) });
}
if (db) {
  parentPort.postMessage({ ready: true });
  setInterval(() => {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or briefly unwritable: the next round tries again; the writer's own
      // auto-checkpoint is still there as a backstop.
    }
  }, workerData.intervalMs);
}
