import { MAX_JSON_DEPTH } from './json-node';

/**
 * How a JSON text's mistakes are said. The parse is the same for every text; what it is said
 * of is not: a webhook call's body (the default), parameters a user typed, a mock someone wrote
 * (answers/mock-file.ts).
 */
export interface JsonWords {
  /** Nothing to parse; `blank` when there is whitespace. */
  empty(blank: boolean): string;
  bom: string;
  /** `byte` as `0x..`. */
  invalidUtf8(offset: number, byte: string): string;
  /** A syntax mistake at `offset`; `what` says which, e.g. "expected a JSON value, found 'x'". */
  syntax(offset: number, what: string): string;
  tooDeep(offset: number): string;
  /** The end of the text, as in "found the end of the body". */
  end: string;
  /** A key given twice in one object (`path` as `$.parameters`, `offset` of its second occurrence). */
  duplicateKey(key: string, path: string, offset: number): string;
}

/** A JSON text that comes to the companion to be sent on as Flowent sends it, for {@link sentJsonWords}. */
interface SentJson {
  /** Starts its sentences: "The body". */
  name: string;
  /** Whether `name` is plural ("The parameters are"). */
  plural: boolean;
  /** Named in the advice: "the body". */
  it: string;
  /** How it comes: a body is sent, parameters are written. */
  fix: 'Send' | 'Write';
  /** Whether it was already signed (a body received) or is yet to be (parameters typed). */
  signed: boolean;
}

/**
 * The words for one kind of JSON text the companion checks as Flowent's server would: the same
 * problem is said the same way whether a webhook received it or a user typed it.
 */
function sentJsonWords({ name, plural, it, fix, signed }: SentJson): JsonWords {
  const is = plural ? 'are' : 'is';
  const s = plural ? '' : 's';
  const fixLower = fix.toLowerCase();
  return {
    empty: (blank) => (blank ? `${name} contain${s} only whitespace` : `${name} ${is} empty`) + '; Flowent sends a JSON object.',
    bom: `${name} start${s} with a byte order mark; ${fixLower} plain UTF-8 JSON.`,
    invalidUtf8: (offset, byte) =>
      `${name} ${is} not valid UTF-8: byte ${offset} (${byte}) begins an invalid or incomplete UTF-8 sequence. ${fix} ${it} encoded as UTF-8.`,
    syntax: (offset, what) => `Invalid JSON at byte ${offset}: ${what}. ${fix} strict JSON (RFC 8259).`,
    tooDeep: (offset) => `The JSON nests deeper than ${MAX_JSON_DEPTH} levels at byte ${offset}; flatten ${it}.`,
    end: `the end of ${it}`,
    duplicateKey: (key, path, offset) =>
      `${name} repeat${s} the key ${JSON.stringify(key)} in ${path} at byte ${offset}. ${fix} each key once: with duplicates, what ${signed ? 'was' : 'is'} signed is ambiguous.`,
  };
}

/** A webhook call's body, which Flowent sends as a JSON object. */
export const BODY_WORDS: JsonWords = sentJsonWords({ name: 'The body', plural: false, it: 'the body', fix: 'Send', signed: true });

/** Parameters a user typed for a simulated or edited call (send --params, replay --params, the simulator). */
export const PARAMETERS_WORDS: JsonWords = sentJsonWords({
  name: 'The parameters',
  plural: true,
  it: 'the parameters',
  fix: 'Write',
  signed: false,
});
