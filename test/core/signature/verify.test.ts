import { describe, expect, it } from 'vitest';
import { STYLES, verify } from '../../../main/core/signature';
import { AT, KEY, T, enc, hmac, withSignature } from './helpers';

const BODY = `{"action_name":"send_email","parameters":{"recipient":"a@b.c","subject":"Hi"},"timestamp":${T}}`;
const SIG = hmac(KEY, BODY);
const signed = withSignature(BODY, SIG);
const run = (body: string, key: string | null = KEY, receivedAt = AT) => verify(enc(body), key, { receivedAt });
const codes = (body: string, key: string | null = KEY, receivedAt = AT) => run(body, key, receivedAt).diagnosis.map((d) => d.code);

describe('verify: verdicts', () => {
  it('valid: names the first matching style, marks every matching one', () => {
    const r = run(signed);
    expect(r.verdict).toBe('valid');
    expect(r.style).toBe('python');
    expect(r.received).toBe(SIG);
    expect(r.diagnosis).toEqual([]);
    expect(r.styles).toHaveLength(STYLES.length);
    expect(r.styles[0]).toMatchObject({ style: 'python', label: 'Python example (as sent, ASCII escapes)', expected: SIG, matched: true });
    // Keys already sorted and ASCII only: the Go reading produces the same bytes.
    expect(r.styles.find((s) => s.style === 'go')?.matched).toBe(true);
    expect(r.styles.find((s) => s.style === 'raw')?.matched).toBe(true);
    expect(r.styles[0]!.canonical).toBeUndefined();
  });

  it('includeCanonical puts the signed text of every style in the report', () => {
    const r = verify(enc(signed), KEY, { receivedAt: AT, includeCanonical: true });
    expect(r.styles.find((s) => s.style === 'python')?.canonical).toBe(BODY);
    expect(r.styles.every((s) => typeof s.canonical === 'string')).toBe(true);
  });

  it('invalid: wrong key gives no-match pointing at the HMAC key page', () => {
    const r = run(signed, 'other-key');
    expect(r.verdict).toBe('invalid');
    expect(r.style).toBeNull();
    expect(r.styles.every((s) => !s.matched)).toBe(true);
    expect(r.diagnosis).toHaveLength(1);
    expect(r.diagnosis[0]!.code).toBe('no-match');
    expect(r.diagnosis[0]!.hint).toContain('Gateway Management > HMAC Keys');
  });

  it('missing and unsigned-test', () => {
    expect(run(BODY)).toMatchObject({ verdict: 'missing', received: null, style: null });
    expect(codes(BODY)).toEqual(['missing-signature']);
    // Stored before enforcement decides anything: its advice holds whether it is on or off.
    expect(run(BODY).diagnosis[0]!.hint).not.toMatch(/enforcement/);
    expect(run(BODY).diagnosis[0]!.hint).toContain('sign it');
    // With no key set, signing is not possible yet: the advice starts with setting one.
    const keyless = run(BODY, null).diagnosis[0]!.hint;
    expect(keyless).toContain('set FLOWENT_HMAC_KEY or enter the key in Settings');
    expect(keyless).not.toContain('with your key');
    const test = `{"action_name":"x","parameters":{},"timestamp":${T},"test":true}`;
    expect(run(test).verdict).toBe('unsigned-test');
    expect(codes(test)).toEqual(['unsigned-test']);
    expect(run(test.replace('true', 'false')).verdict).toBe('missing');
    // Unsigned calls still get expected signatures, for the UI to show.
    expect(run(test).styles[0]!.expected).toBe(hmac(KEY, test));
  });

  it('a signed test call is verified like any other', () => {
    const test = `{"action_name":"x","parameters":{},"timestamp":${T},"test":true}`;
    expect(run(withSignature(test, hmac(KEY, test)))).toMatchObject({ verdict: 'valid', style: 'python' });
    expect(run(withSignature(test, hmac('bad', test))).verdict).toBe('invalid');
  });

  it.each([
    [123, 'not a string (it is a number)'],
    [null, 'not a string (it is null)'],
    [{}, 'not a string (it is an object)'],
    [true, 'not a string (it is a boolean)'],
    ['abc', 'wrong length: 3 characters'],
    [SIG.slice(0, 63), 'wrong length: 63 characters'],
    [`${SIG.slice(0, 10)}g${SIG.slice(11)}`, 'not hex: character 11 is "g"'],
  ])('malformed signature %j', (sig, words) => {
    const r = run(withSignature(BODY, sig));
    expect(r.verdict).toBe('malformed');
    expect(r.diagnosis.map((d) => d.code)).toEqual(['malformed-signature']);
    expect(r.diagnosis[0]!.message).toContain(words);
  });

  it('no-key when the key is null or empty', () => {
    for (const key of [null, '']) {
      const r = run(signed, key);
      expect(r.verdict).toBe('no-key');
      expect(r.received).toBe(SIG);
      expect(r.styles.every((s) => s.expected === null)).toBe(true);
      expect(r.diagnosis[0]!.hint).toContain('FLOWENT_HMAC_KEY');
    }
  });

  it('not-flowent for non-objects and non-JSON', () => {
    for (const body of ['[1,2]', '"s"', 'not json', '']) {
      const r = run(body);
      expect(r.verdict).toBe('not-flowent');
      expect(r.styles).toEqual([]);
      expect(r.diagnosis[0]!.code).toBe('not-flowent');
    }
    expect(run('[1]').diagnosis[0]!.message).toContain('a JSON array, not an object');
  });

  it('uses the last signature member when there are several, and cuts all of them', () => {
    const body = `{"action_name":"a","signature":"${'0'.repeat(64)}","parameters":{},"timestamp":${T}}`;
    const canonical = `{"action_name":"a","parameters":{},"timestamp":${T}}`;
    const r = run(withSignature(body, hmac(KEY, canonical)));
    expect(r.verdict).toBe('valid');
  });
});

