/**
 * What is wrong with a JSON text a person typed, in plain words with the line and column, for a
 * page to say before anything is sent: JSON.parse's own messages are a browser's ("Expected
 * double-quoted property name in JSON at position 14", or, in Firefox, other words again) and
 * some say no place at all. Strict JSON, as the webhook reads a body. Iterative, so a deeply
 * nested text cannot overflow the stack.
 */

export interface JsonSyntaxProblem {
  /** What is wrong, without the place: "a property name must be in double quotes". */
  what: string;
  /** 1-based, in characters. */
  line: number;
  column: number;
  /** What is wrong with its place, for a sentence that names the text: "a property name must be in double quotes (line 1, column 15)". */
  reason: string;
  /** The whole sentence: "Not valid JSON: a property name must be in double quotes (line 1, column 15)." */
  message: string;
}

/** The first syntax mistake of `text`, or null when it is JSON. */
export function jsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  const found = firstMistake(text);
  return found ? problemAt(text, found) : null;
}

/**
 * Reads JSON a person wrote (a schema, a file): its value, or why it is not JSON in this file's
 * words. Every screen that says why a text is not JSON says it through here, so a mistake reads
 * the same wherever it is made.
 */
export function readJson(text: string): { ok: true; value: unknown } | { ok: false; problem: JsonSyntaxProblem } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    // The checker accepts what the engine refused only at an engine's limit (nesting deeper than
    // its stack), not a mistake in the text: the engine's words are the only ones there are.
    const problem = jsonSyntaxProblem(text) ?? problemAt(text, { at: 0, what: error instanceof Error ? error.message : String(error) });
    return { ok: false, problem };
  }
}

function problemAt(text: string, found: Mistake): JsonSyntaxProblem {
  const { line, column } = placeOf(text, found.at);
  const reason = `${found.what} (line ${line}, column ${column})`;
  return { what: found.what, line, column, reason, message: `Not valid JSON: ${reason}.` };
}

function placeOf(text: string, at: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: at - lineStart + 1 };
}

/** The character at `at` as the sentence names it. */
function shown(text: string, at: number): string {
  if (at >= text.length) return 'the end of the text';
  const c = text.charAt(at);
  if (c === '\n') return 'a line break';
  if (/\s/.test(c)) return 'a space';
  const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(at, at + 20))?.[0];
  return word ? `“${word}”` : `“${c}”`;
}

const isWs = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t';
const isDigit = (c: string) => c >= '0' && c <= '9';

type Mistake = { at: number; what: string };

