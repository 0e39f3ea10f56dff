/**
 * A small JSON tokenizer for display. It keeps every literal exactly as written (number
 * spellings, escapes, key order, duplicate keys): a signature is over the bytes, so the
 * pretty view must not "fix" anything a parser would.
 */
export type TokenKind = 'key' | 'string' | 'number' | 'literal' | 'punct' | 'space';

export interface Token {
  kind: TokenKind;
  text: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /true|false|null/y;
const SPACE = /[ \t\r\n]+/y;

/** Tokens of `source`, or null when it is not JSON (the view then shows it as plain text). */
export function tokenizeJson(source: string): Token[] | null {
  const tokens: Token[] = [];
  // Track whether the next string in an object is a key.
  const stack: ('{' | '[')[] = [];
  let expectKey = false;
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      SPACE.lastIndex = i;
      const m = SPACE.exec(source);
      const text = m ? m[0] : ch;
      tokens.push({ kind: 'space', text });
      i += text.length;
    } else if (ch === '"') {
      const end = stringEnd(source, i);
      if (end < 0) return null;
      const text = source.slice(i, end);
      tokens.push({ kind: expectKey ? 'key' : 'string', text });
      expectKey = false;
      i = end;
    } else if ('{}[],:'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch });
      if (ch === '{' || ch === '[') stack.push(ch);
      if (ch === '}' || ch === ']') {
        if (stack.pop() !== (ch === '}' ? '{' : '[')) return null;
      }
      expectKey = (ch === '{' || ch === ',') && stack[stack.length - 1] === '{';
      i += 1;
    } else {
      NUMBER.lastIndex = i;
      WORD.lastIndex = i;
      const num = NUMBER.exec(source);
      const word = num ? null : WORD.exec(source);
      const m = num ?? word;
      if (!m) return null;
      tokens.push({ kind: num ? 'number' : 'literal', text: m[0] });
      i += m[0].length;
    }
  }
  if (stack.length > 0 || tokens.every((t) => t.kind === 'space')) return null;
  return tokens;
}

function stringEnd(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i += 1;
    else if (c === '"') return i + 1;
    else if (c === '\n') return -1;
  }
  return -1;
}

/** Re-indents tokens; literals stay byte-for-byte as they were. */
export function prettyTokens(tokens: Token[], indent = '  '): Token[] {
  const out: Token[] = [];
  const solid = tokens.filter((t) => t.kind !== 'space');
  let depth = 0;
  const newline = () => out.push({ kind: 'space', text: '\n' + indent.repeat(depth) });
  for (let i = 0; i < solid.length; i++) {
    const t = solid[i] as Token;
    const next = solid[i + 1];
    if (t.kind === 'punct' && (t.text === '{' || t.text === '[')) {
      out.push(t);
      if (next && next.kind === 'punct' && (next.text === '}' || next.text === ']')) {
        out.push(next);
        i += 1;
        continue;
      }
      depth += 1;
      newline();
    } else if (t.kind === 'punct' && (t.text === '}' || t.text === ']')) {
      depth = Math.max(0, depth - 1);
      newline();
      out.push(t);
    } else if (t.kind === 'punct' && t.text === ',') {
      out.push(t);
      newline();
    } else if (t.kind === 'punct' && t.text === ':') {
      out.push(t, { kind: 'space', text: ' ' });
    } else {
      out.push(t);
    }
  }
  return out;
}
