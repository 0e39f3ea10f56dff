import type { Escaping, KeyOrder, StyleInfo } from '../../signature';
import { styleInWords, styleTraits } from '../style-words';
import { joinBlocks, type CodeBlock } from './code-block';

/**
 * A Node.js verifier for one style, no dependencies (an ES module). `JSON.parse` cannot be
 * used to rebuild the signed text: it moves keys that look like integers to the front and
 * forgets how numbers were written (3.0 or 3), so the snippet carries a small parser that
 * keeps both, and the positions of the top-level members for the raw style.
 */

const HEADER = (style: StyleInfo): string => `// Checks the signature of a Flowent action call the way this Flowent signs:
// ${styleInWords(style.name).replace(/`/g, '')}.
// Printed by "flowent-companion verifier node --style ${style.name}". Node.js 18 or newer, no dependencies.
//
// Call flowentSignatureError() with the request body's bytes, before anything parses or
// re-encodes them (Express: app.post(path, express.raw({ type: 'application/json' }), ...) gives
// req.body as a Buffer). It returns null when the call may be handled, or the error to answer
// with a 401: { result: '', error: <the error> }.
// Flowent's registration check ("test": true) passes without a signature: answer it with 200
// and do not run the action.`;

const ENTRY: CodeBlock = {
  imports: ['createHmac', 'timingSafeEqual'],
  code: String.raw`export function flowentSignatureError(rawBody) {
  const text = Buffer.from(rawBody).toString('utf8');
  let body;
  try {
    body = parseJson(text);
  } catch {
    return 'Invalid JSON payload';
  }
  if (!(body instanceof JsonObject)) return 'Invalid JSON payload';
  const signature = body.members.findLast((member) => member.key === 'signature');
  if (signature === undefined) {
    const test = body.members.findLast((member) => member.key === 'test');
    return test !== undefined && test.value === true ? null : 'Missing signature';
  }
  if (typeof signature.value !== 'string') return 'Invalid signature';
  const key = process.env.FLOWENT_HMAC_KEY;
  if (!key) throw new Error('FLOWENT_HMAC_KEY is not set: set FLOWENT_HMAC_KEY to your Flowent HMAC key');
  const expected = Buffer.from(createHmac('sha256', key).update(signedBytes(text, body)).digest('hex'));
  const received = Buffer.from(signature.value);
  // timingSafeEqual takes as long wherever the two differ: no timing hints for forgers.
  return received.length === expected.length && timingSafeEqual(received, expected) ? null : 'Invalid signature';
}`,
};

const PARSER: CodeBlock = {
  imports: [],
  code: String.raw`class JsonObject {
  /** members: [{ key, value, start, end }] in the order received, start and end in the text. */
  constructor(members) {
    this.members = members;
  }
}

class JsonNumber {
  /** literal: the number as written. */
  constructor(literal) {
    this.literal = literal;
  }
}

// One token after optional whitespace: punctuation, string, number or literal.
const TOKEN = /[ \t\n\r]*(?:([{}[\],:])|("(?:[^"\\\u0000-\u001f]|\\.)*")|(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null))/y;

/** Parses JSON, keeping what JSON.parse loses: key order, number spelling, member positions. */
function parseJson(text) {
  let at = 0;
  const next = () => {
    TOKEN.lastIndex = at;
    const token = TOKEN.exec(text);
    if (token === null) throw new SyntaxError('Unexpected JSON at ' + at);
    at = TOKEN.lastIndex;
    return token;
  };
  const value = (token) => {
    const [, punctuation, string, number, literal] = token;
    if (string !== undefined) return JSON.parse(string);
    if (number !== undefined) return new JsonNumber(number);
    if (literal !== undefined) return JSON.parse(literal);
    if (punctuation === '[') {
      const items = [];
      let t = next();
      if (t[1] === ']') return items;
      for (;;) {
        items.push(value(t));
        t = next();
        if (t[1] === ']') return items;
        if (t[1] !== ',') throw new SyntaxError('Expected , or ] at ' + at);
        t = next();
      }
    }
    if (punctuation === '{') {
      const members = [];
      let t = next();
      if (t[1] === '}') return new JsonObject(members);
      for (;;) {
        if (t[2] === undefined) throw new SyntaxError('Expected a key at ' + at);
        const start = at - t[2].length;
        if (next()[1] !== ':') throw new SyntaxError('Expected : at ' + at);
        members.push({ key: JSON.parse(t[2]), value: value(next()), start, end: at });
        t = next();
        if (t[1] === '}') return new JsonObject(members);
        if (t[1] !== ',') throw new SyntaxError('Expected , or } at ' + at);
        t = next();
      }
    }
    throw new SyntaxError('Unexpected ' + punctuation + ' at ' + at);
  };
  const root = value(next());
  if (/[^ \t\n\r]/.test(text.slice(at))) throw new SyntaxError('Unexpected text after the JSON at ' + at);
  return root;
}`,
};

const SERIALIZE: CodeBlock = {
  imports: [],
  code: String.raw`function serialize(value, depth) {
  if (value instanceof JsonObject) {
    const members = ordered(value.members, depth).map((member) => quote(member.key) + ':' + serialize(member.value, depth + 1));
    return '{' + members.join(',') + '}';
  }
  if (Array.isArray(value)) return '[' + value.map((item) => serialize(item, depth + 1)).join(',') + ']';
  if (value instanceof JsonNumber) return numberText(value.literal);
  if (typeof value === 'string') return quote(value);
  return String(value); // true, false, null
}`,
};

