import { describe, expect, it } from 'vitest';
import type { SignatureReport } from '../../../main/contract/api';
import { STYLES, completeReport, stylesComputed, verify } from '../../../main/core/signature';
import { packReport, unpackReport } from '../../../main/core/signature/stored-report';
import { AT, KEY, T, enc, hmac, withSignature } from './helpers';

// Not plain (non-ASCII, HTML characters, keys out of order): the styles give several distinct
// digests, and the sorting ones sign bytes none of the first four does.
const BODY = `{"action_name":"send_email","parameters":{"subject":"Hi <b>é</b>","recipient":"a@b.c"},"timestamp":${T}}`;
const RAW = enc(withSignature(BODY, hmac(KEY, BODY)));
const full = (key: string | null = KEY): SignatureReport => verify(RAW, key, { receivedAt: AT });
/** The report as stored for a call answered on the quick path, read back. */
const storedQuick = (): SignatureReport => unpackReport(packReport(verify(RAW, KEY, { receivedAt: AT, stopAtFirstMatch: true })));

/**
 * The styles after the first four are those of the full report when they sign the same bytes
 * as one of the four (one key, one digest per text: no key is needed), else unknown; this body
 * has both.
 */
function expectAlikeOrUnknown(completed: SignatureReport): void {
  const truth = full();
  // With one key, the same digest means the same signed bytes.
  const digest = (i: number) => truth.styles[i]!.expected;
  const after = completed.styles.slice(4);
  after.forEach((s, i) => {
    const alike = [0, 1, 2, 3].some((j) => digest(j) === digest(4 + i));
    expect([s.expected, s.matched]).toStrictEqual(alike ? [truth.styles[4 + i]!.expected, truth.styles[4 + i]!.matched] : [null, false]);
  });
  expect(after.some((s) => s.expected === null)).toBe(true);
  expect(after.some((s) => s.expected !== null)).toBe(true);
}

describe('completing a report that stopped at the first match', () => {
  it('the stored quick report lists only the styles up to the match (raw, the fourth, here)', () => {
    const stored = storedQuick();
    expect(stored.style).toBe('raw');
    expect(stored.styles.map((s) => s.style)).toStrictEqual(['python', 'go', 'go-struct', 'raw']);
    expect(stylesComputed(stored)).toBe(4);
  });

  it('with the same key, gives exactly the full report: 13 digests and matched flags', () => {
    const completed = completeReport(storedQuick(), RAW, KEY);
    expect(completed).toStrictEqual(full());
    expect(completed.styles).toHaveLength(STYLES.length);
    expect(completed.styles.every((s) => s.expected !== null)).toBe(true);
    // Several styles match this body (raw and the JavaScript as-sent one at least).
    expect(completed.styles.filter((s) => s.matched).length).toBeGreaterThan(1);
  });

  it('with a changed key, leaves the other styles without a digest and says why and what to do', () => {
    const stored = storedQuick();
    const completed = completeReport(stored, RAW, 'a-new-key');
    expect(completed.verdict).toBe('valid');
    expect(completed.style).toBe('raw');
    expect(completed.styles.slice(0, 4)).toStrictEqual(stored.styles);
    expect(completed.styles.map((s) => s.style)).toStrictEqual(STYLES.map((s) => s.name));
    expectAlikeOrUnknown(completed);
    const last = completed.diagnosis[completed.diagnosis.length - 1]!;
    expect(last.code).toBe('styles-not-computed');
    expect(last.message).toMatch(/only the first 4 of the 13 styles were computed/);
    // It counts what it shows: the styles given a computed one's result, and those left unknown, by name.
    const unknown = completed.styles.filter((s) => s.expected === null).map((s) => s.style);
    expect(last.message).toContain(
      `the ${9 - unknown.length} that sign the same bytes as a computed one are shown with its result, ` +
        `and the expected signature${unknown.length === 1 ? '' : 's'} of the other ${unknown.length} (${unknown.join(', ')}) cannot be worked out again.`,
    );
    expect(last.message).toMatch(/HMAC key has changed since/);
    expect(last.hint).toMatch(/Replay the call/);
    expect(completed.diagnosis.slice(0, -1)).toStrictEqual(stored.diagnosis);
  });

  it('with no key set now, says so the same way', () => {
    for (const key of [null, '']) {
      const completed = completeReport(storedQuick(), RAW, key);
      expect(completed.styles).toHaveLength(STYLES.length);
      expectAlikeOrUnknown(completed);
      const last = completed.diagnosis[completed.diagnosis.length - 1]!;
      expect(last.code).toBe('styles-not-computed');
      expect(last.message).toMatch(/no HMAC key is set now/);
      expect(last.hint).toMatch(/replay the call/);
    }
  });

  it("says the other styles are all unknown when none of them can be given a computed one's result", () => {
    // Bytes that cannot be read as the body (a stand-in: no style's text can be made of them).
    const completed = completeReport(storedQuick(), enc('not the body'), null);
    expect(completed.styles.slice(4).every((s) => s.expected === null)).toBe(true);
    expect(completed.diagnosis.at(-1)!.message).toMatch(
      /no HMAC key is set now, so the expected signatures of the other 9 cannot be worked out again\.$/,
    );
  });

  it('leaves full reports alone, whatever the key', () => {
    for (const report of [full(), full('other-key'), full(null), verify(enc(BODY), KEY, { receivedAt: AT })]) {
      expect(stylesComputed(report)).toBeNull();
      expect(completeReport(report, RAW, 'a-new-key')).toBe(report);
    }
  });

  it('does not take a list cut short anywhere but at the first match for a quick report', () => {
    const whole = full();
    expect(stylesComputed({ ...whole, styles: whole.styles.slice(0, 2) })).toBeNull();
    expect(stylesComputed({ ...whole, styles: whole.styles.slice(0, 4), style: 'go' })).toBeNull();
    expect(stylesComputed({ ...whole, styles: whole.styles.slice(1, 4) })).toBeNull();
    expect(stylesComputed({ ...whole, styles: whole.styles.slice(0, 4) })).toBe(4);
  });
});

describe('stored reports without the marker', () => {
  it('a packed report from before stopping early reads back with all 13 styles, untouched by completion', () => {
    const whole = full();
    const digests = [...new Set(whole.styles.map((s) => s.expected!))];
    // The packed form as it was written before `computed` existed.
    const old = JSON.stringify({
      packed: 1,
      verdict: whole.verdict,
      style: whole.style,
      received: whole.received,
      digests,
      at: whole.styles.map((s) => digests.indexOf(s.expected!)),
      matched: whole.styles.reduce((bits, s, i) => (s.matched ? bits | (1 << i) : bits), 0),
      diagnosis: whole.diagnosis,
      timestamp: whole.timestamp,
    });
    const read = unpackReport(old);
    expect(read).toStrictEqual(whole);
    expect(completeReport(read, RAW, 'a-new-key')).toStrictEqual(whole);
  });

  it('a full report is packed without the marker', () => {
    expect(JSON.parse(packReport(full()))).not.toHaveProperty('computed');
  });

  it('the quick report packs smaller than the full one', () => {
    expect(packReport(verify(RAW, KEY, { receivedAt: AT, stopAtFirstMatch: true })).length).toBeLessThan(packReport(full()).length);
  });
});
