import type { JsonNode } from '../json/json-node';
import { pathSegments, type TextPosition } from '../yaml/yaml-text';

/**
 * Where a mistake at `path` is in a mock written as JSON, placed as yamlPosition places one in
 * YAML, so a file says the same place in either format: at the key of the member at fault (the
 * member that lacks a missing one), at the item in a list, at the top object for the empty path.
 * `place` 'value', for a mistake in the value itself: at the value, where the page's editor
 * marks it (a JSON value has no block style that starts it on the next line, as YAML's has).
 * `bytes` is the text `root` was parsed from: its offsets count bytes.
 */
export function jsonPosition(bytes: Buffer, root: JsonNode, path: string, place: 'key' | 'value' = 'key'): TextPosition {
  let node = root;
  let at = root.start;
  let reached = true;
  for (const segment of pathSegments(path)) {
    // Compared as text: a mock path's `200` does not say whether it was a key or an index.
    const member = node.kind === 'object' ? node.members.find((each) => each.key === String(segment)) : undefined;
    const item = node.kind === 'array' && typeof segment === 'number' ? node.items[segment] : undefined;
    const next = member ? { node: member.value, at: member.start } : item ? { node: item, at: item.start } : null;
    if (!next) {
      reached = false;
      break;
    }
    ({ node, at } = next);
  }
  return positionAt(bytes, place === 'value' && reached ? node.start : at);
}

/** The 1-based line and column, in characters, of a byte offset into UTF-8 text. */
export function positionAt(bytes: Buffer, offset: number): TextPosition {
  const before = bytes.subarray(0, offset).toString('utf8');
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}
