import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { decodeUnicodeEscapes } from '../../../main/contract/api';
import type { Store } from '../../../main/core/store/open-store';
import { call, storePerTest } from './calls-repository-setup';

let store: Store;
storePerTest((opened) => (store = opened));

/** JSON as Python's json.dumps writes it by default: every character past ASCII as \\u escapes (UTF-16 units). */
const asciiEscaped = (json: string) => json.replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);

describe('CallsRepository: searching the text of the bodies', () => {
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
});
