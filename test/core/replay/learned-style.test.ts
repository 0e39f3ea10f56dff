import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../../main/core/replay';
import { pickStyle } from '../../../main/core/replay/learned-style';
import { stylesComputed } from '../../../main/core/signature';
import { KEY, startWorld, type ReplayWorld } from './harness';

let world: ReplayWorld;
beforeEach(async () => {
  world = await startWorld();
});
afterEach(async () => {
  await world.close();
});

describe('learned signing style', () => {
  it('falls back to python before any call', () => {
    expect(world.api.learnedStyle()).toEqual({ style: 'python', fromCalls: 0, discriminatingCalls: 0, decided: false });
  });

  it('plain ASCII calls with sorted keys do not decide: every style matches them', async () => {
    for (let i = 0; i < 3; i++) await world.send('ok', { a: 'plain', b: i }, 'go');
    expect(world.api.learnedStyle()).toMatchObject({ style: 'python', fromCalls: 3, discriminatingCalls: 0, decided: false });
  });

  it.each([
    ['non-ASCII text', { name: 'Renée' }],
    ['<>& characters', { html: '<b>Tom & Jerry</b>' }],
    ['unsorted keys', { zebra: 1, apple: 2 }],
  ])('a Go-signed call with %s decides for go', async (_what, parameters) => {
    for (let i = 0; i < 3; i++) await world.send('ok', { a: 'plain', b: i }, 'go');
    // Sent as written (unsorted, raw UTF-8), signed over Go's serialization, as a Go server would.
    await world.sendAsWritten('ok', parameters, 'go');
    expect(world.api.learnedStyle()).toMatchObject({ style: 'go', fromCalls: 4, discriminatingCalls: 1, decided: true });
  });

  it('a Python-signed call with non-ASCII text decides for python, even though the engine reported python all along', async () => {
    await world.send('ok', { a: 1 }, 'go');
    await world.send('ok', { name: 'Müller', z: 1, a: 2 }, 'python');
    expect(world.api.learnedStyle()).toMatchObject({ style: 'python', decided: true, discriminatingCalls: 1 });
  });

  it('is kept per key fingerprint in settings, never the key; other keys learn nothing from these calls', async () => {
    await world.send('ok', { name: 'Renée' }, 'go');
    world.api.learnedStyle();
    const stored = world.store.calls.getSetting(`learned-style:${keyFingerprint(KEY)}`);
    expect(stored).not.toBeNull();
    expect(stored).not.toContain(KEY);
    expect(keyFingerprint(KEY)).toMatch(/^[0-9a-f]{16}$/);
    expect(world.api.learnedStyle('another-key')).toMatchObject({ fromCalls: 0, style: 'python' });
  });

  it('the webhook hook and the history scan never count a call twice', async () => {
    const first = await world.send('ok', { name: 'Renée' }, 'go');
    const report = world.store.calls.get(first)!.signature;
    world.api.recordValidCall(report, KEY, first);
    world.api.recordValidCall(report, KEY, first);
    const second = await world.send('ok', { name: 'Zoë' }, 'go');
    world.api.recordValidCall(world.store.calls.get(second)!.signature, KEY, second);
    expect(world.api.learnedStyle()).toMatchObject({ style: 'go', fromCalls: 2 });
    // A call stored without the hook is picked up by the next look.
    await world.send('ok', { name: 'Chloé' }, 'go');
    expect(world.api.learnedStyle()).toMatchObject({ style: 'go', fromCalls: 3 });
  });

  it('leaves a report checked only up to its first match to the scan, which verifies the body in every style', async () => {
    const id = await world.send('ok', { a: 'plain', b: 1 }, 'go');
    const report = world.store.calls.get(id)!.signature;
    // The answer path stopped at python, the first style: it cannot tell which others matched too.
    expect(stylesComputed(report)).toBe(1);
    const tally = () => JSON.parse(world.store.calls.getSetting(`learned-style:${keyFingerprint(KEY)}`) ?? 'null') as unknown;
    world.api.recordValidCall(report, KEY, id);
    world.api.learnedStyle();
    const hooked = tally();
    // Learned again from nothing, by the scan alone.
    world.store.calls.setSetting(`learned-style:${keyFingerprint(KEY)}`, '');
    world.api.learnedStyle();
    expect(hooked).toEqual(tally());
    expect((hooked as { matched: Record<string, number> }).matched.go).toBe(1);
  });

  it('replays and simulated calls (signed by us) do not teach it anything', async () => {
    const id = await world.send('ok', { name: 'Renée' }, 'go');
    await world.api.replay(id, { mode: 'resign', style: 'python' });
    await world.api.replay(id, { mode: 'resign', style: 'python' });
    expect(world.api.learnedStyle()).toMatchObject({ style: 'go', fromCalls: 1 });
  });

  it('ties on calls are broken by the calls where styles disagreed', () => {
    expect(pickStyle({ matched: { python: 5, go: 5 }, discriminating: { go: 1 } })).toMatchObject({
      style: 'go',
      fromCalls: 5,
      discriminatingCalls: 1,
    });
    expect(pickStyle({ matched: { python: 5, go: 6 }, discriminating: { python: 4 } })).toMatchObject({ style: 'go' });
  });
});
