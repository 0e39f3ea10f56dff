import { StreamLanguage, type StringStream } from '@codemirror/language';

/** Ends a scalar: whitespace, a flow collection's punctuation, or the end of the line. */
const SCALAR_END = /(?=[\s,\]}]|$)/.source;
const NUMBER = new RegExp(`^-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?${SCALAR_END}`);
const LITERAL = new RegExp(`^(?:true|false|null|~)${SCALAR_END}`);
/** A key: a plain or quoted scalar followed by a colon and a space (or the line's end). */
const KEY = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#:,[\]{}][^#:,[\]{}]*?)(?=\s*:(?:\s|$))/;

/**
 * Enough of YAML to colour a mock the way the JSON editor colours one (keys, strings, numbers,
 * literals, comments) with the same theme; the core's parser is what reads it.
 */
function token(stream: StringStream): string | null {
  if (stream.eatSpace()) return null;
  if (stream.peek() === '#') {
    stream.skipToEnd();
    return 'comment';
  }
  if (stream.match(KEY)) return 'propertyName';
  if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'(?:[^']|'')*'?/)) return 'string';
  if (stream.match(NUMBER)) return 'number';
  if (stream.match(LITERAL)) return 'atom';
  if (stream.match(/^[-:,[\]{}|>?]/)) return 'punctuation';
  // A plain scalar runs to a comment or a flow collection's punctuation.
  if (stream.match(/^[^\s#,[\]{}]+(?: +[^\s#,[\]{}]+)*/)) return 'string';
  stream.next();
  return null;
}

export const yamlLanguage = StreamLanguage.define({ name: 'yaml', token });
