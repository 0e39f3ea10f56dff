import { styleByName, type Escaping, type KeyOrder } from '../signature';
import type { StyleName } from '../../contract/names-and-limits';

/**
 * The signing styles said the way a developer thinks of their verifier: what the serializer
 * does to key order and to characters, and, where one is well known, which library call
 * behaves that way. The engine's labels (styles.ts) name the styles, in the page's diagnosis
 * too; these sentences explain them in the verifier command's help and atop each verifier.
 */

const ORDER_WORDS: Record<KeyOrder, string> = {
  'as-sent': 'keys as sent',
  sorted: 'sorted keys',
  'nested-sorted': 'top-level keys as sent and nested keys sorted',
  struct: 'top-level keys in Go struct order and nested keys sorted',
};

const ESCAPING_WORDS: Record<Escaping, string> = {
  ascii: 'ASCII escapes',
  go: 'raw UTF-8 with <, > and & escaped',
  utf8: 'raw UTF-8',
};

/** What the escaping also decides about numbers, for the longer description. */
const NUMBER_WORDS: Record<Escaping, string> = {
  ascii: 'numbers as Python prints them (3.0 stays 3.0, integers exact)',
  go: 'numbers as Go prints a float64 (3.0 becomes 3)',
  utf8: 'numbers as JavaScript prints them (3.0 becomes 3)',
};

/**
 * The well-known serializer calls that produce a style's bytes; styles without one are described
 * by their traits alone. Python's are compact: `json.dumps`'s default separators (", " and ": ")
 * sign other bytes, and a handler written to them would reject every call.
 */
const KNOWN_AS: Partial<Record<StyleName, string>> = {
  python: "Python's compact `json.dumps`",
  go: "Go's `json.Marshal` of a map",
  'go-struct': "Go's `json.Marshal` of a struct",
  'sorted+ascii': "Python's compact `json.dumps(sort_keys=True)`",
  'as-sent+utf8': "JavaScript's `JSON.stringify`",
};

/** The separators that make `json.dumps` compact, said after its name: they are what a reader must pass. */
const COMPACT_SEPARATORS = '(separators "," and ":")';

const RAW_WORDS = 'the body bytes as received, with the signature member cut out';
const STRUCT_ORDER_WORDS = 'Go struct order: action_name, parameters, timestamp, test, then any other key sorted.';

/** The traits of a style: "keys as sent, ASCII escapes". */
export function styleTraits(style: StyleName): string {
  const info = styleByName(style);
  if (info === undefined || info.order === null || info.escaping === null) return RAW_WORDS;
  return `${ORDER_WORDS[info.order]}, ${ESCAPING_WORDS[info.escaping]}`;
}

/**
 * One style in words: "Go's `json.Marshal` of a map (sorted keys, ...)"; Python's with the
 * separators it needs: "Python's compact `json.dumps` (separators "," and ":"), keys as sent, ASCII escapes".
 */
export function styleInWords(style: StyleName): string {
  const known = KNOWN_AS[style];
  if (known === undefined) return styleTraits(style);
  return known.includes('json.dumps') ? `${known} ${COMPACT_SEPARATORS}, ${styleTraits(style)}` : `${known} (${styleTraits(style)})`;
}

/** The longer description shown where the style names are listed: traits and numbers. */
export function styleDescription(style: StyleName): string {
  const info = styleByName(style);
  if (info === undefined || info.order === null || info.escaping === null) return `${RAW_WORDS[0]!.toUpperCase()}${RAW_WORDS.slice(1)}.`;
  const text = `${styleInWords(style)}, ${NUMBER_WORDS[info.escaping]}.`;
  const capitalised = `${text[0]!.toUpperCase()}${text.slice(1)}`;
  return info.order === 'struct' ? `${capitalised} ${STRUCT_ORDER_WORDS}` : capitalised;
}
