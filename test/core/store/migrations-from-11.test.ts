import { describe, expect, it } from 'vitest';
import { migrate } from '../../../main/core/store/migrations';
import { CallsRepository } from '../../../main/core/store/calls-repository';
import { trigramQuery } from '../../../main/core/store/call-filter-sql';
import { TextIndexer } from '../../../main/core/store/text-index';
import { sign, verify } from '../../../main/core/signature';
import { packReport } from '../../../main/core/signature/stored-report';
import { spoilSignature } from '../../../main/core/replay/spoil-signature';
import { storedCall } from '../../helpers/new-call';
import { unmigratedHistories, tables, repositoryAtLatest } from '../../helpers/unmigrated-history';

const { tempDb } = unmigratedHistories();

describe('migrations from 11', () => {
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
});
