import type { JsonNode, JsonObject } from '../json/json-node';
import { isPlainSafeInteger } from './serialize';

/**
 * True when every escaping serializes this body to the same bytes, so each key order needs
 * one serialization and one HMAC instead of three: every byte is printable ASCII (nothing to
 * escape as \u, nor to keep as raw UTF-8), none is a backslash (no escapes to decode), none
 * is one of Go's HTML-safe characters `<`, `>`, `&`, and every number is a plain integer
 * (printed as written in every family). Flowent's own calls usually are.
 */
export function isPlainBody(root: JsonObject, raw: Uint8Array): boolean {
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    // Tab, line feed and carriage return can only be whitespace between tokens here (inside
    // a string they are invalid JSON); the serializers drop them.
    if (b < 0x20 ? b !== 0x09 && b !== 0x0a && b !== 0x0d : b > 0x7e || b === 0x5c || b === 0x3c || b === 0x3e || b === 0x26) return false;
  }
  return numbersArePlain(root);
}

function numbersArePlain(node: JsonNode): boolean {
  switch (node.kind) {
    case 'number':
      return isPlainSafeInteger(node.literal);
    case 'object':
      return node.members.every((m) => numbersArePlain(m.value));
    case 'array':
      return node.items.every(numbersArePlain);
    default:
      return true;
  }
}
