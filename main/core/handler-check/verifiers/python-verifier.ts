import type { Escaping, KeyOrder, StyleInfo } from '../../signature';
import { styleInWords, styleTraits } from '../style-words';
import { joinBlocks, type CodeBlock } from './code-block';

/**
 * A Python verifier for one style, standard library only. Python's own `json.dumps` writes the
 * ASCII escapings; the other two escapings need a small serializer of their own, since
 * `json.dumps` can neither escape like Go nor print floats like Go and JavaScript.
 */

const HEADER = (style: StyleInfo): string => `# Checks the signature of a Flowent action call the way this Flowent signs:
# ${styleInWords(style.name).replace(/`/g, '')}.
# Printed by "flowent-companion verifier python --style ${style.name}". Standard library only.
#
# Call flowent_signature_error() with the request body's bytes, before anything parses or
# re-encodes them (Flask: request.get_data(); FastAPI: await request.body()). It returns None
# when the call may be handled, or the error to answer with a 401:
#     {"result": "", "error": <the error>}
# Flowent's registration check ("test": true) passes without a signature: answer it with 200
# and do not run the action.`;

const ENTRY = (parse: string): CodeBlock => ({
  imports: ['import hashlib', 'import hmac', 'import json', 'import os'],
  code: String.raw`def flowent_signature_error(raw_body):
    try:
        ${parse}
    except (ValueError, RecursionError):
        return "Invalid JSON payload"
    if not isinstance(payload, dict):
        return "Invalid JSON payload"
    if "signature" not in payload:
        return None if payload.get("test") is True else "Missing signature"
    signature = payload.pop("signature")
    if not isinstance(signature, str):
        return "Invalid signature"
    key = os.environ.get("FLOWENT_HMAC_KEY", "").encode("utf-8")
    if not key:
        raise RuntimeError("FLOWENT_HMAC_KEY is not set: set FLOWENT_HMAC_KEY to your Flowent HMAC key")
    expected = hmac.new(key, signed_bytes(raw_body, payload), hashlib.sha256).hexdigest()
    # compare_digest takes as long wherever the two differ: no timing hints for forgers.
    if hmac.compare_digest(expected.encode("ascii"), signature.encode("utf-8")):
        return None
    return "Invalid signature"`,
});

const PARSE = 'payload = json.loads(raw_body)';
/** Go decodes every number into a float64: an integer -0 keeps its sign, a huge integer is rounded. */
const PARSE_AS_GO = 'payload = json.loads(raw_body, parse_int=float)  # Go decodes every number into a float64';

const SORTED: CodeBlock = {
  imports: [],
  code: String.raw`def _sorted(value):
    """The value with the keys of every object in it sorted."""
    if isinstance(value, dict):
        return {key: _sorted(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted(item) for item in value]
    return value`,
};

const STRUCT: CodeBlock = {
  imports: [],
  code: String.raw`_STRUCT_ORDER = ("action_name", "parameters", "timestamp", "test")


def _struct_order(payload):
    """Top-level keys in Go struct order, then any other key sorted; nested keys sorted."""
    keys = [key for key in _STRUCT_ORDER if key in payload]
    keys += sorted(key for key in payload if key not in _STRUCT_ORDER)
    return {key: _sorted(payload[key]) for key in keys}`,
};

/** The payload expression in the order of `order`, and the blocks it needs. */
const ORDERED: Record<KeyOrder, { expression: string; blocks: CodeBlock[] }> = {
  'as-sent': { expression: 'payload', blocks: [] },
  sorted: { expression: '_sorted(payload)', blocks: [SORTED] },
  'nested-sorted': { expression: '{key: _sorted(value) for key, value in payload.items()}', blocks: [SORTED] },
  struct: { expression: '_struct_order(payload)', blocks: [SORTED, STRUCT] },
};

const DUMP: CodeBlock = {
  imports: [],
  code: String.raw`def _dump(value):
    """Compact JSON, with the strings and numbers written by _quote and _number."""
    if isinstance(value, dict):
        return "{" + ",".join(_quote(key) + ":" + _dump(item) for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_dump(item) for item in value) + "]"
    if isinstance(value, str):
        return _quote(value)
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    return _number(value)`,
};

const QUOTE_GO: CodeBlock = {
  imports: ['import re'],
  code: String.raw`_GO_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _quote(text):
    """A string as Go writes it: raw UTF-8 with <, >, &, U+2028 and U+2029 escaped."""
    text = re.sub(r"[\ud800-\udfff]", "\ufffd", text)  # Go's decoder turns lone surrogates into U+FFFD
    return re.sub("[<>&\u2028\u2029]", lambda match: _GO_ESCAPES[match.group()], json.dumps(text, ensure_ascii=False))`,
};

