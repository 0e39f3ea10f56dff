import { describe, expect, it } from 'vitest';
import { readParameters, resignBody, rewriteBody } from '../../../main/core/replay/edit-body';
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

describe('parameters typed by the user', () => {
  it('are spliced in as typed, numbers as written', () => {
    const typed = readParameters(' {"n":12345678901234567890,"y":1.0}\n');
    if (!typed.ok) throw new Error(JSON.stringify(typed));
    const edited = rewriteBody(RAW, { parameters: typed.value });
    expect(edited.ok && edited.value.toString()).toContain('"parameters":{"n":12345678901234567890,"y":1.0},');
    const signed = resignBody(RAW, 'k', 'python', { parameters: typed.value });
    expect(signed.ok && signed.value.body.toString()).toContain('"parameters":{"n":12345678901234567890,"y":1.0}');
  });

  it('are refused when not UTF-8, not JSON, a key is repeated or they are no object', () => {
    expect(readParameters(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]))).toMatchObject({
      ok: false,
      code: 'invalid-parameters-json',
      problem: 'invalid-utf8',
      offset: 6,
    });
    expect(readParameters('{"a":{"b":1,"b":2}}')).toMatchObject({ problem: 'duplicate-key', offset: 12 });
    expect(readParameters('{"a":')).toMatchObject({ problem: 'invalid-json' });
    expect(readParameters('[1]')).toMatchObject({ ok: false, code: 'invalid-parameters' });
  });
});

describe('a number a style cannot write', () => {
  const BEYOND = Buffer.from('{"action_name":"x","parameters":{"e":1e400,"i":1' + '0'.repeat(400) + '},"timestamp":1}');

  it('is refused in that style, naming the styles that write every number as it is', () => {
    const python = resignBody(BEYOND, 'k', 'python', {});
    expect(python).toMatchObject({ ok: false, code: 'number-beyond-style', literal: '1e400', written: 'Infinity', styles: ['raw'] });
    expect(resignBody(BEYOND, 'k', 'go', {})).toMatchObject({ ok: false, code: 'number-beyond-style', written: 'null' });
    const raw = resignBody(BEYOND, 'k', 'raw', {});
    expect(raw.ok && raw.value.body.toString()).toContain('"e":1e400');
  });

  it('a huge integer only Python keeps whole: the python styles can sign it, Go and JavaScript cannot', () => {
    const huge = Buffer.from('{"action_name":"x","parameters":{"i":1' + '0'.repeat(400) + '},"timestamp":1}');
    const go = resignBody(huge, 'k', 'go', {});
    expect(go).toMatchObject({ ok: false, code: 'number-beyond-style', written: 'null' });
    const styles = go.ok ? [] : (go as { styles: string[] }).styles;
    expect(styles).toContain('python');
    expect(styles).toContain('raw');
    expect(styles).not.toContain('go-struct');
    const python = resignBody(huge, 'k', 'python', {});
    expect(python.ok && python.value.body.toString()).toContain('"i":1' + '0'.repeat(400) + '}');
  });
});
