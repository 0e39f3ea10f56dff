import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../main/core/store/migrations';
import { CallsRepository } from '../../../main/core/store/calls-repository';
import { makeTempDir } from '../../helpers/temp-dir';
import { storedCall } from '../../helpers/new-call';

const dirs: { remove: () => void }[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

function tempDb(): Database.Database {
  const dir = makeTempDir();
  dirs.push(dir);
  return new Database(join(dir.path, 'history.sqlite'));
}

describe('migration 17 -> 18', () => {
  it('gives calls the key they were checked with, null for the calls stored before, without rewriting them', () => {
    const db = tempDb();
    migrate(db, 17);
    db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms, handler_signature, handler_target) VALUES (1, 'POST', '/actions/a', 'a', 0, '[]', x'7b7d', 2, 'valid', '{}', 'forward', 401, '[]', x'', 1.5, 'refused', 'http://localhost:8000/actions/{action_name}')",
    ).run();
    const changesBefore = db.prepare('SELECT total_changes()').pluck().get() as number;
    expect(migrate(db, 18)).toEqual({ ok: true, from: 17, to: 18 });
    // A column added, no row written: a history of millions of calls opens as fast.
    expect(db.prepare('SELECT total_changes()').pluck().get()).toBe(changesBefore);

    const repository = new CallsRepository(db);
    expect(repository.get(1)).toMatchObject({ handlerSignature: 'refused', keyFingerprint: null });
    const id = repository.insert(storedCall({ keyFingerprint: '0123456789abcdef' }));
    expect(repository.get(id)?.keyFingerprint).toBe('0123456789abcdef');
    db.close();
  });
});
