import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallsRepository } from '../../../main/core/store/calls-repository';
import { SettingsRepository } from '../../../main/core/store/settings-repository';
import {
  keyFingerprint,
  LEARNED_STYLE_SETTINGS_SCOPE,
  pickStyle,
  StyleLearner,
  upgradeKeptTally,
} from '../../../main/core/replay/learned-style';
import { KEY, startWorld, type ReplayWorld } from './harness';

let world: ReplayWorld;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

/** What the history teaches about `key`, on a second connection to the core's history. */
function learned(key = KEY) {
  return new StyleLearner(
    () => world.store.calls,
    () => world.store.settings.scope(LEARNED_STYLE_SETTINGS_SCOPE),
  ).learnedStyle(key);
}

const tally = () => world.store.settings.scope(LEARNED_STYLE_SETTINGS_SCOPE).read<unknown>(keyFingerprint(KEY), null);

describe('learned signing style', () => {
  it('falls back to python before any call', () => {
    expect(learned()).toEqual({ style: 'python', fromCalls: 0, discriminatingCalls: 0, decided: false, contrary: [] });
  });

  it('plain ASCII calls with sorted keys do not decide: every style matches them', async () => {
    for (let i = 0; i < 3; i++) await world.send('ok', { a: 'plain', b: i }, 'go');
    expect(learned()).toMatchObject({ style: 'python', fromCalls: 3, discriminatingCalls: 0, decided: false });
  });

  it.each([
    ['non-ASCII text', { name: 'Renée' }],
    ['<>& characters', { html: '<b>Tom & Jerry</b>' }],
    ['unsorted keys', { zebra: 1, apple: 2 }],
  ])('a Go-signed call with %s decides for go', async (_what, parameters) => {
    for (let i = 0; i < 3; i++) await world.send('ok', { a: 'plain', b: i }, 'go');
    // Sent as written (unsorted, raw UTF-8), signed over Go's serialization, as a Go server would.
    await world.sendAsWritten('ok', parameters, 'go');
    expect(learned()).toMatchObject({ style: 'go', fromCalls: 4, discriminatingCalls: 1, decided: true });
  });

  it('a Python-signed call with non-ASCII text decides for python, even though the engine reported python all along', async () => {
    await world.send('ok', { a: 1 }, 'go');
    await world.send('ok', { name: 'Müller', z: 1, a: 2 }, 'python');
    expect(learned()).toMatchObject({ style: 'python', decided: true, discriminatingCalls: 1 });
  });

  it('is kept per key fingerprint in settings, never the key; other keys learn nothing from these calls', async () => {
    await world.send('ok', { name: 'Renée' }, 'go');
    learned();
    const stored = JSON.stringify(tally());
    expect(stored).toContain('"matchedSets"');
    expect(stored).not.toContain(KEY);
    expect(keyFingerprint(KEY)).toMatch(/^[0-9a-f]{16}$/);
    expect(learned('another-key')).toMatchObject({ fromCalls: 0, style: 'python' });
  });

  it('counts each call once: a look catches up on the calls stored since the last', async () => {
    await world.send('ok', { name: 'Renée' }, 'go');
    await world.send('ok', { name: 'Zoë' }, 'go');
    expect(learned()).toMatchObject({ style: 'go', fromCalls: 2 });
    expect(learned()).toMatchObject({ style: 'go', fromCalls: 2 });
    await world.send('ok', { name: 'Chloé' }, 'go');
    expect(learned()).toMatchObject({ style: 'go', fromCalls: 3 });
  });

  it('counts at most the newest calls of a window since the last look, however many were stored meanwhile', async () => {
    await world.send('ok', { name: 'Renée' }, 'go');
    await world.send('ok', { name: 'Zoë' }, 'go');
    expect(learned()).toMatchObject({ style: 'go', fromCalls: 2 });
    for (let i = 0; i < 5; i++) await world.send('ok', { name: `Chloé ${i}` }, 'go');
    // A command that only reads, after a serve stored many calls nobody looked at: each of its looks counts 3, not 5.
    const readOnly = new StyleLearner(
      () => world.store.calls,
      () => world.store.settings.scope(LEARNED_STYLE_SETTINGS_SCOPE),
      false,
      3,
    );
    expect(readOnly.learnedStyle(KEY)).toMatchObject({ style: 'go', fromCalls: 5 });
    expect(readOnly.learnedStyle(KEY)).toMatchObject({ style: 'go', fromCalls: 5 });
  });

  it('learns a damaged tally again from the history', async () => {
    await world.send('ok', { a: 'plain', b: 1 }, 'go');
    await world.send('ok', { name: 'Renée' }, 'go');
    learned();
    const before = tally();
    world.store.settings.scope(LEARNED_STYLE_SETTINGS_SCOPE).write(keyFingerprint(KEY), 'damaged');
    expect(learned()).toMatchObject({ style: 'go', fromCalls: 2 });
    expect(tally()).toEqual(before);
    expect(Object.values((before as { matchedSets: Record<string, number> }).matchedSets)).toEqual([1, 1]);
  });

  it('replays and simulated calls (signed by us) do not teach it anything', async () => {
    const id = await world.send('ok', { name: 'Renée' }, 'go');
    await world.api.replay(id, { mode: 'resign', style: 'python' });
    await world.api.replay(id, { mode: 'resign', style: 'python' });
    expect(learned()).toMatchObject({ style: 'go', fromCalls: 1 });
  });

  it('keeps the style most calls match, ties in the engine order, and names the calls it does not match', () => {
    expect(pickStyle({ matchedSets: { 'python raw': 2, 'go raw': 2 } })).toMatchObject({
      style: 'raw',
      fromCalls: 4,
      contrary: [],
    });
    expect(pickStyle({ matchedSets: { 'python raw': 2, 'go raw': 1, go: 1 } })).toMatchObject({
      style: 'raw',
      contrary: [{ style: 'go', calls: 1 }],
    });
    expect(pickStyle({ matchedSets: { python: 2, go: 2, raw: 1, 'go-struct raw': 2 } })).toMatchObject({
      style: 'raw',
      fromCalls: 3,
      contrary: [
        { style: 'python', calls: 2 },
        { style: 'go', calls: 2 },
      ],
    });
  });

  it('counts a tally of version 1 (calls per style, no sets) again from the history', async () => {
    await world.send('ok', { name: 'Renée' }, 'go');
    world.store.settings
      .scope(LEARNED_STYLE_SETTINGS_SCOPE)
      .write(keyFingerprint(KEY), { version: 1, lastId: 1, calls: 1, matched: { python: 9 }, discriminating: { python: 9 } });
    expect(learned()).toMatchObject({ style: 'go', fromCalls: 1, contrary: [] });
    expect(tally()).toMatchObject({ version: 2 });
  });

  it('saves a tally of version 1 in the current form even when no call is left to count: kept, it was counted again at every look', () => {
    world.store.settings.scope(LEARNED_STYLE_SETTINGS_SCOPE).write(keyFingerprint(KEY), { version: 1, lastId: 0, calls: 0, matched: {} });
    upgradeKeptTally(world.store, KEY, (error) => {
      throw error;
    });
    expect(tally()).toEqual({ version: 2, lastId: 0, matchedSets: {} });
  });

  it("a writer's opening leaves a tally in the current form, and none, for the next look", async () => {
    await world.send('ok', { name: 'Renée' }, 'go');
    upgradeKeptTally(world.store, KEY, (error) => {
      throw error;
    });
    expect(tally()).toBeNull();
    learned();
    const kept = tally();
    await world.send('ok', { name: 'Zoë' }, 'go');
    upgradeKeptTally(world.store, KEY, (error) => {
      throw error;
    });
    expect(tally()).toEqual(kept);
  });

  it('an opening that cannot save the tally counted again says why and goes on', async () => {
    await world.send('ok', { name: 'Renée' }, 'go');
    world.store.settings.scope(LEARNED_STYLE_SETTINGS_SCOPE).write(keyFingerprint(KEY), { version: 1, lastId: 1, calls: 1, matched: {} });
    // A connection that cannot write, as a disk that refuses the write leaves one.
    const reader = new Database(world.store.file, { readonly: true });
    try {
      const failures: unknown[] = [];
      upgradeKeptTally({ calls: new CallsRepository(reader), settings: new SettingsRepository(reader) }, KEY, (error) =>
        failures.push(error),
      );
      expect(failures).toEqual([expect.objectContaining({ code: 'SQLITE_READONLY' })]);
    } finally {
      reader.close();
    }
    expect(tally()).toMatchObject({ version: 1 });
  });
});