const QUOTE_UTF8: CodeBlock = {
  imports: ['import re'],
  code: String.raw`def _quote(text):
    """A string as JavaScript's JSON.stringify writes it: raw UTF-8, lone surrogates as \\u escapes."""
    quoted = json.dumps(text, ensure_ascii=False)
    return re.sub(r"[\ud800-\udfff]", lambda match: "\\u%04x" % ord(match.group()), quoted)`,
};

/** Go and JavaScript print a float64 the same way, except negative zero. */
const NUMBER = (negativeZero: string, who: string): CodeBlock => ({
  imports: ['import math', 'from decimal import Decimal'],
  code: String.raw`def _number(value):
    """A number as ${who} prints it: a float64 in its shortest form, 3.0 as 3, exponents from 1e21 and below 1e-6."""
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        return "null"
    if number == 0:
        return ${negativeZero}
    _, digits, exponent = Decimal(repr(abs(number))).normalize().as_tuple()
    digits = "".join(str(digit) for digit in digits)
    point = len(digits) + exponent  # where the decimal point goes
    if len(digits) <= point <= 21:
        text = digits + "0" * (point - len(digits))
    elif 0 < point <= 21:
        text = digits[:point] + "." + digits[point:]
    elif -6 < point <= 0:
        text = "0." + "0" * -point + digits
    else:
        text = digits[0] + ("." + digits[1:] if len(digits) > 1 else "") + "e" + ("+" if point > 0 else "-") + str(abs(point - 1))
    return ("-" if number < 0 else "") + text`,
});

const ESCAPED: Record<Exclude<Escaping, 'ascii'>, CodeBlock[]> = {
  go: [QUOTE_GO, NUMBER('"-0" if math.copysign(1, number) < 0 else "0"', 'Go')],
  utf8: [QUOTE_UTF8, NUMBER('"0"', 'JavaScript')],
};

function signedBytes(style: StyleInfo, order: KeyOrder, escaping: Escaping): CodeBlock[] {
  const ordered = ORDERED[order];
  const what = `the body without "signature", ${styleTraits(style.name)}`;
  if (escaping === 'ascii') {
    const sort = order === 'sorted' ? ', sort_keys=True' : '';
    const expression = order === 'sorted' ? 'payload' : ordered.expression;
    const blocks = order === 'sorted' ? [] : ordered.blocks;
    return [
      {
        imports: [],
        code: `def signed_bytes(raw_body, payload):
    """What Flowent signed: ${what}."""
    return json.dumps(${expression}, separators=(",", ":")${sort}).encode("utf-8")`,
      },
      ...blocks,
    ];
  }
  return [
    {
      imports: [],
      code: `def signed_bytes(raw_body, payload):
    """What Flowent signed: ${what}."""
    return _dump(${ordered.expression}).encode("utf-8")`,
    },
    ...ordered.blocks,
    DUMP,
    ...ESCAPED[escaping],
  ];
}

const RAW: CodeBlock[] = [
  {
    imports: ['import re'],
    code: String.raw`def signed_bytes(raw_body, payload):
    """What Flowent signed: the body as received, without the "signature" member and one comma next to it."""
    text = raw_body.decode("utf-8")
    members = _top_level_members(text)
    for index, (key, start, end) in enumerate(members):
        if key != "signature":
            continue
        if index + 1 < len(members):
            end = members[index + 1][1]
        elif index > 0:
            start = members[index - 1][2]
        return (text[:start] + text[end:]).encode("utf-8")
    return raw_body


_SPACE = re.compile(r"[ \t\n\r]*")


def _top_level_members(text):
    """(key, start, end) of each member of the body's top-level object."""
    decoder = json.JSONDecoder()
    members = []
    at = _SPACE.match(text, _SPACE.match(text).end() + 1).end()  # past "{"
    while text[at] == '"':
        key, after_key = json.decoder.scanstring(text, at + 1)
        value_at = _SPACE.match(text, _SPACE.match(text, after_key).end() + 1).end()  # past ":"
        _, end = decoder.raw_decode(text, value_at)
        members.append((key, at, end))
        at = _SPACE.match(text, end).end()
        if text[at] == ",":
            at = _SPACE.match(text, at + 1).end()
    return members`,
  },
];

export function pythonVerifier(style: StyleInfo): string {
  const blocks = style.order === null || style.escaping === null ? RAW : signedBytes(style, style.order, style.escaping);
  return joinBlocks({
    header: HEADER(style),
    imports: (names) => sortPythonImports(names).join('\n'),
    blocks: [ENTRY(style.escaping === 'go' ? PARSE_AS_GO : PARSE), ...blocks],
    separator: '\n\n\n',
  });
}

/** `import x` lines first, then `from x import y`, each alphabetical (isort's default). */
function sortPythonImports(lines: readonly string[]): string[] {
  const plain = lines.filter((line) => line.startsWith('import ')).sort();
  const from = lines.filter((line) => line.startsWith('from ')).sort();
  return from.length === 0 ? plain : [...plain, ...from];
}