describe('verify: diagnosis', () => {
  it('hex-case: uppercase hex of a matching signature', () => {
    const r = run(withSignature(BODY, SIG.toUpperCase()));
    expect(r.verdict).toBe('invalid');
    expect(r.diagnosis.map((d) => d.code)).toEqual(['hex-case']);
    expect(r.diagnosis[0]!.message).toContain('python');
  });

  it('key-whitespace: the stored key has a trailing newline or spaces', () => {
    expect(codes(signed, `${KEY}\n`)).toEqual(['key-whitespace']);
    expect(codes(signed, `  ${KEY}`)).toEqual(['key-whitespace']);
  });

  it('signature-field-included: signed with "signature":"" left in', () => {
    const sig = hmac(KEY, withSignature(BODY, ''));
    const r = run(withSignature(BODY, sig));
    expect(r.verdict).toBe('invalid');
    expect(r.diagnosis.map((d) => d.code)).toEqual(['signature-field-included']);
  });

  it('signature-field-included also in the Go reading (the member sorts in place)', () => {
    const body = `{"action_name":"é","parameters":{"b":1,"a":2},"timestamp":${T}}`;
    const goWithField = `{"action_name":"é","parameters":{"a":2,"b":1},"signature":"","timestamp":${T}}`;
    const r = run(withSignature(body, hmac(KEY, goWithField)));
    expect(r.diagnosis.map((d) => d.code)).toEqual(['signature-field-included']);
    expect(r.diagnosis[0]!.message).toContain('go style');
  });

  it('body-reformatted: pretty-printed by a proxy that also dropped the ".0"', () => {
    const original = `{"action_name":"a","parameters":{"x":1.0},"timestamp":${T}}`;
    const sig = hmac(KEY, original);
    const proxied = JSON.stringify({ ...JSON.parse(original), signature: sig }, null, 2);
    const r = run(proxied);
    expect(r.verdict).toBe('invalid');
    expect(r.diagnosis.map((d) => d.code)).toEqual(['body-reformatted']);
    // The spacing is only the sign of a re-serializer, and the whole number no evidence of one:
    // from the body alone this reads as a wrong key, which comes first.
    expect(r.diagnosis[0]!.message).toBe(
      'The signature matches none of the 13 known styles: most likely the key is wrong. Or the body was changed after signing: ' +
        'it is pretty-printed, so a proxy or framework may have re-serialized it, which breaks the signature only if it also ' +
        'rewrote a number (1.0 as 1).',
    );
    expect(r.diagnosis[0]!.hint).toMatch(/^Check that the key set here equals .*forward the body byte for byte\.$/);
  });

  describe("a body as Python's json.dumps writes it by default, signed with another key", () => {
    const body = `{"action_name":"a","parameters":{"to":"ada@example.com","count":1},"timestamp":${T}}`;
    const spaced = (compact: string) => compact.replace(/":/g, '": ').replace(/,"/g, ', "');
    const wrongKey = withSignature(body, hmac('other-key', body));

    it('spaced: the key is named first, and the number is a condition, not a finding', () => {
      const [lead, ...rest] = run(spaced(wrongKey)).diagnosis;
      expect(rest).toEqual([]);
      expect(lead!.message).toMatch(/^The signature matches none of the 13 known styles: most likely the key is wrong\. Or /);
      expect(lead!.message).not.toMatch(/holds a whole number|writes for 1\.0/);
      expect(lead!.message).toContain('breaks the signature only if it also rewrote a number (1.0 as 1)');
    });

    it('compact: the key is wrong or the body was altered', () => {
      expect(run(wrongKey).diagnosis.map((d) => d.code)).toEqual(['no-match']);
    });
  });

  describe('a pretty-printed body: every style but raw ignores whitespace, so spacing alone explains nothing', () => {
    /** A compact, signed body as Python's json.dumps(body, indent=2) writes it (the same bytes for ASCII bodies). */
    const indented = (compact: string) => JSON.stringify(JSON.parse(compact), null, 2);

    it('signed with the right key, it is valid', () => {
      expect(run(indented(signed))).toMatchObject({ verdict: 'valid', style: 'python', diagnosis: [] });
    });

    it('signed with another key, the cause is the key, not the spacing', () => {
      const r = run(indented(withSignature(BODY, hmac('other-key', BODY))));
      expect(r.verdict).toBe('invalid');
      expect(r.diagnosis.map((d) => d.code)).toEqual(['no-match']);
      expect(r.diagnosis[0]!.hint).toContain('Gateway Management > HMAC Keys');
    });

    it('an altered signature (all zeros) on a spaced body is no-match too', () => {
      const spaced = `{ "action_name": "send_email", "parameters": { "recipient": "a@b.c", "subject": "Hi" }, "timestamp": ${T}, "signature": "${'0'.repeat(64)}" }`;
      expect(codes(spaced)).toEqual(['no-match']);
      expect(codes(indented(withSignature(BODY, '0'.repeat(64))))).toEqual(['no-match']);
    });

    it('an integer timestamp is no sign of a rewritten number: Flowent sends whole seconds', () => {
      const body = `{"action_name":"a","parameters":{"n":"1"},"timestamp":${T}}`;
      expect(codes(indented(withSignature(body, hmac('other-key', body))))).toEqual(['no-match']);
    });
  });

  it('body-reformatted: top-level keys out of the documented order', () => {
    const body = `{"timestamp":${T},"action_name":"a","parameters":{}}`;
    const r = run(withSignature(body, hmac('wrong', body)));
    expect(r.diagnosis.map((d) => d.code)).toEqual(['body-reformatted']);
    expect(r.diagnosis[0]!.message).toContain(
      'timestamp, action_name, parameters, signature instead of action_name, parameters, timestamp, signature',
    );
  });

  it('reports every explanation that holds', () => {
    const r = run(withSignature(BODY, hmac(KEY, withSignature(BODY, '')).toUpperCase()), `${KEY} `);
    expect(r.verdict).toBe('invalid');
    // Uppercase hex of a field-included signature with a trimmed key: neither check alone
    // explains it, so nothing but no-match is claimed.
    expect(r.diagnosis.map((d) => d.code)).toEqual(['no-match']);
    // Spaced, keys out of the documented order, and the python style's signature in uppercase.
    const both = run(
      `{ "timestamp":${T},"action_name":"a","parameters":{},"signature":"${hmac(KEY, `{"timestamp":${T},"action_name":"a","parameters":{}}`).toUpperCase()}"}`,
    );
    expect(both.diagnosis.map((d) => d.code)).toEqual(['hex-case', 'body-reformatted']);
    // Spacing alone is no second explanation: the python style, which ignores it, matched.
    const spaced = run(
      `{ "action_name":"a","parameters":{},"timestamp":${T},"signature":"${hmac(KEY, `{"action_name":"a","parameters":{},"timestamp":${T}}`).toUpperCase()}"}`,
    );
    expect(spaced.diagnosis.map((d) => d.code)).toEqual(['hex-case']);
  });
});

describe('verify: timestamp', () => {
  const at = (deltaSeconds: number) => (T + deltaSeconds) * 1000 + 999;
  it.each([
    [0, 'ok', 0],
    [300, 'ok', 300],
    [301, 'old', 301],
    [-60, 'ok', -60],
    [-61, 'future', -61],
  ])('received %i s after the timestamp: %s', (delta, flag, age) => {
    const r = run(signed, KEY, at(delta));
    expect(r.timestamp).toEqual({ value: T, ageSeconds: age, flag });
    expect(r.verdict).toBe('valid');
    const expectedCodes = flag === 'old' ? ['timestamp-old'] : flag === 'future' ? ['timestamp-future'] : [];
    expect(r.diagnosis.map((d) => d.code)).toEqual(expectedCodes);
  });

  it.each([
    ['absent', '{"action_name":"a","parameters":{}}'],
    ['a string', '{"action_name":"a","parameters":{},"timestamp":"1700000000"}'],
    ['a float', '{"action_name":"a","parameters":{},"timestamp":1700000000.5}'],
  ])('missing when %s', (_, body) => {
    expect(run(body).timestamp).toEqual({ value: null, ageSeconds: null, flag: 'missing' });
  });

  it('old timestamps are flagged on unsigned calls too', () => {
    expect(codes(BODY, KEY, at(1000))).toEqual(['missing-signature', 'timestamp-old']);
  });
});

describe('verify: the diagnoses read as sentences', () => {
  const at = (deltaSeconds: number) => (T + deltaSeconds) * 1000;
  const pretty = `{"timestamp":${T}, "action_name":"send_email","parameters":{"recipient":"a@b.c","subject":"Hi"}}`;
  /** A call of every kind the diagnoses speak of, each with a timestamp remark. */
  const every = () =>
    [
      run(signed, KEY, at(1000)),
      run(signed, KEY, at(-1000)),
      run(BODY, KEY, at(1000)),
      run(withSignature(BODY, 'abc'), KEY, at(1000)),
      run(signed, null, at(1000)),
      run(withSignature(BODY, SIG.toUpperCase()), KEY, at(1000)),
      run(signed, `${KEY}\n`, at(1000)),
      run(withSignature(BODY, hmac(KEY, withSignature(BODY, ''))), KEY, at(1000)),
      run(withSignature(pretty, hmac(KEY, pretty)), 'other-key', at(1000)),
      run(`${BODY.slice(0, -1)},"test":true}`, KEY, at(1000)),
      run('[1]'),
    ].flatMap((r) => r.diagnosis);

  it('an old timestamp says when that is expected, and what to do otherwise', () => {
    const old = run(signed, KEY, at(1000)).diagnosis.find((d) => d.code === 'timestamp-old')!;
    expect(old.message).toBe("The call's timestamp is 17 min old, past the 5-minute window.");
    expect(old.hint).toBe(
      "If this call is a replay, an old timestamp is expected; otherwise check this machine's clock (enable network time sync).",
    );
  });

  it('every message and hint is a sentence: a capital, a full stop, and a comma after an opening "If" clause', () => {
    const found = every();
    expect(new Set(found.map((d) => d.code)).size).toBeGreaterThanOrEqual(11);
    for (const text of found.flatMap((d) => [d.message, d.hint])) {
      expect(text, text).toMatch(/^[A-Z"].*[.)]$/s);
      if (/^(If|When|While|Unless) /.test(text)) expect(text.split(/[;:]/)[0], text).toContain(',');
    }
  });
});
