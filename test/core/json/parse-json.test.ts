import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, type JsonNode, type JsonObject } from '../../../main/core/json/json-node';
import { findDuplicateKey, locateDuplicateKey, parseJson, toPlainValue } from '../../../main/core/json/parse-json';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function ok(text: string | Uint8Array): JsonNode {
  const r = parseJson(typeof text === 'string' ? enc(text) : text);
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.root;
}

function err(text: string | Uint8Array): { code: string; message: string; offset: number } {
  const r = parseJson(typeof text === 'string' ? enc(text) : text);
  if (r.ok) throw new Error('expected an error');
  return r;
}

describe('parseJson: values', () => {
  it('keeps key order, duplicate keys and every member', () => {
    const root = ok('{"b":1,"a":2,"b":3}') as JsonObject;
    expect(root.members.map((m) => m.key)).toEqual(['b', 'a', 'b']);
    expect(root.members.map((m) => (m.value.kind === 'number' ? m.value.literal : ''))).toEqual(['1', '2', '3']);
  });

  it('keeps number literals exactly as written', () => {
    const root = ok('[1.0,1e5,-0,12345678901234567890,0.10,1E+2,-1.5e-300]');
    expect(root.kind).toBe('array');
    if (root.kind !== 'array') return;
    expect(root.items.map((n) => (n.kind === 'number' ? n.literal : null))).toEqual([
      '1.0',
      '1e5',
      '-0',
      '12345678901234567890',
      '0.10',
      '1E+2',
      '-1.5e-300',
    ]);
  });

  it('records byte offsets of nodes and members (members start at the key quote)', () => {
    //           0123456789...
    const text = ' {"é":[true, null],"k" : "v"} ';
    const root = ok(text) as JsonObject;
    expect([root.start, root.end]).toEqual([1, 31 - 1]);
    const [first, second] = root.members;
    // "é" is two bytes, so byte offsets run one ahead of string indexes after it.
    expect([first!.start, first!.end]).toEqual([2, 19]);
    expect([first!.value.start, first!.value.end]).toEqual([7, 19]);
    const arr = first!.value;
    if (arr.kind !== 'array') throw new Error('array expected');
    expect(arr.items.map((i) => [i.start, i.end])).toEqual([
      [8, 12],
      [14, 18],
    ]);
    expect([second!.start, second!.end, second!.value.start]).toEqual([20, 29, 26]);
  });

  it('decodes escapes, including astral pairs and lone surrogates', () => {
    const root = ok(String.raw`["a\"b\\c\/d\b\f\n\r\t","\u00e9\uD83D\uDE00","x\ud800y","日本"]`);
    expect(toPlainValue(root)).toEqual(['a"b\\c/d\b\f\n\r\t', 'é😀', 'x\ud800y', '日本']);
  });

  it('parses scalars at the top level', () => {
    expect(toPlainValue(ok(' true '))).toBe(true);
    expect(toPlainValue(ok('null'))).toBe(null);
    expect(toPlainValue(ok('"s"'))).toBe('s');
    expect(toPlainValue(ok('-1.5e3'))).toBe(-1500);
  });

  it('accepts nesting up to MAX_JSON_DEPTH', () => {
    const text = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(ok(text).kind).toBe('array');
  });

  it('parses a 1 MB body', () => {
    const item = '{"id":12345,"name":"Renée <x>","tags":["a","b"],"score":1.25,"ok":true}';
    const text = `[${Array.from({ length: Math.ceil(1_000_000 / item.length) }, () => item).join(',')}]`;
    const root = ok(enc(text));
    expect(root.kind === 'array' && root.items.length).toBe(Math.ceil(1_000_000 / item.length));
  });
});

