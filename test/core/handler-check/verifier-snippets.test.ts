import { describe, expect, it } from 'vitest';
import { VERIFIER_LANGUAGES, type VerifierLanguage } from '../../../main/contract/api';
import { verifierSnippet } from '../../../main/core/handler-check';
import { CanonicalSet } from '../../../main/core/signature/canonical';
import { parseJson } from '../../../main/core/json/parse-json';
import { sign, STYLES, verify } from '../../../main/core/signature';
import { gofmtList, hasGo, hasPython, runVerifiers } from './verifier-runners';
import type { StyleName } from '../../../main/contract/names-and-limits';

// The printed verifiers, run as real Python, Node and Go processes against bodies signed by the
// product's signer in every style: each must accept exactly the bodies whose signature the
// companion finds valid in its style, and refuse the rest with Flowent's error texts.

const KEY = 'flowent-ключ-🔑';
const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
const receivedAt = 1645123456_000;

/** Bodies as Flowent might send them, before signing. Numbers are written out so their spelling survives. */
const BODIES: { name: string; body: string }[] = [
  { name: 'plain ASCII', body: '{"action_name":"send_email","parameters":{"recipient":"a@example.com","count":2},"timestamp":1645123456}' },
  {
    name: 'non-ASCII text',
    body: '{"action_name":"greet","parameters":{"name":"Renée","city":"北京","note":"naïve café"},"timestamp":1645123456}',
  },
  { name: 'emoji', body: '{"action_name":"react","parameters":{"emoji":"👋🏽 🎉"},"timestamp":1645123456}' },
  {
    name: 'HTML characters and line separators',
    body: '{"action_name":"render","parameters":{"html":"<b>Tom & Jerry</b>","lines":"one\u2028two\u2029three"},"timestamp":1645123456}',
  },
  {
    name: 'nested objects in unsorted order',
    body: '{"action_name":"nested","parameters":{"zeta":{"b":1,"a":[{"y":1,"x":2}]},"alpha":true,"Émile":null,"10":"ten","2":"two","list":[]},"timestamp":1645123456}',
  },
  {
    name: 'floats and large integers',
    body: '{"action_name":"numbers","parameters":{"n":[1.5,0.1,3.0,-0.0,1e21,1.5e-7,123456789.125,2.5e+300,100.0,1e16,0.0001,12345678901234567890,-7]},"timestamp":1645123456}',
  },
  {
    name: 'escapes in the input',
    body: '{"action_name":"escapes","parameters":{"text":"quote \\" backslash \\\\ newline \\n tab \\t slash \\/ e-acute \\u00e9 control \\u0001"},"timestamp":1645123456}',
  },
  {
    name: 'top-level keys out of the documented order, and an extra one',
    body: '{"timestamp":1645123456,"parameters":{"b":2,"a":1},"action_name":"reordered","zeta":"extra"}',
  },
  { name: 'pretty-printed', body: '{\n  "action_name": "pretty",\n  "parameters": {"b": 1, "a": "é"},\n  "timestamp": 1645123456\n}' },
  { name: 'registration check, signed', body: '{"action_name":"send_email","parameters":{},"timestamp":1645123456,"test":true}' },
];

interface Case {
  name: string;
  body: Uint8Array;
  /** What the verifier made for `style` must return: null to accept, else the error text. */
  expected: (style: StyleName) => string | null;
}

const flipLastHex = (signature: string): string => signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');

