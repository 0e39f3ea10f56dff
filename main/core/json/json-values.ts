import type { JsonNode, JsonObject } from './json-node';

/** A JSON value as plain JavaScript data. */
export type PlainJson = null | boolean | number | string | PlainJson[] | { [key: string]: PlainJson };

/** The first key that appears twice in one object. */
export interface DuplicateKey {
  key: string;
  /** Byte offset of the second occurrence's opening quote. */
  offset: number;
  /** Path of the object holding it, e.g. `$.parameters`. */
  path: string;
}

function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/**
 * The first key repeated within one object anywhere in the tree (objects visited depth first
 * in document order), or null. Flowent's server refuses duplicates, and JSON libraries differ
 * in which occurrence they keep, so what such a body means is ambiguous.
 */
export function findDuplicateKey(root: JsonNode): string | null {
  return locateDuplicateKey(root)?.key ?? null;
}

/** A node waiting to be visited, with how it was reached (its path is only spelled out for a duplicate). */
interface Visit {
  node: JsonNode;
  parent: Visit | null;
  key: string | number;
}

/** Like {@link findDuplicateKey}, with where the duplicate is. */
export function locateDuplicateKey(root: JsonNode): DuplicateKey | null {
  // Depth is bounded by MAX_JSON_DEPTH, but an explicit stack costs nothing and never overflows.
  const work: Visit[] = [{ node: root, parent: null, key: '$' }];
  while (work.length > 0) {
    const visit = work.pop()!;
    const { node } = visit;
    if (node.kind === 'object') {
      // Most objects have a member or two: compared directly, without a Set per object.
      const { members } = node;
      if (members.length > 1) {
        const seen = members.length > 8 ? new Set<string>() : null;
        for (let i = 0; i < members.length; i++) {
          const m = members[i]!;
          const repeated = seen ? seen.has(m.key) : members.slice(0, i).some((earlier) => earlier.key === m.key);
          if (repeated) return { key: m.key, offset: m.start, path: pathOf(visit) };
          seen?.add(m.key);
        }
      }
      for (let i = members.length - 1; i >= 0; i--) {
        const m = members[i]!;
        if (hasChildren(m.value)) work.push({ node: m.value, parent: visit, key: m.key });
      }
    } else if (node.kind === 'array') {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i]!;
        if (hasChildren(item)) work.push({ node: item, parent: visit, key: i });
      }
    }
  }
  return null;
}

/** Only objects and arrays with something inside can hold a duplicate key. */
function hasChildren(node: JsonNode): boolean {
  return (node.kind === 'object' && node.members.length > 0) || (node.kind === 'array' && node.items.length > 0);
}

function pathOf(visit: Visit): string {
  const keys: (string | number)[] = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) keys.push(at.key);
  return keys.reverse().reduce<string>((path, key) => childPath(path, key), '$');
}

function setOwn(target: { [key: string]: PlainJson }, key: string, value: PlainJson): void {
  // defineProperty so that a `__proto__` key becomes data, not a prototype change.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Converts a node to plain JavaScript values, as JSON.parse would: numbers become JS numbers
 * (precision beyond float64 is lost) and for duplicate keys the last occurrence wins.
 */
export function toPlainValue(node: JsonNode): PlainJson {
  switch (node.kind) {
    case 'null':
      return null;
    case 'boolean':
    case 'string':
      return node.value;
    case 'number':
      return Number(node.literal);
    case 'array':
      return node.items.map(toPlainValue);
    case 'object': {
      const out: { [key: string]: PlainJson } = {};
      for (const m of node.members) setOwn(out, m.key, toPlainValue(m.value));
      return out;
    }
    default: {
      const never: never = node;
      return never;
    }
  }
}

/** The last top-level member named `key` (the one JSON.parse, Python and Go would keep). */
export function lastMember(obj: JsonObject, key: string): JsonNode | undefined {
  for (let i = obj.members.length - 1; i >= 0; i--) {
    const m = obj.members[i]!;
    if (m.key === key) return m.value;
  }
  return undefined;
}
