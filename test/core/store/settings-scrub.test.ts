import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { DATA_FILES } from '../../../main/core/data-folder';
import { storesClosedAfterEach } from '../../helpers/stores-closed-after-each';

const stores = storesClosedAfterEach();

// Forgetting a kept password cuts the WAL, which waits for readers of the history. Another
// process reading for long (an export, say) must not hold the companion, and every call
// arriving, for the connection's usual 5 s: the scrub waits briefly, then leaves the WAL.
it('a scrub while another connection reads the history waits briefly, not the usual busy timeout', () => {
  const dataDir = stores.freshDir();
  const store = stores.open(dataDir);
  const settings = store.settings.scope('project');
  settings.write('target', 'http://user:secret@localhost:1/');
  const reader = new Database(join(dataDir, DATA_FILES.history), { readonly: true });
  try {
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM settings').get();
    settings.remove('target');
    const started = performance.now();
    settings.scrub();
    const waited = performance.now() - started;
    expect(waited).toBeLessThan(2_000);
  } finally {
    reader.exec('COMMIT');
    reader.close();
  }
});