const BY_KEY = String.raw`// Code point order, as Python and Go sort keys (plain < compares UTF-16 units, which differs above U+FFFF).
const byKey = (a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key));`;

const ORDERED: Record<KeyOrder, CodeBlock> = {
  'as-sent': { imports: [], code: String.raw`const ordered = (members) => members; // keys as sent` },
  sorted: {
    imports: [],
    code: String.raw`${BY_KEY}
const ordered = (members) => [...members].sort(byKey);`,
  },
  'nested-sorted': {
    imports: [],
    code: String.raw`${BY_KEY}
// Top-level keys as sent, nested keys sorted.
const ordered = (members, depth) => (depth === 0 ? members : [...members].sort(byKey));`,
  },
  struct: {
    imports: [],
    code: String.raw`${BY_KEY}
const STRUCT_ORDER = ['action_name', 'parameters', 'timestamp', 'test'];
const rank = (member) => (STRUCT_ORDER.includes(member.key) ? STRUCT_ORDER.indexOf(member.key) : STRUCT_ORDER.length);

/** Top-level keys in Go struct order, then any other key sorted; nested keys sorted. */
function ordered(members, depth) {
  if (depth > 0) return [...members].sort(byKey);
  return [...members].sort((a, b) => rank(a) - rank(b) || (rank(a) === STRUCT_ORDER.length ? byKey(a, b) : 0));
}`,
  },
};

const HEX_ESCAPE = String.raw`(c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')`;

const ESCAPING: Record<Escaping, CodeBlock> = {
  ascii: {
    imports: [],
    code: String.raw`// Strings as Python's json.dumps writes them: every character outside printable ASCII as \uXXXX.
const quote = (text) => JSON.stringify(text).replace(/[\u007f-\uffff]/g, ${HEX_ESCAPE});

/** A number as Python's json.dumps prints it: integers as written, floats by repr (3.0 stays 3.0). */
function numberText(literal) {
  if (/^-?\d+$/.test(literal)) return literal === '-0' ? '0' : literal;
  const number = Number(literal);
  if (!Number.isFinite(number)) return number > 0 ? 'Infinity' : '-Infinity';
  if (number === 0) return Object.is(number, -0) ? '-0.0' : '0.0';
  const sign = number < 0 ? '-' : '';
  const [mantissa, power] = Math.abs(number).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(power);
  if (exponent >= -4 && exponent < 16) {
    if (exponent >= digits.length - 1) return sign + digits + '0'.repeat(exponent - digits.length + 1) + '.0';
    if (exponent >= 0) return sign + digits.slice(0, exponent + 1) + '.' + digits.slice(exponent + 1);
    return sign + '0.' + '0'.repeat(-exponent - 1) + digits;
  }
  const head = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  return sign + head + 'e' + (exponent < 0 ? '-' : '+') + String(Math.abs(exponent)).padStart(2, '0');
}`,
  },
  go: {
    imports: [],
    code: String.raw`// Strings as Go writes them: raw UTF-8 with <, >, &, U+2028 and U+2029 escaped; Go's decoder
// turns a lone surrogate into U+FFFD.
const quote = (text) => JSON.stringify(text.replace(/\p{Cs}/gu, '\ufffd')).replace(/[<>&\u2028\u2029]/g, ${HEX_ESCAPE});

/** A number as Go prints it: decoded into a float64, printed as JavaScript would, but -0 stays -0. */
function numberText(literal) {
  const number = Number(literal);
  if (Object.is(number, -0)) return '-0';
  return Number.isFinite(number) ? String(number) : 'null';
}`,
  },
  utf8: {
    imports: [],
    code: String.raw`// Strings and numbers as JavaScript's JSON.stringify writes them: raw UTF-8, numbers as doubles.
const quote = (text) => JSON.stringify(text);
const numberText = (literal) => JSON.stringify(Number(literal));`,
  },
};

function reserialized(style: StyleInfo, order: KeyOrder, escaping: Escaping): CodeBlock[] {
  return [
    {
      imports: [],
      code: `/** What Flowent signed: the body without "signature", ${styleTraits(style.name)}. */
function signedBytes(text, body) {
  const members = body.members.filter((member) => member.key !== 'signature');
  return Buffer.from(serialize(new JsonObject(members), 0), 'utf8');
}`,
    },
    SERIALIZE,
    ORDERED[order],
    ESCAPING[escaping],
  ];
}

const RAW: CodeBlock = {
  imports: [],
  code: String.raw`/** What Flowent signed: the body as received, without the "signature" member and one comma next to it. */
function signedBytes(text, body) {
  const members = body.members;
  const index = members.findLastIndex((member) => member.key === 'signature');
  const { start, end } = members[index];
  const next = members[index + 1];
  const previous = members[index - 1];
  const [from, to] = next !== undefined ? [start, next.start] : previous !== undefined ? [previous.end, end] : [start, end];
  return Buffer.from(text.slice(0, from) + text.slice(to), 'utf8');
}`,
};

export function nodeVerifier(style: StyleInfo): string {
  const blocks = style.order === null || style.escaping === null ? [RAW] : reserialized(style, style.order, style.escaping);
  return joinBlocks({
    header: HEADER(style),
    imports: (names) => `import { ${[...names].sort().join(', ')} } from 'node:crypto';`,
    blocks: [ENTRY, ...blocks, PARSER],
    separator: '\n\n',
  });
}