function buildCases(): Case[] {
  const cases: Case[] = [];
  for (const { name, body } of BODIES) {
    for (const { name: signedIn } of STYLES) {
      const signed = sign(body, KEY, signedIn);
      const report = verify(enc(signed.body), KEY, { receivedAt });
      const valid = new Set(report.styles.filter((s) => s.matched).map((s) => s.style));
      if (!valid.has(signedIn)) throw new Error(`the signer's ${signedIn} body does not verify in ${signedIn}`);
      cases.push({
        name: `${name}, signed ${signedIn}`,
        body: enc(signed.body),
        expected: (style) => (valid.has(style) ? null : 'Invalid signature'),
      });
      const forged = signed.body.replace(signed.signature, flipLastHex(signed.signature));
      cases.push({ name: `${name}, signed ${signedIn}, one hex digit changed`, body: enc(forged), expected: () => 'Invalid signature' });
    }
  }
  const python = sign(BODIES[0]!.body, KEY, 'python');
  cases.push(
    {
      name: 'registration check without a signature',
      body: enc('{"action_name":"send_email","parameters":{},"timestamp":1645123456,"test":true}'),
      expected: () => null,
    },
    { name: 'call without a signature', body: enc(BODIES[0]!.body), expected: () => 'Missing signature' },
    {
      name: 'call with "test": false and no signature',
      body: enc('{"action_name":"x","parameters":{},"timestamp":1,"test":false}'),
      expected: () => 'Missing signature',
    },
    {
      name: 'signature in uppercase hex',
      body: enc(python.body.replace(python.signature, python.signature.toUpperCase())),
      expected: () => 'Invalid signature',
    },
    {
      name: 'signature that is a number',
      body: enc('{"action_name":"x","parameters":{},"timestamp":1,"signature":42}'),
      expected: () => 'Invalid signature',
    },
    { name: 'body cut short', body: enc('{"action_name":"x","parameters":{'), expected: () => 'Invalid JSON payload' },
    { name: 'an array, not an object', body: enc('[1,2]'), expected: () => 'Invalid JSON payload' },
    { name: 'an object followed by more', body: enc('{"action_name":"x"} {}'), expected: () => 'Invalid JSON payload' },
  );
  return cases;
}

const CASES = buildCases();

function mismatches(language: VerifierLanguage, results: Record<string, (string | null)[]>): string[] {
  const out: string[] = [];
  for (const { name: style } of STYLES) {
    const got = results[style];
    if (got === undefined) {
      out.push(`${language} ${style}: no results`);
      continue;
    }
    CASES.forEach((c, i) => {
      const expected = c.expected(style);
      if (got[i] !== expected)
        out.push(`${language} --style ${style} on "${c.name}": expected ${JSON.stringify(expected)}, got ${JSON.stringify(got[i])}`);
    });
  }
  return out;
}

function snippets(language: VerifierLanguage): Record<string, string> {
  return Object.fromEntries(STYLES.map((s) => [s.name, verifierSnippet(language, s.name)]));
}

const bodies = CASES.map((c) => c.body);

describe('the bodies the verifiers are run against', () => {
  it('tell every style apart from every other: a verifier of the wrong style would fail somewhere', () => {
    const sets = BODIES.map(({ body }) => {
      const bytes = enc(body);
      const parsed = parseJson(bytes);
      if (!parsed.ok || parsed.root.kind !== 'object') throw new Error('bad fixture body');
      return new CanonicalSet(parsed.root, bytes, 'drop');
    });
    const alike: string[] = [];
    for (const a of STYLES) {
      for (const b of STYLES) {
        if (a.name < b.name && sets.every((set) => Buffer.from(set.bytes(a)).equals(Buffer.from(set.bytes(b)))))
          alike.push(`${a.name} = ${b.name}`);
      }
    }
    expect(alike).toEqual([]);
  });
});

describe.each(VERIFIER_LANGUAGES.filter((l) => l !== 'go'))('the %s verifiers, run', (language) => {
  it.skipIf(language === 'python' && !hasPython)(
    `accept exactly the signatures valid in their style (${CASES.length} bodies each)`,
    async () => {
      const results = await runVerifiers(language, snippets(language), bodies, KEY);
      expect(mismatches(language, results)).toEqual([]);
    },
  );
});

describe(hasGo ? 'the go verifiers, run' : 'the go verifiers (skipped: no `go` on PATH; apt-get install golang-go)', () => {
  it.skipIf(!hasGo)(`accept exactly the signatures valid in their style (${CASES.length} bodies each)`, async () => {
    const results = await runVerifiers('go', snippets('go'), bodies, KEY);
    expect(mismatches('go', results)).toEqual([]);
  });

  it.skipIf(!hasGo)('are formatted as gofmt formats them', async () => {
    expect(await gofmtList(Object.values(snippets('go')))).toBe('');
  });
});
