/**
 * A JSON document as it arrived: key order, duplicate keys and number spellings are kept,
 * because Flowent signatures are computed over a serialization and a parsed JS object loses
 * all three (`1.0` becomes `1`, integer-like keys move to the front).
 *
 * Offsets are byte offsets into the raw body.
 */
export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonBoolean | JsonNull;

interface Span {
  start: number;
  end: number;
}

export interface JsonMember extends Span {
  key: string;
  value: JsonNode;
}

export interface JsonObject extends Span {
  kind: 'object';
  members: JsonMember[];
}

export interface JsonArray extends Span {
  kind: 'array';
  items: JsonNode[];
}

export interface JsonString extends Span {
  kind: 'string';
  value: string;
}

export interface JsonNumber extends Span {
  kind: 'number';
  /** The number exactly as written in the body, e.g. `1.0`, `1e5`, `12345678901234567890`. */
  literal: string;
}

export interface JsonBoolean extends Span {
  kind: 'boolean';
  value: boolean;
}

export interface JsonNull extends Span {
  kind: 'null';
}

export type JsonParseErrorCode = 'empty' | 'invalid-utf8' | 'bom' | 'invalid-json' | 'too-deep';

export type JsonParseResult = { ok: true; root: JsonNode } | { ok: false; code: JsonParseErrorCode; message: string; offset: number };

/** Deeper documents are refused: Flowent never nests this deep and recursion must stay bounded. */
export const MAX_JSON_DEPTH = 256;
