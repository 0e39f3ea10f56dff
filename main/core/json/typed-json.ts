import type { JsonNode, JsonParseErrorCode } from './json-node';
import { locateDuplicateKey } from './json-values';
import type { JsonWords } from './json-words';
import { parseJson } from './parse-json';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** Why a typed JSON text is refused: the parser's code, or a key given twice. */
export type TypedJsonProblem = JsonParseErrorCode | 'duplicate-key';

/**
 * JSON a user typed, checked as the webhook checks a body (strict UTF-8, strict JSON, no key
 * twice) and kept as typed: a body built from `text` and signed from the byte-exact tree keeps
 * `1.0` and `12345678901234567890`, which JSON.parse and JSON.stringify would not.
 */
export class TypedJson {
  private constructor(
    /** The value as typed, without the white space around it. */
    readonly text: string,
    /** Its tree, byte offsets into `text` as UTF-8. */
    readonly root: JsonNode,
  ) {}

  /** Reads `input` (a file's bytes, or text), saying a problem in `words`. */
  static read(
    input: Uint8Array | string,
    words: JsonWords,
  ): { ok: true; value: TypedJson } | { ok: false; problem: TypedJsonProblem; offset: number; message: string } {
    const bytes = typeof input === 'string' ? encoder.encode(input) : input;
    const parsed = parseJson(bytes, words);
    if (!parsed.ok) return { ok: false, problem: parsed.code, offset: parsed.offset, message: parsed.message };
    const duplicate = locateDuplicateKey(parsed.root);
    if (duplicate !== null) {
      const { key, path, offset } = duplicate;
      return { ok: false, problem: 'duplicate-key', offset, message: words.duplicateKey(key, path, offset) };
    }
    const { root } = parsed;
    if (root.start === 0 && root.end === bytes.length) return { ok: true, value: new TypedJson(decoder.decode(bytes), root) };
    // White space around the value is left out; parsed again so the tree's offsets are those of `text`.
    const trimmed = bytes.subarray(root.start, root.end);
    const again = parseJson(trimmed, words);
    if (!again.ok) throw new Error(`a JSON value parsed alone failed: ${again.message}`);
    return { ok: true, value: new TypedJson(decoder.decode(trimmed), again.root) };
  }
}
