import type { JsonNode } from '../json/json-node';
import type { StyleName } from '../../contract/names-and-limits';
import { FAMILIES, isPlainSafeInteger } from './serialize';
import { STYLES, styleByName } from './styles';

/** A number of a body that a style cannot write as a number, and what its serializer writes instead. */
export interface UnwritableNumber {
  literal: string;
  /** `Infinity`, `-Infinity` (Python, not JSON) or `null` (Go and JavaScript). */
  written: string;
}

/** The number literals of `root` that some serializer might not write as written (safe integers never need a look). */
function numbersToLookAt(root: JsonNode): Set<string> {
  const found = new Set<string>();
  const work: JsonNode[] = [root];
  while (work.length > 0) {
    const node = work.pop()!;
    if (node.kind === 'number') {
      if (!isPlainSafeInteger(node.literal)) found.add(node.literal);
    } else if (node.kind === 'array') work.push(...node.items);
    else if (node.kind === 'object') for (const member of node.members) work.push(member.value);
  }
  return found;
}

function firstUnwritable(literals: Set<string>, style: StyleName): UnwritableNumber | null {
  const escaping = styleByName(style)?.escaping;
  // Raw re-serializes nothing: every number goes as it came.
  if (!escaping) return null;
  const num = FAMILIES[escaping].num;
  for (const literal of literals) {
    const written = num(literal);
    if (!/^-?\d/.test(written)) return { literal, written };
  }
  return null;
}

/**
 * Whether `style` can sign a body as its serializer would and still send JSON holding the same
 * numbers: a number beyond a float64 (1e400) is `Infinity` to Python, which is not JSON, and
 * `null` to Go (whose decoder refuses it) and JavaScript. `styles`: those that can, when one cannot.
 */
export function numbersBeyondStyle(root: JsonNode, style: StyleName): (UnwritableNumber & { styles: StyleName[] }) | null {
  const literals = numbersToLookAt(root);
  if (literals.size === 0) return null;
  const unwritable = firstUnwritable(literals, style);
  if (unwritable === null) return null;
  const styles = STYLES.filter((info) => firstUnwritable(literals, info.name) === null).map((info) => info.name);
  return { ...unwritable, styles };
}
