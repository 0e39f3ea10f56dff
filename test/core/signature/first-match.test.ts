import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SignatureReport } from '../../../main/contract/api';
import { STYLES, completeReport, sign, verify } from '../../../main/core/signature';
import { packReport, unpackReport } from '../../../main/core/signature/stored-report';
import { AT, KEY, T, enc, hmac, withSignature } from './helpers';

interface Vector {
  name: string;
  key: string;
  styles: Record<'python' | 'go' | 'go-struct', { signedBody: string }>;
}
const dir = fileURLToPath(new URL('../../fixtures/signature/', import.meta.url));
const vectors = (JSON.parse(readFileSync(`${dir}vectors.json`, 'utf8')) as { vectors: Vector[] }).vectors;

const full = (raw: Uint8Array, key: string | null): SignatureReport => verify(raw, key, { receivedAt: AT });
const fast = (raw: Uint8Array, key: string | null): SignatureReport => verify(raw, key, { receivedAt: AT, stopAtFirstMatch: true });

/** Everything a fast report must share with the full one, and how many styles it may leave out. */
function expectSameAnswer(raw: Uint8Array, key: string | null): { quick: SignatureReport; whole: SignatureReport } {
  const whole = full(raw, key);
  const quick = fast(raw, key);
  expect(quick.verdict).toBe(whole.verdict);
  expect(quick.style).toBe(whole.style);
  expect(quick.received).toBe(whole.received);
  expect(quick.diagnosis).toStrictEqual(whole.diagnosis);
  expect(quick.timestamp).toStrictEqual(whole.timestamp);
  if (whole.verdict === 'valid') {
    // Stops exactly at the reported style, and what it did compute is what the full check says.
    const at = STYLES.findIndex((s) => s.name === whole.style);
    expect(quick.styles).toStrictEqual(whole.styles.slice(0, at + 1));
    // Filled in from the body with the same key, it is the full report.
    expect(completeReport(quick, raw, key)).toStrictEqual(whole);
    expect(completeReport(unpackReport(packReport(quick)), raw, key)).toStrictEqual(whole);
  } else {
    expect(quick).toStrictEqual(whole);
  }
  return { quick, whole };
}

const PLAIN = `{"action_name":"send_email","parameters":{"recipient":"user@example.com","subject":"Welcome!"},"timestamp":${T}}`;
const UNUSUAL = `{"timestamp":${T},"parameters":{"z":"Renée <b>&</b> \\u2028","a":[1.5,1e21,-0]},"action_name":"send_email","extra":"😀"}`;

describe('verify stopping at the first match', () => {
  for (const v of vectors) {
    for (const style of ['python', 'go', 'go-struct'] as const) {
      it(`${v.name}: a ${style}-signed call gets the full check's verdict, style and digests`, () => {
        const { quick } = expectSameAnswer(enc(v.styles[style].signedBody), v.key);
        expect(quick.verdict).toBe('valid');
      });
    }
  }

  for (const [name, body] of [
    ['plain', PLAIN],
    ['unusual', UNUSUAL],
  ] as const) {
    for (const style of STYLES) {
      it(`${name} body signed ${style.name}: same verdict and style as the full check`, () => {
        const { quick, whole } = expectSameAnswer(enc(sign(body, KEY, style.name).body), KEY);
        expect(whole.verdict).toBe('valid');
        expect(whole.styles.find((s) => s.style === style.name)?.matched).toBe(true);
        expect(quick.styles.length).toBeLessThanOrEqual(STYLES.findIndex((s) => s.name === style.name) + 1);
      });
    }
  }

  it.each([
    ['invalid (wrong key)', withSignature(PLAIN, hmac('other-key', PLAIN)), KEY],
    ['invalid (uppercase hex)', withSignature(PLAIN, hmac(KEY, PLAIN).toUpperCase()), KEY],
    ['invalid (signature field included)', withSignature(PLAIN, hmac(KEY, withSignature(PLAIN, ''))), KEY],
    ['missing', PLAIN, KEY],
    ['unsigned registration check', `{"action_name":"a","parameters":{},"timestamp":${T},"test":true}`, KEY],
    ['malformed', withSignature(PLAIN, 'zz'), KEY],
    ['no key', withSignature(PLAIN, hmac(KEY, PLAIN)), null],
    ['not a Flowent body', '[1,2]', KEY],
  ] as const)('%s: reports every style, exactly as the full check does', (_name, body, key) => {
    const { quick } = expectSameAnswer(enc(body), key);
    expect(quick.styles.length).toBe(body === '[1,2]' ? 0 : STYLES.length);
  });

  it('stops early: a plain call signed the first way computes one style, and the stored report says so', () => {
    const raw = enc(withSignature(PLAIN, hmac(KEY, PLAIN)));
    const quick = fast(raw, KEY);
    expect(quick.style).toBe(STYLES[0]!.name);
    expect(quick.styles).toHaveLength(1);
    expect(JSON.parse(packReport(quick))).toMatchObject({ computed: 1, at: [0], matched: 1 });
    // The full check computes them all (on this body several styles share one digest).
    expect(full(raw, KEY).styles.filter((s) => s.expected !== null)).toHaveLength(STYLES.length);
  });

  it('stops at the second style on a Go-signed non-ASCII call, after python did not match', () => {
    const v = vectors.find((x) => x.name === 'non-ascii')!;
    const quick = fast(enc(v.styles.go.signedBody), v.key);
    expect(quick.styles.map((s) => [s.style, s.matched])).toStrictEqual([
      ['python', false],
      ['go', true],
    ]);
    expect(JSON.parse(packReport(quick))).toMatchObject({ computed: 2, matched: 0b10 });
  });

  it('puts the signed texts of the computed styles in the report when asked', () => {
    const raw = enc(withSignature(PLAIN, hmac(KEY, PLAIN)));
    const quick = verify(raw, KEY, { receivedAt: AT, includeCanonical: true, stopAtFirstMatch: true });
    expect(quick.styles).toStrictEqual(verify(raw, KEY, { receivedAt: AT, includeCanonical: true }).styles.slice(0, 1));
    expect(quick.styles[0]!.canonical).toBe(PLAIN);
  });
});
