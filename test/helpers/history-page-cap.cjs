// A full disk without a disk: caps the pages of the history files a process opens for writing
// (SQLite's max_page_count, on the process's own connections), so its next write that needs a new
// page fails with a real SQLITE_FULL, and lifts the cap again. Works on any system, as any user.
//
// In a test's own process: require it and call `capHistories(true | false)`. Preloaded into a
// command (`node -r <this> cli.js serve ...`): the histories are capped while the file named by
// FC_HISTORY_FULL_WHILE exists, so a test fills and frees "the disk" by creating and removing it.
const { existsSync } = require('node:fs');
const Database = require('better-sqlite3');

/** SQLite's default: no cap. */
const NO_CAP = 1073741823;
/** The writing connections to a history.sqlite, as they prepare their first statement. */
const histories = new Set();

const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (...args) {
  if (!this.readonly && /history\.sqlite$/.test(this.name)) histories.add(this);
  return prepare.apply(this, args);
};

/** Caps every open history at its current size (SQLite never sets the cap below it), or lifts the caps. */
function capHistories(full) {
  for (const db of histories) {
    if (!db.open) histories.delete(db);
    else db.pragma(`max_page_count = ${full ? 1 : NO_CAP}`);
  }
}

module.exports = { capHistories };

const flag = process.env.FC_HISTORY_FULL_WHILE;
if (flag) {
  let full = false;
  setInterval(() => {
    if (existsSync(flag) === full) return;
    full = !full;
    capHistories(full);
  }, 50).unref();
}