describe('parseJson: errors', () => {
  it('empty and whitespace-only bodies', () => {
    expect(err('').code).toBe('empty');
    expect(err(' \n').code).toBe('empty');
  });

  it('a byte order mark', () => {
    const e = err(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]));
    expect(e).toMatchObject({ code: 'bom', offset: 0 });
    expect(e.message).toContain('starts with a byte order mark; send plain UTF-8 JSON');
  });

  it.each([
    ['a stray continuation byte', [0x7b, 0x22, 0x80, 0x22], 2],
    ['a truncated sequence', [0x22, 0x61, 0xc3], 2],
    ['an overlong form', [0x22, 0xc0, 0xaf, 0x22], 1],
    ['an encoded surrogate', [0x22, 0x41, 0xed, 0xa0, 0x80, 0x22], 2],
    ['a code point above U+10FFFF', [0x22, 0xf4, 0x90, 0x80, 0x80, 0x22], 1],
  ])('invalid UTF-8: %s, with its byte offset', (_, bytes, offset) => {
    const e = err(new Uint8Array(bytes));
    expect(e.code).toBe('invalid-utf8');
    expect(e.offset).toBe(offset);
    expect(e.message).toContain(`byte ${offset}`);
  });

  it.each([
    ['{"a":1,}', 6, 'trailing comma'],
    ['[1,2,]', 4, 'trailing comma'],
    ['{"a":NaN}', 5, 'NaN and Infinity'],
    ['[Infinity]', 1, 'NaN and Infinity'],
    ['[-Infinity]', 1, 'Infinity'],
    ['{"a":1} // c', 8, 'comments'],
    ['{/*c*/}', 1, 'comments'],
    ['[01]', 1, 'leading zeros'],
    ['["a\tb"]', 3, 'control character 0x09'],
    ["{'a':1}", 1, 'double quotes'],
    ['{"a" 1}', 5, "expected ':'"],
    ['{"a":1 "b":2}', 7, "expected ',' or '}'"],
    ['[1 2]', 3, "expected ',' or ']'"],
    ['["abc', 1, 'not terminated'],
    ['["\\x"]', 2, "invalid escape sequence '\\x'"],
    ['["\\u12G4"]', 2, 'four hex digits'],
    ['[1.]', 3, 'decimal point'],
    ['[1e]', 3, 'exponent'],
    ['[-]', 2, 'expected a digit'],
    ['{"a":1}x', 7, 'after the end of the JSON value'],
    ['{"a":tru}', 5, 'expected a JSON value'],
    ['{"a":', 5, 'the end of the body'],
  ])('invalid JSON %s at byte %i', (text, offset, words) => {
    const e = err(text);
    expect(e.code).toBe('invalid-json');
    expect(e.offset).toBe(offset);
    expect(e.message).toContain(words);
    expect(e.message).toContain(`byte ${offset}`);
  });

  it('too deep: one level past MAX_JSON_DEPTH', () => {
    const text = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect(err(text)).toMatchObject({ code: 'too-deep', offset: MAX_JSON_DEPTH });
  });

  it('10,000-deep nesting returns too-deep without throwing', () => {
    expect(err('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)).code).toBe('too-deep');
    expect(err('['.repeat(10_000)).code).toBe('too-deep');
  });

  it('a 50 MB body does not throw', () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x5b);
    expect(err(big).code).toBe('too-deep');
    const str = new Uint8Array(50 * 1024 * 1024).fill(0x61);
    str[0] = 0x22;
    str[str.length - 1] = 0x22;
    const root = ok(str);
    expect(root.kind === 'string' && root.value.length).toBe(str.length - 2);
  });
});

describe('findDuplicateKey / toPlainValue', () => {
  it('finds the first duplicate at any depth, with its location', () => {
    expect(findDuplicateKey(ok('{"a":{"x":1},"b":[{"y":1,"y":2}]}'))).toBe('y');
    expect(locateDuplicateKey(ok('{"a":{"x":1},"b":[{"y":1,"y":2}]}'))).toEqual({ key: 'y', offset: 25, path: '$.b[0]' });
    expect(findDuplicateKey(ok('{"a":1,"b":{"a":2}}'))).toBeNull();
    expect(findDuplicateKey(ok('{"s":1,"s":2}'))).toBe('s');
  });

  it('converts to plain values: last duplicate wins, __proto__ stays data', () => {
    const plain = toPlainValue(ok('{"a":1,"a":2,"__proto__":{"x":1},"n":1.5e2}')) as Record<string, unknown>;
    expect(plain.a).toBe(2);
    expect(plain.n).toBe(150);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(Object.keys(plain)).toEqual(['a', '__proto__', 'n']);
  });
});
