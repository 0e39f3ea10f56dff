import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../main/core/json/parse-json';
import { verify } from '../../../main/core/signature';
import { STYLES } from '../../../main/core/signature/styles';
import { fuzzBody, seededRandom } from '../../reliability/seeded-random';

const KEY = 'parse-once-key';
const sign = (unsigned: string) => createHmac('sha256', KEY).update(unsigned).digest('hex');
const withSignature = (unsigned: string, signature: unknown) => unsigned.replace(/}$/, `,"signature":${JSON.stringify(signature)}}`);

const plain = '{"action_name":"send_email","parameters":{"recipient":"user@example.com","b":2,"a":1},"timestamp":1700000000}';
const unicode =
  '{"action_name":"greet","parameters":{"name":"Renée \\u00e9 ☃ 😀","html":"<b>&</b>","x":1.50,"big":1e400},"timestamp":1700000000}';
const bodies: Record<string, string> = {
  valid: withSignature(plain, sign(plain)),
  'valid, unicode and escapes': withSignature(unicode, sign(unicode)),
  tampered: withSignature(plain, sign(plain)).replace('"b":2', '"b":3'),
  'unsigned registration check': '{"action_name":"a","parameters":{},"timestamp":1700000000,"test":true}',
  missing: plain,
  malformed: withSignature(plain, 'xyz'),
  'not a string': withSignature(plain, 42),
  'signed with a trimmed key': withSignature(plain, createHmac('sha256', KEY.slice(1)).update(plain).digest('hex')),
  'signature first': `{"signature":"${sign(plain)}",${plain.slice(1)}`,
  'an array': '[1,2,3]',
  'not JSON': '{"action_name":',
  old: withSignature(plain.replace('1700000000', '1600000000'), sign(plain.replace('1700000000', '1600000000'))),
  ...Object.fromEntries(
    STYLES.slice(0, 6).map((style, i) => [
      `deep ${style.name}`,
      withSignature(`{"parameters":{"z":[{"y":${i},"x":"\\u2028"}]},"action_name":"deep","timestamp":1700000001}`, 'a'.repeat(64)),
    ]),
  ),
};

describe('verify with the body already parsed', () => {
  for (const [name, body] of Object.entries(bodies)) {
    it(`reports exactly what a fresh parse reports: ${name}`, () => {
      const raw = Buffer.from(body);
      for (const key of [KEY, null, '']) {
        for (const includeCanonical of [false, true]) {
          const opts = { receivedAt: 1_700_000_030_000, includeCanonical };
          expect(verify(raw, key, opts, parseJson(raw))).toEqual(verify(raw, key, opts));
        }
      }
    });
  }

  it('reports exactly what a fresh parse reports on 500 mutated bodies (seed 7)', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 500; i++) {
      const raw = fuzzBody(random, bodies.valid!);
      const opts = { receivedAt: 1_700_000_030_000, includeCanonical: i % 2 === 0 };
      expect(verify(raw, KEY, opts, parseJson(raw))).toEqual(verify(raw, KEY, opts));
    }
  });

  it('still finds the matching style on a valid body', () => {
    const raw = Buffer.from(bodies.valid!);
    expect(verify(raw, KEY, { receivedAt: 1_700_000_030_000 }, parseJson(raw)).verdict).toBe('valid');
  });
});
