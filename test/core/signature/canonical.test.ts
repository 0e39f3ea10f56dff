import { describe, expect, it } from 'vitest';
import { ESCAPINGS, KEY_ORDERS, STYLES, canonicalize } from '../../../main/core/signature';
import { goNumber, jsNumber, pythonNumber } from '../../../main/core/signature/numbers';
import { T, enc } from './helpers';
import { STYLE_NAMES, type StyleName } from '../../../main/contract/names-and-limits';

const canon = (body: string, style: StyleName) => canonicalize(enc(body), style);

describe('STYLES', () => {
  it('describes every style the contract names, in its order, the four documented ones first', () => {
    expect(STYLES.map((s) => s.name)).toEqual(STYLE_NAMES);
    expect(STYLE_NAMES.slice(0, 4)).toEqual(['python', 'go', 'go-struct', 'raw']);
    expect(new Set(STYLES.map((s) => s.label)).size).toBe(STYLES.length);
    expect(STYLES.find((s) => s.name === 'sorted+ascii')?.label).toBe('Keys sorted, ASCII escapes (Python)');
  });

  it('covers every key order with every escaping exactly once, besides the raw bytes', () => {
    const choices = STYLES.filter((s) => s.order !== null).map((s) => `${s.order}+${s.escaping}`);
    expect(new Set(choices).size).toBe(choices.length);
    expect(choices).toHaveLength(KEY_ORDERS.length * ESCAPINGS.length);
  });
});

describe('numbers', () => {
  it.each([
    ['1', '1'],
    ['-0', '0'],
    ['18446744073709551616', '18446744073709551616'],
    ['1.0', '1.0'],
    ['0.1', '0.1'],
    ['1e-7', '1e-07'],
    ['1e21', '1e+21'],
    ['1.5e300', '1.5e+300'],
    ['1E5', '100000.0'],
    ['0.0001', '0.0001'],
    ['0.00001', '1e-05'],
    ['1e16', '1e+16'],
    ['9999999999999998.0', '9999999999999998.0'],
    ['-0.0', '-0.0'],
    ['123456789012345678.5', '1.2345678901234568e+17'],
    ['1e400', 'Infinity'],
    ['-1e400', '-Infinity'],
    ['2.50', '2.5'],
  ])('python %s → %s', (literal, out) => expect(pythonNumber(literal)).toBe(out));

  it.each([
    ['1.0', '1'],
    ['-0', '-0'],
    ['-0.0', '-0'],
    ['1e-7', '1e-7'],
    ['0.000001', '0.000001'],
    ['1e21', '1e+21'],
    ['1e20', '100000000000000000000'],
    ['18446744073709551616', '18446744073709552000'],
    ['1.5e300', '1.5e+300'],
    ['9007199254740993', '9007199254740992'],
    ['1e-10', '1e-10'],
  ])('go %s → %s', (literal, out) => expect(goNumber(literal)).toBe(out));

  it('js numbers follow JSON.stringify', () => {
    expect(['-0', '1.0', '1e21', '1e400'].map(jsNumber)).toEqual(['0', '1', '1e+21', 'null']);
  });
});

describe('canonicalize', () => {
  const body = `{"parameters":{"b":"é<\u2028>","a":{"d":1,"c":2}},"action_name":"x","test":true,"timestamp":${T},"extra":0,"signature":"${'0'.repeat(64)}"}`;

  it('orders keys per style', () => {
    expect(canon(body, 'python')).toBe(
      `{"parameters":{"b":"\\u00e9<\\u2028>","a":{"d":1,"c":2}},"action_name":"x","test":true,"timestamp":${T},"extra":0}`,
    );
    expect(canon(body, 'go')).toBe(
      `{"action_name":"x","extra":0,"parameters":{"a":{"c":2,"d":1},"b":"é\\u003c\\u2028\\u003e"},"test":true,"timestamp":${T}}`,
    );
    expect(canon(body, 'go-struct')).toBe(
      `{"action_name":"x","parameters":{"a":{"c":2,"d":1},"b":"é\\u003c\\u2028\\u003e"},"timestamp":${T},"test":true,"extra":0}`,
    );
    expect(canon(body, 'nested-sorted+utf8')).toBe(
      `{"parameters":{"a":{"c":2,"d":1},"b":"é<\u2028>"},"action_name":"x","test":true,"timestamp":${T},"extra":0}`,
    );
  });

  it('struct keeps an int64 timestamp exactly where float64 would round it', () => {
    const big = '{"timestamp":9007199254740993,"action_name":"a"}';
    expect(canon(big, 'go-struct')).toBe('{"action_name":"a","timestamp":9007199254740993}');
    expect(canon(big, 'go')).toBe('{"action_name":"a","timestamp":9007199254740992}');
  });

  it('sorts by code point, not UTF-16 code unit', () => {
    // U+FF21 sorts before U+1F600 by code point (and UTF-8 bytes); JS's default sort says otherwise.
    expect(canon('{"😀":1,"Ａ":2,"a":3}', 'sorted+ascii')).toBe('{"a":3,"\\uff21":2,"\\ud83d\\ude00":1}');
    expect(canon('{"😀":1,"Ａ":2,"a":3}', 'go')).toBe('{"a":3,"Ａ":2,"😀":1}');
  });

  it('escapes control characters, lone surrogates and DEL per serializer', () => {
    const s = '{"s":"\\u0001\\u001f\\b\\t\\u007f\\ud800\\/"}';
    expect(canon(s, 'python')).toBe('{"s":"\\u0001\\u001f\\b\\t\\u007f\\ud800/"}');
    expect(canon(s, 'go')).toBe('{"s":"\\u0001\\u001f\\b\\t\x7f\ufffd/"}');
    expect(canon(s, 'as-sent+utf8')).toBe('{"s":"\\u0001\\u001f\\b\\t\x7f\\ud800/"}');
  });

  it('keeps duplicate keys, in the order sent', () => {
    expect(canon('{"b":1,"a":2,"b":3}', 'go')).toBe('{"a":2,"b":1,"b":3}');
    expect(canon('{"b":1,"a":2,"b":3}', 'python')).toBe('{"b":1,"a":2,"b":3}');
  });

  it.each([
    ['{"a":1, "signature":"x" , "b":2}', '{"a":1, "b":2}'],
    ['{"signature":"x","a":1}', '{"a":1}'],
    ['{\n  "a": 1,\n  "signature": "x"\n}', '{\n  "a": 1\n}'],
    ['{ "signature":"x" }', '{  }'],
    ['{"a":1,"signature":"x","signature":"y"}', '{"a":1}'],
    ['{"signature":"x","a":{"signature":"kept"}}', '{"a":{"signature":"kept"}}'],
  ])('raw cuts the top-level signature member and one comma: %j', (body, out) => {
    expect(canon(body, 'raw')).toBe(out);
  });

  it("never serves one body's result for another (the one-entry cache is per buffer)", () => {
    expect(canonicalize(enc('{"a":1}'), 'python')).toBe('{"a":1}');
    expect(canonicalize(enc('{"b":2}'), 'python')).toBe('{"b":2}');
    const same = enc('{"c":3,"signature":"x"}');
    expect(STYLES.map((s) => canonicalize(same, s.name))).toEqual(STYLES.map(() => '{"c":3}'));
  });

  it('returns undefined for non-objects and unknown styles', () => {
    expect(canon('[1]', 'python')).toBeUndefined();
    expect(canon('{"a":1}', 'nope' as StyleName)).toBeUndefined();
  });
});