function firstMistake(text: string): Mistake | null {
  let i = 0;
  const n = text.length;
  /** The containers open around `i`: '{' or '['. */
  const open: string[] = [];
  const skipWs = () => {
    while (i < n && isWs(text.charAt(i))) i++;
  };
  const atComment = () => text.startsWith('//', i) || text.startsWith('/*', i);

  /** A string starting at `i` (a '"'); null when it is good, `i` then after it. */
  const readString = (): Mistake | null => {
    const start = i++;
    while (i < n) {
      const c = text.charAt(i);
      if (c === '"') {
        i++;
        return null;
      }
      if (c === '\\') {
        const e = text.charAt(i + 1);
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { at: i, what: 'a \\u escape needs exactly four hex digits' };
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e) || e === '') {
          return { at: i, what: e === '' ? 'the string is not closed (a " is missing)' : `“\\${e}” is not an escape JSON knows` };
        }
        i += 2;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) {
        return c === '\n'
          ? { at: start, what: 'the string is not closed on its line (a " is missing, or a line break inside it must be written \\n)' }
          : { at: i, what: 'a control character inside a string must be escaped (e.g. \\t)' };
      }
      i++;
    }
    return { at: start, what: 'the string is not closed (a " is missing)' };
  };

  /** A number starting at `i`; null when it is good, `i` then after it. */
  const readNumber = (): Mistake | null => {
    const start = i;
    if (text.charAt(i) === '-') i++;
    if (!isDigit(text.charAt(i))) return { at: i, what: `a digit must follow the minus sign, not ${shown(text, i)}` };
    if (text.charAt(i) === '0' && isDigit(text.charAt(i + 1)))
      return { at: start, what: 'a number must not start with a 0 (leading zeros)' };
    while (isDigit(text.charAt(i))) i++;
    if (text.charAt(i) === '.') {
      i++;
      if (!isDigit(text.charAt(i))) return { at: i, what: `a digit must follow the decimal point, not ${shown(text, i)}` };
      while (isDigit(text.charAt(i))) i++;
    }
    if (text.charAt(i) === 'e' || text.charAt(i) === 'E') {
      i++;
      if (text.charAt(i) === '+' || text.charAt(i) === '-') i++;
      if (!isDigit(text.charAt(i))) return { at: i, what: `the exponent needs a digit, not ${shown(text, i)}` };
      while (isDigit(text.charAt(i))) i++;
    }
    return null;
  };

  /** A value where one must start; null when it is a good scalar or an opened container. */
  const readValue = (): Mistake | null => {
    skipWs();
    const c = text.charAt(i);
    if (c === '{' || c === '[') {
      open.push(c);
      i++;
      return null;
    }
    if (c === '"') return readString();
    if (c === '-' || isDigit(c)) return readNumber();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return null;
      }
    }
    if (i >= n) return { at: i, what: endedEarly(open) };
    if (c === "'") return { at: i, what: 'strings must be in double quotes, not single quotes' };
    if (atComment()) return { at: i, what: 'comments are not allowed in JSON' };
    if (c === '}' || c === ']') return { at: i, what: `a value is missing before “${c}”` };
    if (c === ',') return { at: i, what: 'a value is missing before the comma' };
    const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 20))?.[0];
    if (word === 'NaN' || word === 'Infinity' || word === 'undefined') return { at: i, what: `${word} is not a JSON value` };
    if (word) return { at: i, what: `a text value must be in double quotes (found ${shown(text, i)})` };
    return { at: i, what: `a value is expected here, not ${shown(text, i)}` };
  };

  /** A property name (and its colon) where one must be. */
  const readKey = (): Mistake | null => {
    skipWs();
    const c = text.charAt(i);
    if (c !== '"') {
      if (i >= n) return { at: i, what: endedEarly(open) };
      if (atComment()) return { at: i, what: 'comments are not allowed in JSON' };
      if (c === '}') return { at: i, what: 'a comma must not come before “}”' };
      return { at: i, what: 'a property name must be in double quotes' };
    }
    const bad = readString();
    if (bad) return bad;
    skipWs();
    if (text.charAt(i) !== ':') return { at: i, what: `a colon (:) must follow the property name, not ${shown(text, i)}` };
    i++;
    return null;
  };

  let bad = readValue();
  if (bad) return bad;
  // After an opened container: its first member or its end; after a value: a comma or the end.
  let justOpened = open.length > 0;
  /** An object's key and value, or an array's value; a value that opens a container is entered next. */
  const readMember = (top: string): Mistake | null => {
    const key = top === '{' ? readKey() : null;
    if (key) return key;
    const depth = open.length;
    const value = readValue();
    if (value) return value;
    justOpened = open.length > depth;
    return null;
  };
  while (open.length > 0) {
    const top = open[open.length - 1]!;
    const close = top === '{' ? '}' : ']';
    skipWs();
    if (justOpened) {
      justOpened = false;
      if (text.charAt(i) === close) {
        open.pop();
        i++;
        continue;
      }
      bad = readMember(top);
      if (bad) return bad;
      continue;
    }
    const c = text.charAt(i);
    if (c === close) {
      open.pop();
      i++;
      continue;
    }
    if (c === ',') {
      i++;
      if (top === '[') {
        skipWs();
        if (text.charAt(i) === ']') return { at: i, what: 'a comma must not come before “]”' };
      }
      bad = readMember(top);
      if (bad) return bad;
      continue;
    }
    if (i >= n) return { at: i, what: endedEarly(open) };
    if (atComment()) return { at: i, what: 'comments are not allowed in JSON' };
    return {
      at: i,
      what:
        (c === '}' || c === ']') && c !== close
          ? `“${c}” does not close the “${top}” open here (“${close}” does)`
          : `a comma (or “${close}”) is missing before ${shown(text, i)}`,
    };
  }
  skipWs();
  if (i < n) {
    if (atComment()) return { at: i, what: 'comments are not allowed in JSON' };
    return { at: i, what: `the JSON value ends before ${shown(text, i)}, which must go` };
  }
  return null;
}

function endedEarly(open: string[]): string {
  if (open.length === 0) return 'the text is empty: type a JSON value';
  const closers = open
    .slice()
    .reverse()
    .map((c) => (c === '{' ? '}' : ']'))
    .join('');
  return `the text ends before the JSON does (“${closers}” missing)`;
}
