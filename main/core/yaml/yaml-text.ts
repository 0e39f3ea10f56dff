import type { Document, LineCounter } from 'yaml';
import { mockPathSegments } from '../../contract/mock-path';
import { loadLazily } from '../load-lazily';

const loadYaml = loadLazily<typeof import('yaml')>('yaml');

/** A 1-based line and column in a text. */
export interface TextPosition {
  line: number;
  column: number;
}

/** A YAML document read with the positions of its nodes. */
export interface PositionedYaml {
  document: Document;
  lineCounter: LineCounter;
}

/**
 * YAML text as a document that keeps comments, key order and positions (duplicate keys are
 * errors), with its syntax errors said in words, each with its line and column when known.
 */
export function parseYamlText(text: string): PositionedYaml & {
  syntaxErrors: { message: string; line: number | null; column: number | null }[];
} {
  const yaml = loadYaml();
  const lineCounter = new yaml.LineCounter();
  const document = yaml.parseDocument(text, { uniqueKeys: true, prettyErrors: true, lineCounter });
  // What is missing at the end (the `}` of a flow map) is found after the last thing written:
  // the parser places it after the last line break, on a line the editor does not show.
  const end = text.trimEnd().length;
  const syntaxErrors = document.errors.map((error) => {
    const position = error.pos[0] >= end && end > 0 ? lineCounter.linePos(end) : error.linePos?.[0];
    const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    return { message: `not valid YAML: ${message}`, line: position?.line ?? null, column: position?.col ?? null };
  });
  const keyErrors = syntaxErrors.length > 0 ? [] : collectionKeys(document, text, lineCounter);
  return { document, lineCounter, syntaxErrors: [...syntaxErrors, ...keyErrors] };
}

/**
 * Keys that are maps or lists, which no file of the companion's has: most often a template that
 * starts its value unquoted (`result: {{parameters.name}}`), which YAML reads as a map whose key
 * is the map `{parameters.name}`. The plain value would hold a stringified key (and the YAML
 * library warn on the process's stderr), so it is a mistake, said where the value starts.
 */
function collectionKeys(document: Document, text: string, lineCounter: LineCounter) {
  const yaml = loadYaml();
  const found: { message: string; line: number | null; column: number | null }[] = [];
  yaml.visit(document, {
    Pair(_key, pair, path) {
      if (!yaml.isCollection(pair.key)) return;
      const parent = path[path.length - 1];
      const outer = yaml.isCollection(parent) && parent.flow && parent.range ? parent.range : null;
      const written = outer ? text.slice(outer[0], outer[1]).trim() : '';
      const start = outer?.[0] ?? pair.key.range?.[0];
      const position = start === undefined ? null : lineCounter.linePos(start);
      const message = written.startsWith('{{')
        ? `${written} is read as a map, not as a template: a template that starts a value goes in quotes, "${written}"`
        : 'a map or list is written where a key goes: a key is text';
      found.push({ message, line: position?.line ?? null, column: position?.col ?? null });
      return yaml.visit.SKIP;
    },
  });
  return found;
}

/** Whether a node is a mapping or list in YAML's block style, not in `{...}`/`[...]`, JSON's shape. */
export function isBlockCollection(node: unknown): boolean {
  const yaml = loadYaml();
  return yaml.isCollection(node) && !node.flow;
}

/**
 * Where a mistake at `path` is, as a person reading the file looks for it: at the key of the
 * entry (`mode:`, not the value after it, which may be on the next line or far to the right),
 * at the item itself in a list (an item has no key), at the top mapping for the empty path.
 * A path that goes further than the file (a missing field) stops at the mapping that lacks it,
 * said at the key that names that mapping.
 *
 * `place` 'value', for a mistake in the value itself (`mode: forwrd`): at the value, when it is
 * on its key's line, where an editor's cursor goes to retype it: a scalar, or a map or list in
 * flow style (`[a, b]`, or a template written unquoted, `{{x}}`, that YAML reads as a map) at
 * its opening bracket. A value on a line of its own, or a block map or list, which starts on
 * the next line, is still found at its key.
 *
 * `path` is a JSON pointer (`/json_schema/type`, as Ajv gives) or a mock path
 * (`responses[1].status`). Null when the file has no node to point at (it is empty).
 */
export function yamlPosition(file: PositionedYaml, path: string, place: 'key' | 'value' = 'key'): TextPosition | null {
  const yaml = loadYaml();
  let node: unknown = file.document.contents;
  let at = yaml.isNode(node) ? node.range?.[0] : undefined;
  let reached = true;
  for (const segment of pathSegments(path)) {
    let next: { node: unknown; at: number | undefined } | null = null;
    if (yaml.isMap(node)) {
      // Compared as text: the path cannot say whether a key such as `200` was written as a number.
      const pair = node.items.find((item) => String(yaml.isScalar(item.key) ? item.key.value : item.key) === String(segment));
      const start = yaml.isNode(pair?.key) ? pair.key.range?.[0] : undefined;
      if (pair) next = { node: pair.value, at: start ?? (yaml.isNode(pair.value) ? pair.value.range?.[0] : undefined) };
    } else if (yaml.isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      const item: unknown = node.items[segment];
      next = { node: item, at: yaml.isNode(item) ? item.range?.[0] : undefined };
    }
    if (!next || next.at === undefined) {
      reached = false;
      break;
    }
    ({ node, at } = next);
  }
  if (at === undefined) return null;
  const { line, col } = file.lineCounter.linePos(at);
  // A map or list in flow style, `{...}`/`[...]`, starts at its bracket; in block style, on the next line.
  const valueAt =
    place === 'value' && reached && (yaml.isScalar(node) || (yaml.isCollection(node) && node.flow === true)) ? node.range?.[0] : undefined;
  if (valueAt !== undefined && file.lineCounter.linePos(valueAt).line === line)
    return { line, column: file.lineCounter.linePos(valueAt).col };
  return { line, column: col };
}

/**
 * The keys and indexes of a JSON pointer (`/a/0/b~1c`) or of a mock path (`responses[1].body.[a.b]`,
 * see mock-path): the one reading of both, for finding a mistake's place and a template's in a file.
 */
export function pathSegments(path: string): (string | number)[] {
  if (path.startsWith('/'))
    return path
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return mockPathSegments(path);
}
