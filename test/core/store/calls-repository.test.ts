import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeUnicodeEscapes, type CallQuery, type CallSource, type SignatureReport, type Verdict } from '../../../main/contract/api';
import { openStore, type Store } from '../../../main/core/store/open-store';
import { CallsRepository } from '../../../main/core/store/calls-repository';
import { summaryOf, type NewCall } from '../../../main/core/store/calls-insert';
import { recording, type StatementRun } from '../../helpers/recording-db';
import { makeTempDir } from '../../helpers/temp-dir';
import { storedCall } from '../../helpers/new-call';

let store: Store;
let dir: { path: string; remove: () => void };

beforeEach(() => {
  dir = makeTempDir();
  const opened = openStore({ dataDir: dir.path });
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  store = opened.value;
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

/** JSON as Python's json.dumps writes it by default: every character past ASCII as \\u escapes (UTF-16 units). */
const asciiEscaped = (json: string) => json.replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);

function report(verdict: Verdict): SignatureReport {
  return {
    verdict,
    style: verdict === 'valid' ? 'python' : null,
    received: null,
    styles: [{ style: 'python', label: 'Python', expected: 'ab', matched: verdict === 'valid', canonical: 'SHOULD NOT BE STORED' }],
    diagnosis: [],
    timestamp: { value: 1, ageSeconds: 0, flag: 'ok' },
  };
}

function call(overrides: Partial<NewCall> = {}): NewCall {
  return storedCall({
    requestBody: Buffer.from('{"action_name":"send_email","parameters":{"q":"needle 100%"}}'),
    bodySize: 61,
    signature: report('valid'),
    response: { status: 200, headers: [['Content-Type', 'application/json']], body: Buffer.from('{"result":"ok","error":""}') },
    durationMs: 1.25,
    ...overrides,
  });
}

describe('CallsRepository', () => {
  it('stores a call with its raw bytes and reads it back', () => {
    const body = Buffer.from([0x7b, 0xff, 0x7d]);
    const id = store.calls.insert(
      call({
        requestBody: body,
        requestHeaders: [
          ['X-Odd-Case', 'v'],
          ['x-odd-case', 'w'],
        ],
      }),
    );
    const stored = store.calls.get(id);
    expect(stored?.requestBody.equals(body)).toBe(true);
    expect(stored?.requestHeaders).toEqual([
      ['X-Odd-Case', 'v'],
      ['x-odd-case', 'w'],
    ]);
    expect(stored?.response.body.toString()).toBe('{"result":"ok","error":""}');
    expect(stored?.signature.styles[0]).not.toHaveProperty('canonical');
    expect(store.calls.get(id + 1)).toBeNull();
  });

  it("gives a failed signature's cause on the history line, as stored, as listed and as told live", () => {
    const cause = { code: 'body-reformatted', message: 'The body has whitespace between tokens.', hint: 'Forward it byte for byte.' };
    const old = { code: 'timestamp-old', message: "The call's timestamp is 400 s old.", hint: 'Check the clock.' };
    const failed = (verdict: Verdict, diagnosis: SignatureReport['diagnosis']) => call({ signature: { ...report(verdict), diagnosis } });
    const calls = [
      // The timestamp remark comes first here: the cause is still the one said, never the remark.
      failed('invalid', [old, cause]),
      failed('missing', [{ code: 'missing-signature', message: 'The body has no "signature" member.', hint: 'Sign it.' }]),
      failed('no-key', [{ code: 'no-key', message: 'No HMAC key is set.', hint: 'Set it.' }]),
      failed('valid', [old]),
    ];
    const expected = [
      { code: cause.code, message: cause.message },
      { code: 'missing-signature', message: 'The body has no "signature" member.' },
      null,
      null,
    ];
    const ids = calls.map((one) => store.calls.insert(one));
    expect(ids.map((id, i) => summaryOf(calls[i]!, id).signatureDiagnosis)).toEqual(expected);
    expect(ids.map((id) => store.calls.summary(id)?.signatureDiagnosis)).toEqual(expected);
    expect(ids.map((id) => store.calls.get(id)?.signatureDiagnosis)).toEqual(expected);
    expect(store.calls.list({}).calls.map((c) => c.signatureDiagnosis)).toEqual([...expected].reverse());
  });

  it('pages newest first with a cursor', () => {
    const ids = Array.from({ length: 7 }, (_, i) => store.calls.insert(call({ receivedAt: 1000 + i })));
    const first = store.calls.list({ limit: 3 });
    expect(first.calls.map((c) => c.id)).toEqual([ids[6], ids[5], ids[4]]);
    expect(first.nextBeforeId).toBe(ids[4]);
    const second = store.calls.list({ limit: 3, beforeId: first.nextBeforeId ?? undefined });
    expect(second.calls.map((c) => c.id)).toEqual([ids[3], ids[2], ids[1]]);
    const last = store.calls.list({ limit: 3, beforeId: second.nextBeforeId ?? undefined });
    expect(last.calls.map((c) => c.id)).toEqual([ids[0]]);
    expect(last.nextBeforeId).toBeNull();
  });

  it('lists only the calls above afterId, searched by their bodies, indexed or not', () => {
    const body = (text: string) => Buffer.from(JSON.stringify({ action_name: 'send_email', parameters: { q: text } }));
    const ids = store.calls.insert(
      ['order_id 1', 'nothing', 'order_id 2', 'nothing', 'order_id 3'].map((q) => call({ requestBody: body(q) })),
    );
    store.textIndex.catchUp();
    const [more] = store.calls.insert([call({ requestBody: body('order_id 4') })]);
    const listed = (query: CallQuery) => store.calls.list(query).calls.map((c) => c.id);
    expect(listed({ text: 'order_id' })).toEqual([more, ids[4], ids[2], ids[0]]);
    // The calls just told of: which of ids[1..4] and the one not indexed yet match.
    expect(listed({ text: 'order_id', afterId: ids[0]!, beforeId: more! + 1 })).toEqual([more, ids[4], ids[2]]);
    expect(listed({ text: 'order_id', afterId: ids[2]!, beforeId: ids[4]! })).toEqual([]);
    expect(listed({ afterId: ids[3]! })).toEqual([more, ids[4]]);
    expect(listed({ afterId: more! })).toEqual([]);
  });

  it('caps the page size', () => {
    for (let i = 0; i < 3; i++) store.calls.insert(call());
    expect(store.calls.list({ limit: 0 }).calls).toHaveLength(1);
    expect(store.calls.list({ limit: 10_000 }).calls).toHaveLength(3);
  });

  it('filters by action, verdict, status class, test flag, time and text, combined', () => {
    store.calls.insert(call({ action: 'a', receivedAt: 10 }));
    store.calls.insert(call({ action: 'b', signature: report('invalid'), receivedAt: 20 }));
    store.calls.insert(call({ action: 'b', test: true, receivedAt: 30, response: { status: 500, headers: [], body: Buffer.alloc(0) } }));
    store.calls.insert(call({ action: 'b', requestBody: Buffer.from('{"x":"100% _odd_"}'), receivedAt: 40 }));
    const actions = (query: object) => store.calls.list(query).calls.map((c) => `${c.action}@${c.receivedAt}`);
    expect(actions({ action: 'a' })).toEqual(['a@10']);
    expect(actions({ verdict: 'invalid' })).toEqual(['b@20']);
    expect(actions({ statusClass: '5xx' })).toEqual(['b@30']);
    expect(actions({ test: true })).toEqual(['b@30']);
    expect(actions({ test: false, action: 'b' })).toEqual(['b@40', 'b@20']);
    expect(actions({ since: 20, until: 30 })).toEqual(['b@30', 'b@20']);
    // % and _ are literal characters in a search, not wildcards.
    expect(actions({ text: '100% _odd_' })).toEqual(['b@40']);
    expect(actions({ text: '100%_' })).toEqual([]);
  });

  it('searches text as a substring of the body, letter case aside, through the text index or not', () => {
    const bodies = [
      '{"who":"Ada Lovelace","note":"naïve café ☕ tea"}',
      '{"who":"ada lovelace"}',
      '{"q":"say \\"hi\\" AND OR NOT * ^ :"}',
      '{"x":"ab"}',
      '{"who":"ÉMILE ZOLA","city":"ΑΘΗΝΑ"}',
      '{"street":"Μεγάλη οδος"}',
    ];
    const ids = bodies.map((body, i) => store.calls.insert(call({ requestBody: Buffer.from(body), receivedAt: i })));
    const found = (text: string) =>
      store.calls
        .list({ text })
        .calls.map((c) => c.id)
        .reverse();
    // The same answers from a scan (stored, not indexed yet) and from the index (caught up).
    const expectSearches = () => {
      expect(found('Ada Love')).toEqual([ids[0], ids[1]]);
      expect(found('ada love')).toEqual([ids[0], ids[1]]);
      expect(found('LOVELACE')).toEqual([ids[0], ids[1]]);
      // Every trigram the index is asked for ("Ada", "Lov", "ove") is in the body, the text is not.
      expect(found('AdaLove')).toEqual([]);
      expect(found('CAFÉ ☕')).toEqual([ids[0]]);
      // Letters beyond A-Z fold too, in the index and in a scan alike.
      expect(found('émile zola')).toEqual([ids[4]]);
      expect(found('αθηνα')).toEqual([ids[4]]);
      // A final sigma is the capital's letter as much as σ is.
      expect(found('ΟΔΟΣ')).toEqual([ids[5]]);
      expect(found('οδοσ')).toEqual([ids[5]]);
      expect(found('Naïve')).toEqual([ids[0]]);
      // Query syntax typed by the user is text to find, not syntax.
      expect(found('\\"hi\\" AND OR NOT * ^ :')).toEqual([ids[2]]);
      expect(found('" OR "')).toEqual([]);
      // Shorter than a trigram: answered by a scan, same meaning.
      expect(found('ab')).toEqual([ids[3]]);
      expect(found('AB')).toEqual([ids[3]]);
      expect(found('é')).toEqual([ids[0], ids[4]]);
      expect(found('☕')).toEqual([ids[0]]);
      expect(found('')).toEqual(ids);
      // Searching combines with the other filters, counts and paging.
      expect(store.calls.stats({ text: 'OVELACE' })).toMatchObject({ total: 2, perAction: [{ action: 'send_email', count: 2 }] });
      const first = store.calls.list({ text: '"WHO"', limit: 2 });
      expect(first.calls.map((c) => c.id)).toEqual([ids[4], ids[1]]);
      expect(store.calls.list({ text: '"WHO"', limit: 2, beforeId: first.nextBeforeId ?? undefined }).calls.map((c) => c.id)).toEqual([
        ids[0],
      ]);
      expect(store.calls.list({ text: '"who"', action: 'other' }).calls).toEqual([]);
    };
    expect(store.textIndex.backlog()).toBe(bodies.length);
    expectSearches();
    expect(store.textIndex.catchUp()).toBe(bodies.length);
    expectSearches();
    // Emptied behind the repository's back, the index is not what a history this small is read
    // through: a page reads these few calls' bodies (its hits are dense), and so does a count
    // over so few ids, so both still find them.
    const db = new Database(store.file);
    db.prepare("INSERT INTO calls_text (calls_text) VALUES ('delete-all')").run();
    db.close();
    expect(store.calls.stats({ text: 'Ada Love' }).total).toBe(2);
    expect(found('Ada Love')).toEqual([ids[0], ids[1]]);
    expect(found('ab')).toEqual([ids[3]]);
  });

  it('finds through the text index and the not-yet-indexed calls what a scan of every readable body finds', () => {
    const words = ['alpha', 'beta', 'Gamma', 'delta', '100%', 'x_y', 'ün', '"k":1', 'Zürich', '東京', 'Kraków', '😀 smile'];
    for (let i = 0; i < 300; i++) {
      const text = [words[i % 12], words[(i * 5) % 12], words[(i * 7 + 1) % 12]].join(' ');
      // Every third body is written as Flowent's Python-style signer writes it: non-ASCII as \u escapes.
      const body = JSON.stringify({ n: i, w: text });
      store.calls.insert(call({ requestBody: Buffer.from(i % 3 === 0 ? asciiEscaped(body) : body) }));
      // Part indexed, part not: every search below reads both and joins them.
      if (i === 170) store.textIndex.catchUp();
    }
    const db = new Database(store.file, { readonly: true });
    const bodies = db.prepare('SELECT id, request_body AS body FROM calls ORDER BY id DESC').all() as { id: number; body: Buffer }[];
    db.close();
    const searches = ['alpha beta', 'Gamma', 'gamma', 'GAMMA', 'ta 10', '100% x_y', 'ün "k', '"n":29', 'a', 'A', 'zzz', '"w":"delta'];
    searches.push('Zürich', 'ZÜRICH', 'zürich kraków', '東京', 'KÓW', '😀 smile', '😀 SMILE', '😀', 'ü', 'Ü', '\\u00fc', 'u00fc', 'U00FC');
    // The words' letters all have one lower case that JavaScript and the index agree on.
    const readsAs = (text: string) => text.toLowerCase();
    for (const text of searches) {
      const scanned = bodies
        .filter((row) => readsAs(decodeUnicodeEscapes(row.body.toString('utf8'))).includes(readsAs(text)))
        .map((row) => row.id);
      expect(
        store.calls.list({ text, limit: 500 }).calls.map((c) => c.id),
        text,
      ).toEqual(scanned);
      expect(store.calls.stats({ text }).total, text).toBe(scanned.length);
      // Paged across the boundary between the two: pages of 7 give the same calls in the same order.
      const paged: number[] = [];
      for (let page = store.calls.list({ text, limit: 7 }); ;) {
        paged.push(...page.calls.map((c) => c.id));
        if (page.nextBeforeId === null) break;
        page = store.calls.list({ text, limit: 7, beforeId: page.nextBeforeId });
      }
      expect(paged, text).toEqual(scanned);
    }
    // The escaped bodies are found by what they read as, not only by some of them.
    expect(store.calls.list({ text: 'Zürich', limit: 500 }).calls.length).toBeGreaterThan(20);
  });

  it('says how many times and where each found call matched, in the text as read', () => {
    const id = store.calls.insert(
      call({
        requestBody: Buffer.from(
          '{"id":7,"parameters":{"from":"Z\\u00fcrich","to":"Z\\u00fcrich Hbf","note":"a\\nb"},"x":"' + 'y'.repeat(200) + '"}',
        ),
      }),
    );
    const other = store.calls.insert(call({ requestBody: Buffer.from('{"city":"Zürich"}') }));
    for (const caughtUp of [false, true]) {
      if (caughtUp) store.textIndex.catchUp();
      // Found by its letters in any case, and shown as the body spells it.
      const page = store.calls.list({ text: 'zÜRICH' });
      expect(page.calls.map((c) => [c.id, c.match])).toEqual([
        [other, { count: 1, before: '{"city":"', text: 'Zürich', after: '"}' }],
        [
          id,
          {
            count: 2,
            before: '…7,"parameters":{"from":"',
            text: 'Zürich',
            after: `","to":"Zürich Hbf","note":"a\\nb"},"x":"${'y'.repeat(20)}…`,
          },
        ],
      ]);
    }
    // A list without a search says nothing of matches.
    expect(store.calls.list({}).calls.every((c) => c.match === undefined)).toBe(true);
  });

  it('counts totals, failures and calls per action', () => {
    store.calls.insert(call({ action: 'a' }));
    store.calls.insert(call({ action: 'b', signature: report('invalid') }));
    store.calls.insert(call({ action: 'b', response: { status: 400, headers: [], body: Buffer.alloc(0) } }));
    store.calls.insert(call({ action: null, signature: report('not-flowent') }));
    expect(store.calls.stats({})).toEqual({
      total: 4,
      failures: 3,
      perAction: [
        { action: 'b', count: 2 },
        { action: 'a', count: 1 },
      ],
      countedUpTo: 4,
      nextBeforeId: null,
    });
    expect(store.calls.stats({ action: 'a' })).toEqual({
      total: 1,
      failures: 0,
      perAction: [{ action: 'a', count: 1 }],
      countedUpTo: 4,
      nextBeforeId: null,
    });
  });

  it("stores the contract's failure rule with each call and gives it back in summaries", () => {
    const violation = { code: 'result-not-string', message: 'your handler answered 200 but `result` is a number' };
    const cases: [Partial<NewCall>, boolean][] = [
      [{}, false],
      [{ signature: report('no-key') }, false],
      [{ signature: report('unsigned-test'), test: true }, false],
      [{ signature: report('invalid') }, true],
      [{ signature: report('missing') }, true],
      [{ signature: report('malformed') }, true],
      [{ signature: report('not-flowent') }, true],
      [{ signature: report('no-key'), response: { status: 0, headers: [], body: Buffer.alloc(0) } }, true],
      [{ signature: report('no-key'), response: { status: 302, headers: [], body: Buffer.alloc(0) } }, true],
      [{ signature: report('no-key'), checks: { violations: [violation] } }, true],
    ];
    for (const [overrides, failed] of cases) {
      const newCall = call(overrides);
      const id = store.calls.insert(newCall);
      expect(summaryOf(newCall, id).failed, JSON.stringify(overrides)).toBe(failed);
      expect(store.calls.summary(id)).toEqual(summaryOf(newCall, id));
      expect(store.calls.get(id)?.failed).toBe(failed);
    }
    expect(store.calls.list({}).calls.map((c) => c.failed)).toEqual(cases.map(([, failed]) => failed).reverse());
    expect(store.calls.stats({}).failures).toBe(7);
  });

  it("filters by source, and counts failures over Flowent's own calls only", () => {
    const broken = { signature: report('invalid'), response: { status: 500, headers: [], body: Buffer.alloc(0) } };
    store.calls.insert(call({ action: 'a', ...broken }));
    store.calls.insert(call({ action: 'a' }));
    const replay = store.calls.insert(call({ action: 'a', source: 'replay', ...broken }));
    const simulated = store.calls.insert(call({ action: 'b', source: 'simulator', ...broken }));
    const imported = store.calls.insert(call({ action: 'b', source: 'import', ...broken }));
    expect(store.calls.stats({})).toMatchObject({ total: 5, failures: 1 });
    expect(store.calls.stats({ action: 'b' })).toMatchObject({ total: 2, failures: 0 });
    expect(store.calls.stats({ source: 'flowent' })).toMatchObject({ total: 2, failures: 1 });
    expect(store.calls.stats({ source: 'replay' })).toMatchObject({ total: 1, failures: 0, perAction: [{ action: 'a', count: 1 }] });
    expect(store.calls.list({ source: 'replay' }).calls.map((c) => [c.id, c.failed])).toEqual([[replay, true]]);
    expect(store.calls.list({ source: 'simulator' }).calls.map((c) => c.id)).toEqual([simulated]);
    expect(store.calls.list({ source: 'import', action: 'b' }).calls.map((c) => c.id)).toEqual([imported]);
    expect(store.calls.list({ source: 'flowent' }).calls.map((c) => c.source)).toEqual(['flowent', 'flowent']);
    // Calls imported from a file are Flowent's calls recorded elsewhere: they can be replayed.
    expect(store.calls.selectReplayableIds({}, 10)).toEqual({ ids: [imported, 2, 1], nextBeforeId: null });
  });

  it("lists the calls the header counts as failures, through the filter columns' index", () => {
    const broken = { signature: report('invalid'), response: { status: 500, headers: [], body: Buffer.alloc(0) } };
    const failed = store.calls.insert(call({ action: 'a', ...broken }));
    store.calls.insert(call({ action: 'a' }));
    store.calls.insert(call({ action: 'a', source: 'replay', ...broken }));
    store.calls.insert(call({ action: 'b', source: 'import', ...broken }));
    const alsoFailed = store.calls.insert(call({ action: 'b', signature: report('missing') }));
    // The list of failures holds what the header's failures count, and nothing else.
    expect(store.calls.stats({}).failures).toBe(2);
    expect(store.calls.list({ failures: true }).calls.map((c) => c.id)).toEqual([alsoFailed, failed]);
    expect(store.calls.stats({ failures: true })).toMatchObject({
      total: 2,
      failures: 2,
      perAction: [
        { action: 'a', count: 1 },
        { action: 'b', count: 1 },
      ],
    });
    expect(store.calls.list({ failures: true, action: 'b' }).calls.map((c) => c.id)).toEqual([alsoFailed]);
    expect(store.calls.list({ failures: true, source: 'replay' }).calls).toEqual([]);

    // Read by windows of ids through the index that holds `failed` and `source`, never a scan of rows.
    const runs: StatementRun[] = [];
    const db = recording(new Database(store.file, { readonly: true }), runs);
    try {
      const reader = new CallsRepository(db);
      expect(reader.list({ failures: true }).calls.map((c) => c.id)).toEqual([alsoFailed, failed]);
      reader.stats({ failures: true, perAction: false });
      const filtered = runs.filter((run) => run.sql.includes("failed = 1 AND source = 'flowent'"));
      expect(filtered.length).toBeGreaterThanOrEqual(2);
      for (const run of filtered) {
        const plan = (db.prepare(`EXPLAIN QUERY PLAN ${run.sql}`).all(...run.args) as { detail: string }[])
          .map((step) => step.detail)
          .join(' | ');
        expect(plan).toMatch(/USING (COVERING )?INDEX calls_by_id_filters/);
      }
    } finally {
      db.close();
    }
  });

  it('keeps the unfiltered counts (from triggers) equal to a full count, through inserts and deletes', () => {
    const verdicts: Verdict[] = ['valid', 'invalid', 'missing', 'not-flowent', 'unsigned-test', 'no-key'];
    const sources: CallSource[] = ['flowent', 'flowent', 'replay', 'simulator', 'import'];
    for (let i = 0; i < 60; i++) {
      store.calls.insert(
        call({
          action: i % 7 === 0 ? null : `action_${i % 4}`,
          signature: report(verdicts[i % verdicts.length]!),
          response: { status: [200, 400, 500, 201][i % 4]!, headers: [], body: Buffer.alloc(0) },
          source: sources[i % sources.length]!,
        }),
      );
    }
    // since: 0 matches every call but takes the scanning path: the two must agree.
    const scanned = store.calls.stats({ since: 0 });
    expect(store.calls.stats({})).toEqual(scanned);
    expect(scanned.total).toBe(60);
    // A filter by action alone reads the same totals.
    for (const action of ['action_0', 'action_1', 'action_2', 'action_3', 'none_such']) {
      expect(store.calls.stats({ action }), action).toEqual(store.calls.stats({ action, since: 0 }));
    }
    expect(store.calls.stats({ action: 'action_1' }).total).toBeGreaterThan(0);
    store.calls.clear();
    expect(store.calls.stats({})).toEqual({ total: 0, failures: 0, perAction: [], countedUpTo: 0, nextBeforeId: null });
  });

  it('clears the history and says how many calls went', () => {
    store.calls.insert(call());
    store.calls.insert(call());
    expect(store.calls.clear()).toBe(2);
    expect(store.calls.list({}).calls).toEqual([]);
  });
});
