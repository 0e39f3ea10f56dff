import { describe, expect, it } from 'vitest';
import { completeReport, validStyles, verify } from '../../../main/core/signature';
import { packReport, unpackReport } from '../../../main/core/signature/stored-report';
import { AT, KEY, T, enc, hmac, withSignature } from './helpers';

// Which styles a stored call is valid in, read back whatever key is set: the handler diagnosis
// depends on it (test/core/operations/handler-diagnosis-without-key.test.ts).

/** Every style a full check with the call's own key finds valid. */
const truth = (raw: Uint8Array) =>
  verify(raw, KEY, { receivedAt: AT })
    .styles.filter((s) => s.matched)
    .map((s) => s.style);
/** The report as stored for a call answered on the quick path, read back and completed with `key`. */
const readWith = (raw: Uint8Array, key: string | null) =>
  completeReport(unpackReport(packReport(verify(raw, KEY, { receivedAt: AT, stopAtFirstMatch: true }))), raw, key);

const ASCII = `{"action_name":"greet","parameters":{"name":"Ada"},"timestamp":${T}}`;
// Non-ASCII and HTML characters: the styles sign it in several ways, raw (the fourth) among them.
const MIXED = `{"action_name":"send_email","parameters":{"subject":"Hi <b>é</b>","recipient":"a@b.c"},"timestamp":${T}}`;

describe('validStyles', () => {
  it.each([
    ['an ASCII call every style signs alike', ASCII],
    ['a call the styles tell apart', MIXED],
  ])('%s: the same styles with its key, another key or none', (_name, body) => {
    const raw = enc(withSignature(body, hmac(KEY, body)));
    const expected = truth(raw);
    expect(expected.length).toBeGreaterThan(1);
    for (const key of [KEY, 'another-key', null]) expect(validStyles(readWith(raw, key), raw)).toStrictEqual(expected);
  });

  it('is empty for a signature that is not valid', () => {
    const raw = enc(withSignature(ASCII, hmac('another-key', ASCII)));
    expect(validStyles(verify(raw, KEY, { receivedAt: AT }), raw)).toStrictEqual([]);
  });
});
