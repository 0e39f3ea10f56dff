import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { emptyKnowledge } from '../../../main/core/handler-check';
import { STYLES } from '../../../main/core/signature';
import { storesClosedAfterEach } from '../../helpers/stores-closed-after-each';

const { open, freshDir } = storesClosedAfterEach();

const TARGET = 'http://localhost:8000/actions/%7Baction_name%7D';

describe('what handlers taught, in the history', () => {
  it('adds outcomes per handler, kept across a reopen and shared by two connections', async () => {
    const dataDir = freshDir();
    const first = open(dataDir);
    const second = open(dataDir);
    first.handlers.record(TARGET, { handler: 'accepted', validIn: ['python', 'raw'] });
    second.handlers.record(TARGET, { handler: 'refused', validIn: ['go', 'raw'] });
    first.handlers.record(TARGET, { handler: 'accepted', validIn: [] });
    second.handlers.record('http://localhost:9000/hook', { handler: 'refused', validIn: [] });
    expect(first.handlers.read(TARGET)).toEqual({
      accepted: 1,
      refused: 1,
      acceptedUnverified: 1,
      refusedUnverified: 0,
      styles: { python: { accepted: 1, refused: 0 }, raw: { accepted: 1, refused: 1 }, go: { accepted: 0, refused: 1 } },
    });
    await first.close();
    expect(open(dataDir).handlers.read('http://localhost:9000/hook').refusedUnverified).toBe(1);
    expect(second.handlers.read('http://localhost:1/none')).toEqual(emptyKnowledge());
  });

  it('a probe adds to what was known, and replaces it when the two contradict each other', () => {
    const store = open(freshDir());
    store.handlers.record(TARGET, { handler: 'refused', validIn: ['go'] });
    // Accepted on bytes every style shares, the wrong signature refused: both can be true.
    store.handlers.recordProbe(TARGET, [
      { handler: 'accepted', validIn: ['python', 'go'] },
      { handler: 'refused', validIn: [] },
    ]);
    expect(store.handlers.read(TARGET)).toMatchObject({
      accepted: 1,
      refused: 1,
      refusedUnverified: 1,
      styles: { go: { accepted: 1, refused: 1 } },
    });
    // Now it accepts go, which it refused: the handler changed, and only the probe still holds.
    store.handlers.recordProbe(TARGET, [{ handler: 'accepted', validIn: ['go'] }]);
    expect(store.handlers.read(TARGET)).toEqual({
      accepted: 1,
      refused: 0,
      acceptedUnverified: 0,
      refusedUnverified: 0,
      styles: { go: { accepted: 1, refused: 0 } },
    });
  });

  it('keeps the rejected calls every style signs alike, and reads a record stored before they were kept', () => {
    const dataDir = freshDir();
    const store = open(dataDir);
    const db = new Database(join(dataDir, 'history.sqlite'));
    store.handlers.record(TARGET, { handler: 'accepted', validIn: ['python'] });
    // Before: no refusedAlike member. Read as none.
    expect(store.handlers.read(TARGET)).toEqual({ ...emptyKnowledge(), accepted: 1, styles: { python: { accepted: 1, refused: 0 } } });
    store.handlers.record(TARGET, { handler: 'refused', validIn: STYLES.map((style) => style.name) });
    expect(store.handlers.read(TARGET)).toMatchObject({
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
    store.handlers.record(TARGET, { handler: 'accepted', validIn: ['python'] });
    // Another program's writes, as a second connection to the file makes them.
    const db = new Database(join(dataDir, 'history.sqlite'));
    const unknownStyle =
      '{"accepted":1,"refused":0,"acceptedUnverified":0,"refusedUnverified":0,"styles":{"nope":{"accepted":1,"refused":0}}}';
    for (const damaged of ['not json', '{"accepted":-1}', unknownStyle]) {
      db.prepare('UPDATE handlers SET knowledge = ? WHERE target = ?').run(damaged, TARGET);
      expect(store.handlers.read(TARGET)).toEqual(emptyKnowledge());
    }
    db.close();
    store.handlers.record(TARGET, { handler: 'refused', validIn: ['go'] });
    expect(store.handlers.read(TARGET)).toMatchObject({ accepted: 0, refused: 1 });
  });
});
