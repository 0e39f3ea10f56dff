import { describe, expect, it } from 'vitest';
import type { SignatureReport } from '../../../main/contract/api';
import { verify } from '../../../main/core/signature';
import { packReport, unpackReport } from '../../../main/core/signature/stored-report';
import { AT, KEY, T, enc, hmac, withSignature } from './helpers';

const BODY = `{"action_name":"send_email","parameters":{"recipient":"a@b.c","subject":"Hi <b>é</b>"},"timestamp":${T}}`;
const run = (body: string, key: string | null = KEY) => verify(enc(body), key, { receivedAt: AT });
const withoutCanonical = (report: SignatureReport): SignatureReport => ({
  ...report,
  styles: report.styles.map(({ canonical: _c, ...rest }) => rest),
});

describe('stored signature report', () => {
  const cases: [string, SignatureReport][] = [
    ['valid', run(withSignature(BODY, hmac(KEY, BODY)))],
    ['invalid (wrong key)', run(withSignature(BODY, hmac(KEY, BODY)), 'other-key')],
    ['invalid (uppercase hex)', run(withSignature(BODY, hmac(KEY, BODY).toUpperCase()))],
    ['no key', run(withSignature(BODY, hmac(KEY, BODY)), null)],
    ['missing', run(BODY)],
    ['malformed', run(withSignature(BODY, 'zz'))],
    ['not a Flowent body', run('[1,2]')],
  ];

  it.each(cases)('%s reads back as the contract report it was', (_name, report) => {
    expect(unpackReport(packReport(report))).toStrictEqual(report);
  });

  it('says a stored timestamp remark in the words of this build, whatever words stored it', () => {
    const stale = run(withSignature(BODY, hmac(KEY, BODY)), KEY);
    const old = verify(enc(withSignature(BODY, hmac(KEY, BODY))), KEY, { receivedAt: AT + 30 * 86_400_000 });
    // Earlier builds counted the age in raw seconds: a history keeps those words in its rows.
    const storedEarlier = {
      ...old,
      diagnosis: old.diagnosis.map((d) =>
        d.code === 'timestamp-old' ? { ...d, message: "The call's timestamp is 2592000 s old, past the 300 s replay window." } : d,
      ),
    };
    for (const text of [packReport(storedEarlier), JSON.stringify(storedEarlier)]) {
      const remark = unpackReport(text).diagnosis.find((d) => d.code === 'timestamp-old');
      expect(remark?.message).toBe("The call's timestamp is 30 days old, past the 5-minute window.");
    }
    expect(unpackReport(packReport(stale)).diagnosis).toStrictEqual(stale.diagnosis);
  });

  it('says why a call that came with no key set was not checked in the words of this build, never "no key is set"', () => {
    const unchecked = run(withSignature(BODY, hmac(KEY, BODY)), null);
    // Earlier builds stored it in the present tense, untrue once a key is set, and said nothing of replaying the call.
    const storedEarlier = {
      ...unchecked,
      diagnosis: unchecked.diagnosis.map((d) =>
        d.code === 'no-key'
          ? {
              ...d,
              message: 'The call is signed but no HMAC key is set, so it cannot be checked.',
              hint: 'Set FLOWENT_HMAC_KEY or enter the key in Settings (copy it from Gateway Management > HMAC Keys).',
            }
          : d,
      ),
    };
    for (const report of [unchecked, storedEarlier]) {
      for (const text of [packReport(report), JSON.stringify(report)]) {
        expect(unpackReport(text).diagnosis).toStrictEqual([
          {
            code: 'no-key',
            message: 'The call is signed, but no HMAC key was set when it arrived.',
            hint: 'Set FLOWENT_HMAC_KEY or enter the key in Settings (copy it from Gateway Management > HMAC Keys), then replay the call to check it.',
          },
        ]);
      }
    }
  });

  it('drops the canonical texts, which are recomputed when a call is opened', () => {
    const full = verify(enc(withSignature(BODY, hmac(KEY, BODY))), KEY, { receivedAt: AT, includeCanonical: true });
    expect(full.styles[0]!.canonical).toBeDefined();
    expect(unpackReport(packReport(full))).toStrictEqual(withoutCanonical(full));
  });

  it('is much smaller than the whole report (labels left out, equal digests stored once)', () => {
    const report = cases[0]![1];
    const whole = JSON.stringify(report).length;
    const packed = packReport(report).length;
    expect(packed).toBeLessThan(whole / 2);
    expect(packReport(report)).not.toContain(report.styles[0]!.label);
  });

  it('reads reports stored whole, before packing, unchanged', () => {
    const report = withoutCanonical(cases[1]![1]);
    expect(unpackReport(JSON.stringify(report))).toStrictEqual(report);
    expect(unpackReport('{}')).toStrictEqual({});
  });

  it('stores a style list it cannot rebuild whole', () => {
    const report = cases[0]![1];
    const odd = { ...report, styles: report.styles.slice(0, 2) };
    expect(unpackReport(packReport(odd))).toStrictEqual(odd);
  });
});
