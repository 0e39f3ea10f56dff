import { describe, expect, it } from 'vitest';
import { SignInputError, STYLES, sign, verify } from '../../../main/core/signature';
import { AT, KEY, T, enc, hmac } from './helpers';

const BODIES: Record<string, string> = {
  plain: `{"action_name":"send_email","parameters":{"to":"a@b.c"},"timestamp":${T}}`,
  unicode: `{"action_name":"x","parameters":{"z":"Renée 日本 😀 <&> \u2028","a":[1.0,1e-7,18446744073709551616,-0.0]},"timestamp":${T},"test":false}`,
  pretty: `{\n  "action_name": "p",\n  "parameters": { "b": 1, "a": 2 },\n  "timestamp": ${T}\n}\n`,
  empty: '{}',
  emptySpaced: '{ }',
  alreadySigned: `{"action_name":"s","parameters":{},"timestamp":${T},"signature":"${'a'.repeat(64)}"}`,
  extraKeys: `{"zeta":1,"timestamp":${T},"alpha":{"y":2,"x":1},"action_name":"e","parameters":{}}`,
};

describe('sign', () => {
  for (const style of STYLES) {
    for (const [name, body] of Object.entries(BODIES)) {
      it(`round-trips ${name} in the ${style.name} style`, () => {
        const out = sign(body, KEY, style.name);
        expect(out.signature).toMatch(/^[0-9a-f]{64}$/);
        const report = verify(enc(out.body), KEY, { receivedAt: AT });
        expect(report.verdict).toBe('valid');
        expect(report.received).toBe(out.signature);
        expect(report.styles.find((s) => s.style === style.name)?.matched).toBe(true);
        // The signature is the last top-level member.
        expect(out.body.trimEnd()).toMatch(new RegExp(`"signature":"${out.signature}"\\s*}$`));
      });
    }
  }

  it('python: the body sent is the Python serialization plus the signature', () => {
    const out = sign(BODIES.unicode!, KEY, 'python');
    const canonical = `{"action_name":"x","parameters":{"z":"Ren\\u00e9e \\u65e5\\u672c \\ud83d\\ude00 <&> \\u2028","a":[1.0,1e-07,18446744073709551616,-0.0]},"timestamp":${T},"test":false}`;
    expect(out.signature).toBe(hmac(KEY, canonical));
    expect(out.body).toBe(`${canonical.slice(0, -1)},"signature":"${out.signature}"}`);
  });

  it('raw: keeps the bytes, whitespace included, and drops an old signature', () => {
    const out = sign(BODIES.pretty!, KEY, 'raw');
    expect(out.signature).toBe(hmac(KEY, BODIES.pretty!));
    expect(out.body).toBe(
      `{\n  "action_name": "p",\n  "parameters": { "b": 1, "a": 2 },\n  "timestamp": ${T},"signature":"${out.signature}"\n}\n`,
    );
    const resigned = sign(BODIES.alreadySigned!, KEY, 'raw');
    expect(resigned.signature).toBe(hmac(KEY, `{"action_name":"s","parameters":{},"timestamp":${T}}`));
    expect(resigned.body).not.toContain('a'.repeat(64));
    expect(sign('{ }', KEY, 'raw').body).toBe(`{ "signature":"${hmac(KEY, '{ }')}"}`);
  });

  it('go: sorted keys and Go escaping in the body sent', () => {
    const out = sign(`{"b":"<é>","a":1.0,"timestamp":${T}}`, KEY, 'go');
    const canonical = `{"a":1,"b":"\\u003cé\\u003e","timestamp":${T}}`;
    expect(out).toEqual({ body: `${canonical.slice(0, -1)},"signature":"${hmac(KEY, canonical)}"}`, signature: hmac(KEY, canonical) });
  });

  it('accepts bytes as well as text', () => {
    expect(sign(enc(BODIES.plain!), KEY, 'go')).toEqual(sign(BODIES.plain!, KEY, 'go'));
  });

  it('throws SignInputError for bodies that are not JSON objects', () => {
    expect(() => sign('[1]', KEY, 'python')).toThrow(SignInputError);
    expect(() => sign('{"a":', KEY, 'python')).toThrow(/Invalid JSON at byte 5/);
    try {
      sign('nope', KEY, 'python');
    } catch (e) {
      expect((e as SignInputError).code).toBe('invalid-json');
    }
  });
});
