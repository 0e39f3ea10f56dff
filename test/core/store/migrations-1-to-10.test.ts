import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, migrate } from '../../../main/core/store/migrations';
import { CallsRepository } from '../../../main/core/store/calls-repository';
import { trigramQuery } from '../../../main/core/store/call-filter-sql';
import { TextIndexer } from '../../../main/core/store/text-index';
import { unmigratedHistories, tables } from '../../helpers/unmigrated-history';

const { tempDb } = unmigratedHistories();

describe('migrations 1 to 10', () => {
  it('0 -> 1 creates a STRICT calls table', () => {
    const db = tempDb();
    expect(migrate(db, 1)).toEqual({ ok: true, from: 0, to: 1 });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'calls'").get() as { sql: string }).sql;
    expect(sql).toMatch(/STRICT/);
    // STRICT means a wrong type is refused rather than silently stored.
    expect(() =>
      db
        .prepare(
          "INSERT INTO calls (received_at, method, path, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms) VALUES ('soon', 'POST', '/', 0, '[]', x'', 0, 'valid', '{}', 'mock', 200, '[]', x'', 1)",
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('1 -> 2 adds indexes and settings and keeps existing calls', () => {
    const db = tempDb();
    migrate(db, 1);
    db.prepare(
      "INSERT INTO calls (received_at, method, path, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms) VALUES (1, 'POST', '/actions/a', 0, '[]', x'7b7d', 2, 'valid', '{}', 'mock', 200, '[]', x'', 1.5)",
    ).run();
    expect(migrate(db, 2)).toEqual({ ok: true, from: 1, to: 2 });
    expect(tables(db)).toEqual(
      expect.arrayContaining(['calls', 'calls_by_action', 'calls_by_received_at', 'calls_by_verdict', 'settings']),
    );
    expect(db.prepare('SELECT count(*) AS n FROM calls').get()).toEqual({ n: 1 });
  });

  it('2 -> 3 adds the check columns, mocks and routes, and keeps existing calls readable', () => {
    const db = tempDb();
    migrate(db, 2);
    db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms) VALUES (1, 'POST', '/actions/a', 'a', 0, '[]', x'7b7d', 2, 'valid', '{}', 'mock', 200, '[]', x'', 1.5)",
    ).run();
    db.prepare("INSERT INTO settings (key, value) VALUES ('kept', 'yes')").run();
    expect(migrate(db, 3)).toEqual({ ok: true, from: 2, to: 3 });
    expect(tables(db)).toEqual(expect.arrayContaining(['calls', 'settings', 'mocks', 'routes']));
    const columns = (db.prepare('PRAGMA table_info(calls)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['violations', 'forward_target', 'forward_error', 'registration_would_pass']));
    expect(db.prepare('SELECT action, violations, forward_target FROM calls').all()).toEqual([
      { action: 'a', violations: null, forward_target: null },
    ]);
    expect(db.prepare('SELECT value FROM settings').get()).toEqual({ value: 'yes' });
    const repository = new CallsRepository(db);
    expect(repository.get(1)).toMatchObject({
      action: 'a',
      violations: [],
      checked: false,
      forwardTarget: null,
      registrationWouldPass: null,
    });
    // The routes table only takes the two modes.
    expect(() => db.prepare("INSERT INTO routes (action, mode, target, updated_at) VALUES ('a', 'proxy', NULL, 1)").run()).toThrow(/CHECK/);
  });

  it('3 -> 4 counts the calls already stored, then keeps counting', () => {
    const db = tempDb();
    migrate(db, 3);
    const insert = db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms) VALUES (1, 'POST', '/', ?, 0, '[]', x'', 0, ?, '{}', 'mock', ?, '[]', x'', 1)",
    );
    insert.run('a', 'valid', 200);
    insert.run('a', 'invalid', 200);
    insert.run(null, 'not-flowent', 404);
    expect(migrate(db, 4)).toEqual({ ok: true, from: 3, to: 4 });
    const counts = () => db.prepare('SELECT action, total, failures FROM call_counts ORDER BY action').all();
    expect(counts()).toEqual([
      { action: '', total: 1, failures: 1 },
      { action: 'a', total: 2, failures: 1 },
    ]);
    insert.run('b', 'valid', 500);
    db.prepare('DELETE FROM calls WHERE action IS NULL').run();
    expect(counts()).toEqual([
      { action: 'a', total: 2, failures: 1 },
      { action: 'b', total: 1, failures: 1 },
    ]);
  });

  it('4 -> 5 indexes the bodies already stored, then keeps the index in step', () => {
    const db = tempDb();
    migrate(db, 4);
    const insert = db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms) VALUES (1, 'POST', '/', 'a', 0, '[]', ?, 0, 'valid', '{}', 'mock', 200, '[]', x'', 1)",
    );
    const old = Number(insert.run(Buffer.from('{"q":"stored before the upgrade"}')).lastInsertRowid);
    expect(migrate(db, 5)).toMatchObject({ ok: true, from: 4, to: 5 });
    const repository = new CallsRepository(db);
    // Schema 5's search: the index's candidates, confirmed by instr().
    const found = (text: string) =>
      (
        db
          .prepare(
            'SELECT calls.id FROM calls_text CROSS JOIN calls ON calls.id = calls_text.rowid WHERE calls_text MATCH ? AND instr(CAST(calls.request_body AS TEXT), ?) > 0 ORDER BY calls.id DESC',
          )
          .all(trigramQuery(text), text) as { id: number }[]
      ).map((row) => row.id);
    // Backfilled: the call stored before the index existed is found through it.
    expect(found('before the upgrade')).toEqual([old]);
    const indexed = (text: string) =>
      (db.prepare('SELECT rowid FROM calls_text WHERE calls_text MATCH ?').all(`"${text}"`) as { rowid: number }[]).map((r) => r.rowid);
    expect(indexed('upg')).toEqual([old]);
    const added = Number(insert.run(Buffer.from('{"q":"stored after the upgrade"}')).lastInsertRowid);
    expect(indexed('upg')).toEqual([old, added]);
    expect(found('after the upgrade')).toEqual([added]);
    db.prepare('UPDATE calls SET request_body = ? WHERE id = ?').run(Buffer.from('{"q":"rewritten"}'), added);
    expect(indexed('upg')).toEqual([old]);
    expect(found('rewritten')).toEqual([added]);
    // A deleted call is never found, though its index entry stays until the history is empty.
    db.prepare('DELETE FROM calls WHERE id = ?').run(old);
    expect(found('upgrade')).toEqual([]);
    expect(found('before the upgrade')).toEqual([]);
    // The newest call's id is reused by the next call (SQLite reuses the highest): only the new body is found.
    const doomed = Number(insert.run(Buffer.from('{"q":"soon deleted"}')).lastInsertRowid);
    db.prepare('DELETE FROM calls WHERE id = ?').run(doomed);
    const reused = Number(insert.run(Buffer.from('{"q":"a third body"}')).lastInsertRowid);
    expect(reused).toBe(doomed);
    expect(found('soon deleted')).toEqual([]);
    expect(found('third body')).toEqual([reused]);
    expect(found('rewritten')).toEqual([added]);
    // Deleting a call finds the replays pointing at it through an index, not a scan.
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT 1 FROM calls WHERE original_call_id = ?').all(1) as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/USING (COVERING )?INDEX calls_by_original_call/);
    // Emptying the history empties the index with it.
    repository.clear();
    expect(indexed('upg')).toEqual([]);
    expect(indexed('thi')).toEqual([]);
  });

  it('5 -> 6 leaves indexing to the indexer; searches find indexed and not-yet-indexed calls alike', () => {
    const db = tempDb();
    migrate(db, 5);
    const insert = db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms) VALUES (1, 'POST', '/', 'a', 0, '[]', ?, 0, 'valid', '{}', 'mock', 200, '[]', x'', 1)",
    );
    const add = (body: string) => Number(insert.run(Buffer.from(body)).lastInsertRowid);
    const old = add('{"q":"indexed by schema 5"}');
    expect(migrate(db, 6)).toEqual({ ok: true, from: 5, to: 6 });
    const mark = () => db.prepare('SELECT indexed_up_to FROM text_index_state').pluck().get();
    const indexed = (text: string) => db.prepare('SELECT rowid FROM calls_text WHERE calls_text MATCH ?').pluck().all(trigramQuery(text));
    // What schema 5 indexed counts as indexed.
    expect(mark()).toBe(old);
    // The schemas since (14 made the index anew, empty) leave the rest to the indexer as 6 does.
    expect(migrate(db)).toEqual({ ok: true, from: 6, to: LATEST_VERSION });
    new TextIndexer(db).catchUp();
    expect(mark()).toBe(old);
    const repository = new CallsRepository(db);
    const found = (text: string) => repository.list({ text }).calls.map((c) => c.id);
    // A new call gets no entry on insert, yet is found at once (by a scan of the calls above the mark).
    const fresh = add('{"q":"stored after schema 6"}');
    expect(indexed('after schema')).toEqual([]);
    expect(found('schema')).toEqual([fresh, old]);
    const indexer = new TextIndexer(db);
    expect(indexer.backlog()).toBe(1);
    expect(indexer.catchUp()).toBe(1);
    expect(indexer.backlog()).toBe(0);
    expect(mark()).toBe(fresh);
    expect(indexed('after schema')).toEqual([fresh]);
    expect(found('schema')).toEqual([fresh, old]);
    // Rewriting an indexed body rewrites its entry; an unindexed one waits for the indexer.
    db.prepare('UPDATE calls SET request_body = ? WHERE id = ?').run(Buffer.from('{"q":"rewritten"}'), fresh);
    expect(indexed('rewritten')).toEqual([fresh]);
    const pending = add('{"q":"pending"}');
    db.prepare('UPDATE calls SET request_body = ? WHERE id = ?').run(Buffer.from('{"q":"pending, rewritten"}'), pending);
    expect(indexed('pending')).toEqual([]);
    expect(found('pending, rewritten')).toEqual([pending]);
    indexer.catchUp();
    expect(indexed('pending, rewritten')).toEqual([pending]);
    // Deleting the newest calls lowers the mark: their ids come back for new calls, which must count as unindexed.
    db.prepare('DELETE FROM calls WHERE id >= ?').run(fresh);
    expect(mark()).toBe(old);
    const reused = add('{"q":"a reused id"}');
    expect(reused).toBe(fresh);
    expect(found('reused id')).toEqual([reused]);
    expect(found('rewritten')).toEqual([]);
    // Deleting an older call leaves the mark alone.
    const newest = add('{"q":"newest"}');
    indexer.catchUp();
    db.prepare('DELETE FROM calls WHERE id = ?').run(reused);
    expect(mark()).toBe(newest);
    // Emptying the history starts the index again from nothing.
    repository.clear();
    expect(mark()).toBe(0);
    expect(indexed('newest')).toEqual([]);
    const first = add('{"q":"after the clear"}');
    expect(found('after the clear')).toEqual([first]);
  });

  it('6 -> 7 moves the learned style tallies under their scope and leaves other settings alone', () => {
    const db = tempDb();
    migrate(db, 6);
    const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    put.run('learned-style:0123456789abcdef', '{"version":1}');
    put.run('flowent.profiles', '[]');
    put.run('simulator.local-schemas', '{}');
    expect(migrate(db, 7)).toEqual({ ok: true, from: 6, to: 7 });
    expect(db.prepare('SELECT key, value FROM settings ORDER BY key').all()).toEqual([
      { key: 'flowent.profiles', value: '[]' },
      { key: 'learned-style.0123456789abcdef', value: '{"version":1}' },
      { key: 'simulator.local-schemas', value: '{}' },
    ]);
  });

  it("7 -> 8 stores the failure rule for the calls already stored, and counts only Flowent's failures", () => {
    const db = tempDb();
    migrate(db, 7);
    const insert = db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms, source, violations) VALUES (1, 'POST', '/', 'a', 0, '[]', x'', 0, ?, '{}', 'mock', ?, '[]', x'', 1, ?, ?)",
    );
    const add = (verdict: string, status: number, source = 'flowent', violations: string | null = '[]') =>
      Number(insert.run(verdict, status, source, violations).lastInsertRowid);
    const fine = [add('valid', 200), add('no-key', 200), add('unsigned-test', 204, 'flowent', null)];
    const failed = [
      add('invalid', 200),
      add('no-key', 0, 'flowent', null),
      add('no-key', 302),
      add('valid', 200, 'flowent', '[{"code":"result-not-string","message":"result is a number"}]'),
    ];
    const failedReplay = add('valid', 500, 'replay');
    // Schema 7 counted a call without a key but with an answer Flowent would refuse as fine,
    // and replays as failures.
    expect(db.prepare("SELECT failures FROM call_counts WHERE action = 'a'").pluck().get()).toBe(2);

    expect(migrate(db, 8)).toEqual({ ok: true, from: 7, to: 8 });
    const failedIds = () => db.prepare('SELECT id FROM calls WHERE failed = 1 ORDER BY id').pluck().all();
    expect(failedIds()).toEqual([...failed, failedReplay]);
    expect(db.prepare('SELECT count(*) FROM calls WHERE failed = 0').pluck().get()).toBe(fine.length);
    const counts = () => db.prepare('SELECT action, total, failures FROM call_counts ORDER BY action').all();
    expect(counts()).toEqual([{ action: 'a', total: 8, failures: 4 }]);

    // The triggers count what later inserts say, Flowent's calls only.
    const later = db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms, source, failed) VALUES (1, 'POST', '/', ?, 0, '[]', x'', 0, 'valid', '{}', 'mock', 500, '[]', x'', 1, ?, 1)",
    );
    later.run('a', 'flowent');
    later.run('a', 'simulator');
    later.run('b', 'import');
    expect(counts()).toEqual([
      { action: 'a', total: 10, failures: 5 },
      { action: 'b', total: 1, failures: 0 },
    ]);
    db.prepare("DELETE FROM calls WHERE source <> 'flowent'").run();
    expect(counts()).toEqual([{ action: 'a', total: 8, failures: 5 }]);
    expect(() => db.prepare('UPDATE calls SET failed = 2 WHERE id = ?').run(fine[0])).toThrow(/CHECK/);

    // A filter on a source other than Flowent's reads the partial index, newest first, without a
    // scan (read through the repository, which needs the latest schema).
    migrate(db);
    const repository = new CallsRepository(db);
    later.run('a', 'replay');
    expect(repository.list({ source: 'replay' }).calls.map((c) => c.source)).toEqual(['replay']);
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM calls WHERE source = ? AND source <> 'flowent' ORDER BY id DESC LIMIT 10")
      .all('replay') as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/USING (COVERING )?INDEX calls_by_other_source/);
  });

  it('8 -> 9 adds the handler verdict to calls and a table of what handlers taught, and keeps existing calls readable', () => {
    const db = tempDb();
    migrate(db, 8);
    db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms) VALUES (1, 'POST', '/actions/a', 'a', 0, '[]', x'7b7d', 2, 'valid', '{}', 'forward', 401, '[]', x'', 1.5)",
    ).run();
    expect(migrate(db, 9)).toEqual({ ok: true, from: 8, to: 9 });
    expect(() => db.prepare("UPDATE calls SET handler_signature = 'maybe' WHERE id = 1").run()).toThrow(/CHECK/);
    // Read through the repository, which needs the latest schema.
    migrate(db);
    const repository = new CallsRepository(db);
    // Calls stored before say nothing about their handler.
    expect(repository.get(1)).toMatchObject({ handlerSignature: null, handlerTarget: null, status: 401 });
    expect(repository.list({}).calls[0]?.handlerSignature).toBeNull();
    expect(() => db.prepare("UPDATE calls SET handler_signature = 'maybe' WHERE id = 1").run()).toThrow(/CHECK/);
    db.prepare("UPDATE calls SET handler_signature = 'refused', handler_target = 'http://localhost:8000/actions/x' WHERE id = 1").run();
    expect(repository.get(1)).toMatchObject({ handlerSignature: 'refused', handlerTarget: 'http://localhost:8000/actions/x' });
    expect(tables(db)).toContain('handlers');
    // STRICT: a knowledge that is not text is refused, not stored.
    expect(() =>
      db.prepare("INSERT INTO handlers (target, key_fingerprint, knowledge, updated_at) VALUES ('t', 'k', 1, 'now')").run(),
    ).toThrow(/cannot store/);
  });

  it('9 -> 10 reads back the action as sent for calls whose action_name was not a valid name, and keeps mocks as they were', () => {
    const db = tempDb();
    migrate(db, 9);
    const insert = db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, problem, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms) VALUES (1, 'POST', '/actions/a', 'a', 0, '[]', ?, 0, ?, 'missing', '{}', 'error', 400, '[]', x'', 1)",
    );
    const add = (body: string, problem: string | null) => Number(insert.run(Buffer.from(body), problem).lastInsertRowid);
    const number = add('{"action_name":5,"parameters":{}}', 'invalid-action-name');
    const spaced = add('{"action_name":"Send Email","parameters":{}}', 'invalid-action-name');
    const fine = add('{"action_name":"a","parameters":{}}', null);
    const absent = add('{"parameters":{}}', 'missing-action-name');
    db.prepare('INSERT INTO mocks (action, definition, updated_at) VALUES (\'a\', \'{"selection":"rules"}\', 1)').run();

    expect(migrate(db, 10)).toEqual({ ok: true, from: 9, to: 10 });
    const sent = db.prepare('SELECT sent_action FROM calls WHERE id = ?').pluck();
    expect([number, spaced, fine, absent].map((id) => sent.get(id))).toEqual(['5', '"Send Email"', null, null]);
    expect(db.prepare('SELECT mock_choice FROM calls').pluck().all()).toEqual([null, null, null, null]);
    expect(db.prepare('SELECT text, format FROM mocks').get()).toEqual({ text: null, format: null });
    expect(() => db.prepare("UPDATE mocks SET format = 'toml'").run()).toThrow(/CHECK/);
  });
});
