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
