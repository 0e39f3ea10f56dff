import { describe, expect, it } from 'vitest';
import { resignBody, rewriteBody } from '../../../main/core/replay/edit-body';
import { verify } from '../../../main/core/signature';

const RAW = Buffer.from(
  '{"action_name":"nums", "parameters":{"one":1.0,"big":18446744073709551616,"é":"\\u00e9"},"timestamp":1645123456,"signature":"' +
    '0'.repeat(64) +
    '"}',
);

describe('rewriting a stored body', () => {
  it('splices only the timestamp and parameters: every other byte stays', () => {
    const out = rewriteBody(RAW, { timestamp: 1700000000 });
    expect(out.ok && out.value.toString()).toBe(RAW.toString().replace('1645123456', '1700000000'));
    const edited = rewriteBody(RAW, { parameters: { to: 'x' } });
    expect(edited.ok && edited.value.toString()).toBe(
      `{"action_name":"nums", "parameters":{"to":"x"},"timestamp":1645123456,"signature":"${'0'.repeat(64)}"}`,
    );
  });

  it('adds members that are missing, and refuses what is not a JSON object', () => {
    const out = rewriteBody(Buffer.from('{"action_name":"a"}'), { timestamp: 5, parameters: {} });
    expect(out.ok && out.value.toString()).toBe('{"action_name":"a","timestamp":5,"parameters":{}}');
    expect(rewriteBody(Buffer.from('{}'), { timestamp: 5 })).toMatchObject({ ok: true, value: Buffer.from('{"timestamp":5}') });
    expect(rewriteBody(Buffer.from('[1]'), { timestamp: 5 })).toEqual({ ok: false, code: 'body-not-object', kind: 'array' });
    expect(rewriteBody(Buffer.from('{nope'), { timestamp: 5 })).toMatchObject({ ok: false, code: 'body-not-json' });
  });

  it('re-signs in the raw style keeping number spellings, so the signature holds over the bytes sent', () => {
    const signed = resignBody(RAW, 'k', 'raw', { timestamp: 1700000000 });
    if (!signed.ok) throw new Error(JSON.stringify(signed));
    expect(signed.value.body.toString()).toContain('"one":1.0,"big":18446744073709551616');
    const report = verify(signed.value.body, 'k', { receivedAt: 1700000000_000 });
    expect(report.verdict).toBe('valid');
    expect(report.styles.find((s) => s.style === 'raw')?.matched).toBe(true);
    expect(resignBody(RAW, 'k', 'nope', {})).toMatchObject({ ok: false, code: 'unknown-style' });
  });
});
