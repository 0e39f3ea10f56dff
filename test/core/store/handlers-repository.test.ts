import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { emptyKnowledge } from '../../../main/core/handler-check';
import { STYLES } from '../../../main/core/signature';
import type { Store } from '../../../main/core/store/open-store';
import { storesClosedAfterEach } from '../../helpers/stores-closed-after-each';

const { open, freshDir } = storesClosedAfterEach();

const TARGET = 'http://localhost:8000/actions/%7Baction_name%7D';
/** The fingerprint of the key the calls were checked with, as the core names it. */
const KEY_ID = '0123456789abcdef';
const keyed = (store: Store, keyId = KEY_ID) => store.handlers.forKey(() => keyId);

describe('what handlers taught, in the history', () => {
  it('adds outcomes per handler, kept across a reopen and shared by two connections', async () => {
    const dataDir = freshDir();
    const first = open(dataDir);
    const second = open(dataDir);
    keyed(first).record(TARGET, { handler: 'accepted', validIn: ['python', 'raw'] });
    keyed(second).record(TARGET, { handler: 'refused', validIn: ['go', 'raw'] });
    keyed(first).record(TARGET, { handler: 'accepted', validIn: [] });
    keyed(second).record('http://localhost:9000/hook', { handler: 'refused', validIn: [] });
    expect(keyed(first).read(TARGET)).toEqual({
      accepted: 1,
      refused: 1,
      acceptedUnverified: 1,
      refusedUnverified: 0,
      styles: { python: { accepted: 1, refused: 0 }, raw: { accepted: 1, refused: 1 }, go: { accepted: 0, refused: 1 } },
    });
    await first.close();
    expect(keyed(open(dataDir)).read('http://localhost:9000/hook').refusedUnverified).toBe(1);
    expect(keyed(second).read('http://localhost:1/none')).toEqual(emptyKnowledge());
  });

  it('a probe adds to what was known, and replaces it when the two contradict each other', () => {
    const store = open(freshDir());
    keyed(store).record(TARGET, { handler: 'refused', validIn: ['go'] });
    // Accepted on bytes every style shares, the wrong signature refused: both can be true.
    keyed(store).recordProbe(TARGET, [
      { handler: 'accepted', validIn: ['python', 'go'] },
      { handler: 'refused', validIn: [] },
    ]);
    expect(keyed(store).read(TARGET)).toMatchObject({
      accepted: 1,
      refused: 1,
      refusedUnverified: 1,
      styles: { go: { accepted: 1, refused: 1 } },
    });
    // Now it accepts go, which it refused: the handler changed, and only the probe still holds.
    keyed(store).recordProbe(TARGET, [{ handler: 'accepted', validIn: ['go'] }]);
    expect(keyed(store).read(TARGET)).toEqual({
      accepted: 1,
      refused: 0,
      acceptedUnverified: 0,
      refusedUnverified: 0,
      styles: { go: { accepted: 1, refused: 0 } },
    });
  });

  it('a call accepted in styles the handler rejected every one of before: it was fixed, and the record starts again from it', () => {
    const store = open(freshDir());
    keyed(store).record(TARGET, { handler: 'refused', validIn: ['python', 'raw'] });
    keyed(store).record(TARGET, { handler: 'refused', validIn: [] });
    keyed(store).record(TARGET, { handler: 'accepted', validIn: ['python', 'raw'] });
    expect(keyed(store).read(TARGET)).toEqual({
      ...emptyKnowledge(),
      accepted: 1,
      styles: { python: { accepted: 1, refused: 0 }, raw: { accepted: 1, refused: 0 } },
    });
  });

  it('keeps the rejected calls every style signs alike, and reads a record stored before they were kept', () => {
    const dataDir = freshDir();
    const store = open(dataDir);
    const db = new Database(join(dataDir, 'history.sqlite'));
    keyed(store).record(TARGET, { handler: 'accepted', validIn: ['python'] });
    // Before: no refusedAlike member. Read as none.
    expect(keyed(store).read(TARGET)).toEqual({ ...emptyKnowledge(), accepted: 1, styles: { python: { accepted: 1, refused: 0 } } });
    keyed(store).record(TARGET, { handler: 'refused', validIn: STYLES.map((style) => style.name) });
    expect(keyed(store).read(TARGET)).toMatchObject({
      accepted: 1,
      refused: 1,
      refusedAlike: 1,
      styles: { python: { accepted: 1, refused: 0 } },
    });
    const stored = db.prepare('SELECT knowledge FROM handlers WHERE target = ?').get(TARGET) as { knowledge: string };
    expect(JSON.parse(stored.knowledge)).toMatchObject({ refusedAlike: 1 });
    db.close();
  });

  it('a damaged record reads as nothing known, and is started afresh', () => {
    const dataDir = freshDir();
    const store = open(dataDir);
    keyed(store).record(TARGET, { handler: 'accepted', validIn: ['python'] });
    // Another program's writes, as a second connection to the file makes them.
    const db = new Database(join(dataDir, 'history.sqlite'));
    const unknownStyle =
      '{"accepted":1,"refused":0,"acceptedUnverified":0,"refusedUnverified":0,"styles":{"nope":{"accepted":1,"refused":0}}}';
    for (const damaged of ['not json', '{"accepted":-1}', unknownStyle]) {
      db.prepare('UPDATE handlers SET knowledge = ? WHERE target = ?').run(damaged, TARGET);
      expect(keyed(store).read(TARGET)).toEqual(emptyKnowledge());
    }
    db.close();
    keyed(store).record(TARGET, { handler: 'refused', validIn: ['go'] });
    expect(keyed(store).read(TARGET)).toMatchObject({ accepted: 0, refused: 1 });
  });

  it('keeps what a handler taught per key: calls signed with another key leave what the first key taught as it was', () => {
    const store = open(freshDir());
    const first = keyed(store);
    const other = keyed(store, 'fedcba9876543210');
    first.record(TARGET, { handler: 'accepted', validIn: ['as-sent+utf8'] });
    first.record(TARGET, { handler: 'refused', validIn: ['go'] });
    // With another key the handler refuses a call every style signs alike: about that key alone.
    other.record(TARGET, { handler: 'refused', validIn: STYLES.map((style) => style.name) });
    expect(first.read(TARGET)).toEqual({
      ...emptyKnowledge(),
      accepted: 1,
      refused: 1,
      styles: { 'as-sent+utf8': { accepted: 1, refused: 0 }, go: { accepted: 0, refused: 1 } },
    });
    expect(other.read(TARGET)).toMatchObject({ accepted: 0, refused: 1, refusedAlike: 1, styles: {} });
  });

  it('what was learned before keys were kept is read by any key, and taken by the first that records', () => {
    const dataDir = freshDir();
    const store = open(dataDir);
    const db = new Database(join(dataDir, 'history.sqlite'));
    const before = { ...emptyKnowledge(), accepted: 2, styles: { python: { accepted: 2, refused: 0 } } };
    db.prepare("INSERT INTO handlers (target, key_fingerprint, knowledge, updated_at) VALUES (?, '', ?, 1)").run(
      TARGET,
      JSON.stringify(before),
    );
    expect(keyed(store).read(TARGET)).toEqual(before);
    expect(keyed(store, 'fedcba9876543210').read(TARGET)).toEqual(before);
    keyed(store).record(TARGET, { handler: 'accepted', validIn: ['python'] });
    expect(keyed(store).read(TARGET)).toMatchObject({ accepted: 3 });
    expect(keyed(store, 'fedcba9876543210').read(TARGET)).toEqual(emptyKnowledge());
    expect(db.prepare('SELECT key_fingerprint FROM handlers').pluck().all()).toEqual([KEY_ID]);
    db.close();
  });

  it('with no key set, reads what a handler taught last, and keeps what it teaches apart', () => {
    const store = open(freshDir());
    const noKey = store.handlers.forKey(() => null);
    keyed(store, 'fedcba9876543210').record(TARGET, { handler: 'refused', validIn: ['go'] });
    keyed(store).record(TARGET, { handler: 'accepted', validIn: ['python'] });
    expect(noKey.read(TARGET)).toEqual(keyed(store).read(TARGET));
    noKey.record(TARGET, { handler: 'accepted', validIn: [] });
    expect(keyed(store).read(TARGET).acceptedUnverified).toBe(0);
  });

  it("files and reads a stored call's lesson under the key it was checked with, whichever key is set now", () => {
    const store = open(freshDir());
    const now = keyed(store, 'fedcba9876543210');
    expect(now.keyId()).toBe('fedcba9876543210');
    expect(store.handlers.forKey(() => null).keyId()).not.toBe(now.keyId());
    now.recordFor(TARGET, KEY_ID, { handler: 'refused', validIn: ['go'] });
    expect(now.read(TARGET)).toEqual(emptyKnowledge());
    expect(now.readFor(TARGET, KEY_ID)).toEqual(keyed(store).read(TARGET));
    expect(now.readFor(TARGET, KEY_ID)).toMatchObject({ refused: 1, styles: { go: { accepted: 0, refused: 1 } } });
  });
});
