import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../../main/core/store/migrations';
import { openStore } from '../../../main/core/store/open-store';
import { CallsRepository } from '../../../main/core/store/calls-repository';
import { trigramQuery } from '../../../main/core/store/call-filter-sql';
import { TextIndexer } from '../../../main/core/store/text-index';
import { makeTempDir } from '../../helpers/temp-dir';
import { join } from 'node:path';
import { startInCliWords } from '../../../main/cli/cli-words';
import { sign, verify } from '../../../main/core/signature';
import { packReport } from '../../../main/core/signature/stored-report';
import { spoilSignature } from '../../../main/core/replay/spoil-signature';
import { storedCall } from '../../helpers/new-call';

const dirs: { remove: () => void }[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

function tempDb(): Database.Database {
  const dir = makeTempDir();
  dirs.push(dir);
  return new Database(join(dir.path, 'history.sqlite'));
}

const tables = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','index') AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((row) => row.name);

/**
 * The repository over `db` once the steps after the one tested are applied too: it reads the
 * latest schema's columns. Those steps leave the text index and the filter index as they are
 * (14 excepted, which a test of a step before it says).
 */
function repositoryAtLatest(db: Database.Database): CallsRepository {
  migrate(db);
  return new CallsRepository(db);
}

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

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

  it('10 -> 11 indexes the bodies with escapes as they read, so what was indexed before is found by its text', () => {
    const db = tempDb();
    migrate(db, 10);
    const insert = db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms) VALUES (1, 'POST', '/actions/a', 'a', 0, '[]', ?, 0, 'valid', '{}', 'mock', 200, '[]', x'', 1)",
    );
    const add = (body: string) => Number(insert.run(Buffer.from(body)).lastInsertRowid);
    const escaped = add('{"city":"Z\\u00fcrich","to":"\\u6771\\u4eac"}');
    const plain = add('{"city":"Zürich"}');
    new TextIndexer(db).catchUp();
    // Above the mark: indexed later by the indexer, as it reads then.
    const notYetIndexed = add('{"city":"Krak\\u00f3w"}');
    const hits = (text: string) =>
      db.prepare('SELECT rowid FROM calls_text WHERE calls_text MATCH ? ORDER BY rowid').pluck().all(trigramQuery(text));
    // Version 10's indexer is this one: the entries made before 10 are put back as they were then.
    db.prepare("INSERT INTO calls_text (calls_text) VALUES ('delete-all')").run();
    db.prepare('INSERT INTO calls_text (rowid, body) SELECT id, CAST(request_body AS TEXT) FROM calls WHERE id <= 2').run();
    expect(hits('Zürich')).toEqual([plain]);

    expect(migrate(db, 11)).toEqual({ ok: true, from: 10, to: 11 });
    expect(hits('Zürich')).toEqual([escaped, plain]);
    expect(hits('"東京"')).toEqual([escaped]);
    expect(hits('u00fc')).toEqual([]);
    expect(hits('Kraków')).toEqual([]);
    new TextIndexer(db).catchUp();
    expect(hits('Kraków')).toEqual([notYetIndexed]);
    // A body rewritten after it was indexed is indexed again as it reads.
    db.prepare('UPDATE calls SET request_body = ? WHERE id = ?').run(Buffer.from('{"city":"\\u00c5rhus"}'), plain);
    expect(hits('Zürich')).toEqual([escaped]);
    expect(hits('Århus')).toEqual([plain]);
    // The list reads the latest schema: from 14 on the index is made anew, so this search scans the bodies as they read.
    expect(
      repositoryAtLatest(db)
        .list({ text: 'Zürich' })
        .calls.map((c) => c.id),
    ).toEqual([escaped]);
    db.close();
  });

  it('11 -> 12 reads filters of several columns through the filter columns, with the same calls found', () => {
    const db = tempDb();
    migrate(db, 11);
    const insert = db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms) VALUES (1, 'POST', '/actions/a', ?, 0, '[]', x'7B7D', 2, ?, '{}', 'mock', 200, '[]', x'', 1)",
    );
    const add = (action: string, verdict: string) => Number(insert.run(action, verdict).lastInsertRowid);
    const wanted = [add('a', 'invalid'), add('b', 'invalid'), add('a', 'valid'), add('a', 'invalid')].filter((_, at) => at % 3 === 0);
    const pair = { action: 'a', verdict: 'invalid' as const };

    expect(migrate(db, 12)).toEqual({ ok: true, from: 11, to: 12 });
    expect(tables(db)).toContain('calls_by_id_filters');
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM calls INDEXED BY calls_by_id_filters WHERE action = 'a' AND verdict = 'invalid'")
      .all() as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/COVERING INDEX calls_by_id_filters/);
    const calls = repositoryAtLatest(db);
    expect(calls.list(pair).calls.map((call) => call.id)).toEqual([...wanted].reverse());
    expect(calls.stats(pair)).toMatchObject({ total: 2, perAction: [{ action: 'a', count: 2 }] });
    db.close();
  });

  it('13 -> 14 makes the text index fold case, empty, and the indexer fills it again; searches find the same calls meanwhile', () => {
    const db = tempDb();
    migrate(db, 13);
    const insert = db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms) VALUES (1, 'POST', '/actions/a', 'a', 0, '[]', ?, 0, 'valid', '{}', 'mock', 200, '[]', x'', 1)",
    );
    const add = (body: string) => Number(insert.run(Buffer.from(body)).lastInsertRowid);
    const upper = add('{"city":"PARIS","to":"Z\\u00dcRICH"}');
    const lower = add('{"city":"paris","to":"zürich"}');
    new TextIndexer(db).catchUp();
    const hits = (text: string) =>
      db.prepare('SELECT rowid FROM calls_text WHERE calls_text MATCH ? ORDER BY rowid').pluck().all(trigramQuery(text));
    expect(hits('Paris')).toEqual([]);
    expect(hits('PARIS')).toEqual([upper]);

    expect(migrate(db, 14)).toEqual({ ok: true, from: 13, to: 14 });
    expect(db.prepare('SELECT indexed_up_to FROM text_index_state').pluck().get()).toBe(0);
    expect(hits('PARIS')).toEqual([]);
    const found = (text: string) =>
      repositoryAtLatest(db)
        .list({ text })
        .calls.map((c) => c.id);
    // Not indexed yet: found by a scan of the bodies.
    expect(found('Paris')).toEqual([lower, upper]);
    expect(new TextIndexer(db).catchUp()).toBe(2);
    expect(hits('Paris')).toEqual([upper, lower]);
    expect(hits('ZÜRICH')).toEqual([upper, lower]);
    expect(found('Paris')).toEqual([lower, upper]);
    expect(found('zürich')).toEqual([lower, upper]);
    // The triggers that name the index still work on the new one: a rewritten body is indexed as it reads.
    db.prepare('UPDATE calls SET request_body = ? WHERE id = ?').run(Buffer.from('{"city":"Lyon"}'), lower);
    expect(hits('LYON')).toEqual([lower]);
    expect(found('paris')).toEqual([upper]);
    db.close();
  });

  it("14 -> 15 gives each route a shared `{action_name}` target's calls reached the record as it stood, and drops the shared one", () => {
    const db = tempDb();
    migrate(db, 14);
    const insert = db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms, handler_signature, handler_target) VALUES (1, 'POST', '/actions/a', ?, 0, '[]', x'7b7d', 2, 'valid', '{}', 'forward', 200, '[]', x'', 1, 'accepted', ?)",
    );
    const shared = 'http://127.0.0.1:8000/actions/{action_name}';
    for (const action of ['greet', 'greet', 'lookup']) insert.run(action, shared);
    insert.run('direct', 'http://localhost:8000/actions/direct');
    const record = (target: string, knowledge: object) =>
      db.prepare('INSERT INTO handlers (target, knowledge, updated_at) VALUES (?, ?, 7)').run(target, JSON.stringify(knowledge));
    const sharedKnowledge = { accepted: 3, refused: 1, styles: {}, acceptedUnverified: 0, refusedUnverified: 0 };
    record('http://localhost:8000/actions/%7Baction_name%7D', sharedKnowledge);
    // A route with a record of its own (calls sent to its URL directly): it keeps that one.
    const ownKnowledge = { accepted: 1, refused: 0, styles: {}, acceptedUnverified: 0, refusedUnverified: 0 };
    record('http://localhost:8000/actions/lookup', ownKnowledge);
    record('http://localhost:8000/actions/direct', ownKnowledge);

    expect(migrate(db, 15)).toEqual({ ok: true, from: 14, to: 15 });
    const records = db.prepare('SELECT target, knowledge, updated_at FROM handlers ORDER BY target').all();
    expect(records).toEqual([
      { target: 'http://localhost:8000/actions/direct', knowledge: JSON.stringify(ownKnowledge), updated_at: 7 },
      { target: 'http://localhost:8000/actions/greet', knowledge: JSON.stringify(sharedKnowledge), updated_at: 7 },
      { target: 'http://localhost:8000/actions/lookup', knowledge: JSON.stringify(ownKnowledge), updated_at: 7 },
    ]);
    db.close();
  });

  it('16 -> 17 keeps what handlers taught per key, what was known before under no key', () => {
    const db = tempDb();
    migrate(db, 16);
    const knowledge = JSON.stringify({ accepted: 3, refused: 1, styles: {}, acceptedUnverified: 0, refusedUnverified: 0 });
    db.prepare('INSERT INTO handlers (target, knowledge, updated_at) VALUES (?, ?, 7)').run(
      'http://localhost:8000/actions/greet',
      knowledge,
    );
    expect(migrate(db, 17)).toEqual({ ok: true, from: 16, to: 17 });
    expect(db.prepare('SELECT * FROM handlers').all()).toEqual([
      { target: 'http://localhost:8000/actions/greet', key_fingerprint: '', knowledge, updated_at: 7 },
    ]);
    // One record per handler and key.
    const insert = db.prepare("INSERT INTO handlers (target, key_fingerprint, knowledge, updated_at) VALUES ('t', ?, '{}', 1)");
    insert.run('0123456789abcdef');
    insert.run('fedcba9876543210');
    expect(() => insert.run('0123456789abcdef')).toThrow(/UNIQUE/);
    db.close();
  });

  it('17 -> 18 marks the calls spoiled on purpose before, by their signature, and the verdict filter still finds them', () => {
    const db = tempDb();
    migrate(db, 17);
    const key = 'migration-key';
    const payload = '{"action_name":"a","parameters":{"city":"Zürich"},"timestamp":1700000000}';
    const signed = Buffer.from(sign(payload, key, 'python').body, 'utf8');
    const spoiled = spoilSignature(signed);
    const otherKey = Buffer.from(sign(payload, 'another-key', 'python').body, 'utf8');
    const packed = (body: Buffer) => packReport(verify(body, key, { receivedAt: 1700000000_000 }));
    // A report stored whole, as before packing: its digests are under styles[].expected.
    const whole = (body: Buffer) => JSON.stringify(verify(body, key, { receivedAt: 1700000000_000 }));
    const insert = db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms, source) VALUES (1, 'POST', '/actions/a', 'a', 0, '[]', ?, 0, ?, ?, 'forward', 401, '[]', x'', 1, ?)",
    );
    const add = (body: Buffer, report: string, source: string) =>
      Number(insert.run(body, JSON.parse(report).verdict as string, report, source).lastInsertRowid);
    const simulated = add(spoiled, packed(spoiled), 'simulator');
    const probed = add(spoiled, packed(spoiled), 'replay');
    const storedWhole = add(spoiled, whole(spoiled), 'simulator');
    const wrongKey = add(otherKey, packed(otherKey), 'simulator');
    const flowents = add(spoiled, packed(spoiled), 'flowent');
    const valid = add(signed, packed(signed), 'simulator');

    expect(migrate(db, 18)).toEqual({ ok: true, from: 17, to: 18 });
    const marked = db.prepare('SELECT id FROM calls WHERE spoiled_signature = 1 ORDER BY id').pluck().all();
    expect(marked).toEqual([simulated, probed, storedWhole]);
    const calls = repositoryAtLatest(db);
    const invalid = calls.list({ verdict: 'invalid' }).calls.map((call) => [call.id, call.spoiledSignature]);
    expect(invalid).toEqual([
      [flowents, false],
      [wrongKey, false],
      [storedWhole, true],
      [probed, true],
      [simulated, true],
    ]);
    expect(calls.list({ verdict: 'valid' }).calls.map((call) => [call.id, call.spoiledSignature])).toEqual([[valid, false]]);
    expect(calls.get(simulated)).toMatchObject({ verdict: 'invalid', spoiledSignature: true });
    expect(() => db.prepare('UPDATE calls SET spoiled_signature = 2 WHERE id = ?').run(valid)).toThrow(/CHECK/);
    db.close();
  });

  it('18 -> 19 gives calls the key they were checked with, null for the calls stored before, without rewriting them', () => {
    const db = tempDb();
    migrate(db, 18);
    db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms, handler_signature, handler_target) VALUES (1, 'POST', '/actions/a', 'a', 0, '[]', x'7b7d', 2, 'valid', '{}', 'forward', 401, '[]', x'', 1.5, 'refused', 'http://localhost:8000/actions/{action_name}')",
    ).run();
    const changesBefore = db.prepare('SELECT total_changes()').pluck().get() as number;
    expect(migrate(db, 19)).toEqual({ ok: true, from: 18, to: 19 });
    // A column added, no row written: a history of millions of calls opens as fast.
    expect(db.prepare('SELECT total_changes()').pluck().get()).toBe(changesBefore);

    const repository = repositoryAtLatest(db);
    expect(repository.get(1)).toMatchObject({ handlerSignature: 'refused', keyFingerprint: null });
    const id = repository.insert(storedCall({ keyFingerprint: '0123456789abcdef' }));
    expect(repository.get(id)?.keyFingerprint).toBe('0123456789abcdef');
    db.close();
  });

  it('19 -> 20 gives calls the style the companion signed them with, null for the calls stored before, without rewriting them', () => {
    const db = tempDb();
    migrate(db, 19);
    db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, style, signature_report, answered_by, response_status, response_headers, response_body, duration_ms, source) VALUES (1, 'POST', '/actions/a', 'a', 0, '[]', x'7b7d', 2, 'valid', 'go', '{}', 'forward', 200, '[]', x'', 1.5, 'simulator')",
    ).run();
    const changesBefore = db.prepare('SELECT total_changes()').pluck().get() as number;
    expect(migrate(db, 20)).toEqual({ ok: true, from: 19, to: 20 });
    expect(db.prepare('SELECT total_changes()').pluck().get()).toBe(changesBefore);

    const repository = repositoryAtLatest(db);
    expect(repository.get(1)).toMatchObject({ style: 'go', signedStyle: null });
    const id = repository.insert(storedCall({ source: 'simulator', signedStyle: 'raw' }));
    expect(repository.get(id)?.signedStyle).toBe('raw');
    db.close();
  });

  it('20 -> 21 judges registration checks answered 2xx by their status and time alone: body findings dropped, counts follow', () => {
    const db = tempDb();
    migrate(db, 20);
    const insert = db.prepare(
      "INSERT INTO calls (received_at, method, path, action, is_test, request_headers, request_body, body_size, verdict, signature_report, answered_by, response_status, response_headers, response_body, duration_ms, source, violations, failed) VALUES (1, 'POST', '/actions/a', 'a', ?, '[]', x'7b7d', 2, 'valid', '{}', 'forward', ?, '[]', x'', ?, 'flowent', ?, 1)",
    );
    const finding = (code: string) => ({ code, message: `${code} said` });
    const rows: [isTest: number, status: number, durationMs: number, codes: string[]][] = [
      [1, 200, 5, ['not-json']],
      [1, 204, 31_000, ['too-slow', 'result-missing']],
      [0, 200, 5, ['not-json']],
      [1, 500, 5, ['not-2xx', 'not-json']],
    ];
    for (const [isTest, status, durationMs, codes] of rows) insert.run(isTest, status, durationMs, JSON.stringify(codes.map(finding)));
    expect(db.prepare("SELECT failures FROM call_counts WHERE action = 'a'").pluck().get()).toBe(4);

    expect(migrate(db, 21)).toEqual({ ok: true, from: 20, to: 21 });
    const repository = new CallsRepository(db);
    const codesOf = (id: number) => repository.get(id)?.violations.map((violation) => violation.code);
    // The check answered 200 with a body that is not JSON registers the action: no finding, no failure.
    expect(codesOf(1)).toEqual([]);
    expect(db.prepare('SELECT violations, failed FROM calls WHERE id = 1').get()).toEqual({ violations: null, failed: 0 });
    // Its time still counts: Flowent gives up on a check after 30 s.
    expect(codesOf(2)).toEqual(['too-slow']);
    // A call of the flow, and a check answered 500, are judged as before.
    expect(codesOf(3)).toEqual(['not-json']);
    expect(codesOf(4)).toEqual(['not-2xx', 'not-json']);
    expect(db.prepare('SELECT id FROM calls WHERE failed = 1 ORDER BY id').pluck().all()).toEqual([2, 3, 4]);
    expect(db.prepare("SELECT failures FROM call_counts WHERE action = 'a'").pluck().get()).toBe(3);
    expect(repository.stats({}).failures).toBe(3);
    db.close();
  });

  it('running again changes nothing', () => {
    const db = tempDb();
    migrate(db);
    const before = tables(db);
    expect(migrate(db)).toEqual({ ok: true, from: LATEST_VERSION, to: LATEST_VERSION });
    expect(tables(db)).toEqual(before);
  });

  it('refuses a history written by a newer version, saying what to do', () => {
    const db = tempDb();
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    const outcome = migrate(db);
    expect(outcome.ok).toBe(false);
    expect(outcome).toMatchObject({ ok: false, code: 'schema-too-new', found: LATEST_VERSION + 1, known: LATEST_VERSION });
    if (!outcome.ok) expect(startInCliWords(outcome)).toMatch(/newer Flowent Companion.*--data-dir/s);
  });
});

describe('openStore', () => {
  it('opens in WAL mode and creates the folder', () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const opened = openStore({ dataDir: join(dir.path, 'nested', 'data') });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const db = new Database(opened.value.file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    opened.value.close();
  });

  it('explains a file that is not a history database', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir.path, 'history.sqlite'), 'this is not sqlite, just text that is long enough to have a header'.repeat(20));
    const opened = openStore({ dataDir: dir.path });
    expect(opened.ok).toBe(false);
    if (!opened.ok) {
      expect(opened.code).toBe('database-damaged');
      expect(startInCliWords(opened)).toMatch(/Move it aside/);
    }
  });

  it('explains a data folder path that is a file', async () => {
    const dir = makeTempDir();
    dirs.push(dir);
    const { writeFileSync } = await import('node:fs');
    const file = join(dir.path, 'a-file');
    writeFileSync(file, 'x');
    const opened = openStore({ dataDir: file });
    expect(opened.ok).toBe(false);
    if (!opened.ok) {
      expect(opened.code).toBe('data-dir-unusable');
      expect(opened).toMatchObject({ dir: file });
      expect(startInCliWords(opened)).toContain(file);
    }
  });
});
