import type { Document, LineCounter } from 'yaml';
import type { JsonNode } from '../json/json-node';
import { loadLazily } from '../load-lazily';
import type { TextPosition } from '../yaml/yaml-text';

const loadYaml = loadLazily<typeof import('yaml')>('yaml');

/**
 * Where in a mock's text a template's own position falls: a template's checker counts lines
 * and columns inside the string, a person reads them in the file. Null when the string at that
 * path cannot be found.
 */
export type TemplateLocator = (path: string, inTemplate: TextPosition) => TextPosition | null;

/** The parts of a mock path such as `responses[1].body.result`. */
function pathSegments(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) => (match[2] !== undefined ? Number(match[2]) : (match[1] ?? '')));
}

/** The line and column of a character offset in a text. */
function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}

/**
 * Walks a quoted or plain string as written, one written piece (a character or an escape) at a
 * time, until the decoded text reaches the template's position; returns the offset of that
 * piece. `step` says how long the piece at an offset is and what it decodes to
 * (null: a piece this walk cannot follow, such as a line break that folds).
 */
function walkTo(
  from: number,
  to: number,
  target: TextPosition,
  step: (at: number) => { length: number; decoded: string } | null,
): number | null {
  let line = 1;
  let column = 1;
  for (let at = from; at < to;) {
    if (line === target.line && column === target.column) return at;
    const piece = step(at);
    if (!piece) return null;
    for (const char of piece.decoded) {
      if (char === '\n') {
        line += 1;
        column = 1;
      } else column += char.length;
    }
    at += piece.length;
  }
  return line === target.line && column === target.column ? to : null;
}

/** Finds templates in a JSON mock: the string at the path, walked through its escapes. */
export function jsonTemplateLocator(text: string, root: JsonNode): TemplateLocator {
  const bytes = Buffer.from(text, 'utf8');
  // Node offsets count bytes; positions count characters.
  const charOffset = (byteOffset: number) => bytes.subarray(0, byteOffset).toString('utf8').length;
  return (path, inTemplate) => {
    let node: JsonNode | undefined = root;
    for (const segment of pathSegments(path)) {
      if (node?.kind === 'object') node = node.members.find((member) => member.key === segment)?.value;
      else if (node?.kind === 'array' && typeof segment === 'number') node = node.items[segment];
      else node = undefined;
    }
    if (node?.kind !== 'string') return null;
    const start = charOffset(node.start);
    const end = charOffset(node.end);
    const at = walkTo(start + 1, end - 1, inTemplate, (i) => {
      if (text[i] !== '\\') return { length: 1, decoded: text[i] ?? '' };
      if (text[i + 1] === 'u') return { length: 6, decoded: 'x' };
      return { length: 2, decoded: text[i + 1] === 'n' ? '\n' : 'x' };
    });
    return positionOf(text, at ?? start);
  };
}

const YAML_ESCAPE_LENGTH: Record<string, number> = { x: 4, u: 6, U: 10 };

/**
 * Finds templates in a YAML mock: plain, quoted and literal (`|`) strings are walked to the
 * template's position; a string folded over lines points at its start.
 */
export function yamlTemplateLocator(text: string, document: Document, lineCounter: LineCounter): TemplateLocator {
  const yaml = loadYaml();
  return (path, inTemplate) => {
    const node: unknown = document.getIn(pathSegments(path), true);
    if (!yaml.isScalar(node) || !node.range) return null;
    const [start, end] = node.range;
    const startPosition = lineCounter.linePos(start);
    const fallback = { line: startPosition.line, column: startPosition.col };
    let at: number | null = null;
    switch (node.type) {
      case 'PLAIN':
        at = walkTo(start, end, inTemplate, (i) => (text[i] === '\n' ? null : { length: 1, decoded: text[i] ?? '' }));
        break;
      case 'QUOTE_SINGLE':
        at = walkTo(start + 1, end - 1, inTemplate, (i) => {
          if (text[i] === '\n') return null;
          return text[i] === "'" ? { length: 2, decoded: "'" } : { length: 1, decoded: text[i] ?? '' };
        });
        break;
      case 'QUOTE_DOUBLE':
        at = walkTo(start + 1, end - 1, inTemplate, (i) => {
          if (text[i] === '\n') return null;
          if (text[i] !== '\\') return { length: 1, decoded: text[i] ?? '' };
          const escape = text[i + 1] ?? '';
          if (escape === '\n') return null;
          return { length: YAML_ESCAPE_LENGTH[escape] ?? 2, decoded: escape === 'n' ? '\n' : escape === 'U' ? 'xx' : 'x' };
        });
        break;
      case 'BLOCK_LITERAL':
        return literalPosition(text, start, end, inTemplate) ?? fallback;
      default:
        break;
    }
    return at === null ? fallback : positionOf(text, at);
  };
}

/** In a literal block (`|`), each line of the template is a line of the file, after the block's indentation. */
function literalPosition(text: string, start: number, end: number, inTemplate: TextPosition): TextPosition | null {
  const lines = text.slice(start, end).split('\n');
  const content = lines.slice(1);
  const firstWritten = content.find((line) => line.trim() !== '') ?? '';
  const indent = firstWritten.length - firstWritten.trimStart().length;
  if (inTemplate.line > content.length) return null;
  return { line: positionOf(text, start).line + inTemplate.line, column: indent + inTemplate.column };
}
