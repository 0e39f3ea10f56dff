// Migration 22 -> 23: an imported call is marked so whatever its source. The calls stored before
// are not rewritten (a history of millions opens as fast): those of source 'import' still read as
// imported, and a replay stored before reads as one sent here, as nothing says otherwise.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../main/core/store/migrations';
import { CallsRepository } from '../../../main/core/store/calls-repository';
import { storedCall } from '../../helpers/new-call';
import { makeTempDir } from '../../helpers/temp-dir';

const dirs: { remove: () => void }[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

function tempDb(): Database.Database {
  const dir = makeTempDir();
  dirs.push(dir);
  return new Database(join(dir.path, 'history.sqlite'));
}

describe('migration 22 -> 23', () => {
  it('marks imported calls from now on, reads those stored before by their source, and writes no row', () => {
    const db = tempDb();
    migrate(db, 22);
    const insert = db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms, source) VALUES (1, 'POST', '/actions/a', 'a', 0, '[]', x'7b7d', 2, 'valid', '{}', 'forward', 200, '[]', x'', 1.5, ?)",
    );
    insert.run('import');
    insert.run('replay');
    const changesBefore = db.prepare('SELECT total_changes()').pluck().get() as number;
    expect(migrate(db, 23)).toEqual({ ok: true, from: 22, to: 23 });
    expect(db.prepare('SELECT total_changes()').pluck().get()).toBe(changesBefore);

    const repository = new CallsRepository(db);
    expect(repository.get(1)).toMatchObject({ source: 'import', imported: true });
    expect(repository.get(2)).toMatchObject({ source: 'replay', imported: false });
    const importedReplay = repository.insert(storedCall({ source: 'replay', imported: true }));
    const sentHere = repository.insert(storedCall({ source: 'replay' }));
    expect(repository.get(importedReplay)).toMatchObject({ source: 'replay', imported: true });
    expect(repository.get(sentHere)).toMatchObject({ source: 'replay', imported: false });
    // The list reads the same mark.
    expect(repository.summary(importedReplay)?.imported).toBe(true);
    db.close();
  });
});
