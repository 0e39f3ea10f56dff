import { describe, expect, it } from 'vitest';
import { CanonicalSet, MemberBytes } from '../../../main/core/signature/canonical';
import { isPlainBody } from '../../../main/core/signature/plain-body';
import { STYLES } from '../../../main/core/signature';
import { parseJson } from '../../../main/core/json/parse-json';
import type { JsonObject } from '../../../main/core/json/json-node';
import { T, enc } from './helpers';

function parsed(text: string): { root: JsonObject; raw: Uint8Array } {
  const raw = enc(text);
  const result = parseJson(raw);
  if (!result.ok || result.root.kind !== 'object') throw new Error('test body is not an object');
  return { root: result.root, raw };
}

const PLAIN = [
  `{"action_name":"send_email","parameters":{"recipient":"a@b.c","subject":"Hi"},"timestamp":${T},"signature":"00"}`,
  `{"timestamp":${T},"parameters":{"z":[1,2,{"b":null,"a":true}],"a":-5},"action_name":"x","test":false}`,
  `{ "action_name" : "x",\n\t"parameters": {"n": 0, "s": "tab-free text"},\r\n "timestamp": ${T} }`,
];
const NOT_PLAIN = [
  ['non-ASCII text', `{"action_name":"x","parameters":{"s":"é"},"timestamp":${T}}`],
  ['an escape', `{"action_name":"x","parameters":{"s":"a\\nb"},"timestamp":${T}}`],
  ['an HTML character Go escapes', `{"action_name":"x","parameters":{"s":"<b>"},"timestamp":${T}}`],
  ['an ampersand', `{"action_name":"x","parameters":{"s":"a&b"},"timestamp":${T}}`],
  ['a float', `{"action_name":"x","parameters":{"n":1.0},"timestamp":${T}}`],
  ['an exponent', `{"action_name":"x","parameters":{"n":1e3},"timestamp":${T}}`],
  ['minus zero', `{"action_name":"x","parameters":{"n":-0},"timestamp":${T}}`],
  ['a 16-digit integer', `{"action_name":"x","parameters":{"n":1234567890123456},"timestamp":${T}}`],
  ['DEL', `{"action_name":"x","parameters":{"s":"a\u007fb"},"timestamp":${T}}`],
] as const;

describe('plain bodies: one serialization per key order', () => {
  it.each(PLAIN)('%s is plain, and gives the same bytes in every style as the full path', (text) => {
    const { root, raw } = parsed(text);
    expect(isPlainBody(root, raw)).toBe(true);
    const fast = new CanonicalSet(root, raw, 'drop');
    const full = new CanonicalSet(root, raw, 'drop', new MemberBytes(raw, false));
    for (const style of STYLES)
      expect(Buffer.from(fast.bytes(style)).toString('utf8'), style.name).toBe(Buffer.from(full.bytes(style)).toString('utf8'));
    // The 'empty' set used by the diagnosis shares the member cache.
    const emptyFast = new CanonicalSet(root, raw, 'empty', fast.memberBytes);
    const emptyFull = new CanonicalSet(root, raw, 'empty', full.memberBytes);
    for (const style of STYLES) expect(emptyFast.text(style), style.name).toBe(emptyFull.text(style));
  });

  it.each(NOT_PLAIN)('a body with %s is not plain (the escapings differ on it)', (_what, text) => {
    const { root, raw } = parsed(text);
    expect(isPlainBody(root, raw)).toBe(false);
  });

  it('the styles of one key order share one array on a plain body (hashed once)', () => {
    const { root, raw } = parsed(PLAIN[0]!);
    const set = new CanonicalSet(root, raw, 'drop');
    const byName = (name: string) => set.bytes(STYLES.find((s) => s.name === name)!);
    expect(byName('python')).toBe(byName('as-sent+utf8'));
    expect(byName('go')).toBe(byName('sorted+ascii'));
    expect(byName('python')).not.toBe(byName('go'));
  });
});
