import type { Document } from 'yaml';
import type { JsonNode } from '../json/json-node';
import { loadLazily } from '../load-lazily';
import { pathSegments, type TextPosition } from '../yaml/yaml-text';

const loadYaml = loadLazily<typeof import('yaml')>('yaml');

/**
 * Where in a mock's text a template's own position falls: a template's checker counts lines
 * and columns inside the string, a person reads them in the file. Null when the string at that
 * path cannot be found, or when what is written there does not map one to one onto the
 * template up to that position (a line folded, an escaped line break): a place near it would
 * be a wrong place, and the caller says the place inside the template instead.
 */
export type TemplateLocator = (path: string, inTemplate: TextPosition) => TextPosition | null;

/** The line and column of a character offset in a text. */
function positionOf(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}

/**
 * Walks a quoted or plain string as written, one written piece (a character or an escape) at a
 * time, until the decoded text reaches the template's position; returns the offset of that
 * piece. `step` says how long the piece at an offset is and what it decodes to
 * (null: a piece this walk cannot follow, such as a line break that folds). A piece that
 * decodes to a carriage return cannot be followed either: Handlebars counts it as a line, the
 * text does not.
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
    if (!piece || piece.decoded.includes('\r')) return null;
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
      // One UTF-16 unit each, as Handlebars counts columns: a pair of them for a character past U+FFFF.
      if (text[i + 1] === 'u') return { length: 6, decoded: String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16)) };
      return { length: 2, decoded: LINE_BREAK_ESCAPES[text[i + 1] ?? ''] ?? 'x' };
    });
    return at === null ? null : positionOf(text, at);
  };
}

/** What the escapes that break a line decode to, in JSON and YAML alike; any other one is a character that does not. */
const LINE_BREAK_ESCAPES: Record<string, string> = { n: '\n', r: '\r' };

/** The number of hex digits after each escape of a code point in a double-quoted YAML string. */
const YAML_HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * One escape of a double-quoted YAML string at `i` (its backslash), as written and as decoded;
 * null for an escaped line break, which folds.
 */
function yamlEscape(text: string, i: number): { length: number; decoded: string } | null {
  const escape = text[i + 1] ?? '';
  const digits = YAML_HEX_DIGITS[escape];
  if (digits !== undefined) {
    const code = Number.parseInt(text.slice(i + 2, i + 2 + digits), 16);
    return Number.isInteger(code) && code <= 0x10ffff ? { length: 2 + digits, decoded: String.fromCodePoint(code) } : null;
  }
  if (escape === '\n' || escape === '\r') return null;
  return { length: 2, decoded: LINE_BREAK_ESCAPES[escape] ?? 'x' };
}

/**
 * Finds templates in a YAML mock: plain, quoted and literal (`|`) strings are walked to the
 * template's position; in a folded block (`>`), or past where a string folds onto its next
 * line, the template's lines are not the file's, and there is no place.
 */
export function yamlTemplateLocator(text: string, document: Document): TemplateLocator {
  const yaml = loadYaml();
  return (path, inTemplate) => {
    const node: unknown = document.getIn(pathSegments(path), true);
    if (!yaml.isScalar(node) || !node.range) return null;
    const [start, end] = node.range;
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
          return text[i] === '\\' ? yamlEscape(text, i) : { length: 1, decoded: text[i] ?? '' };
        });
        break;
      case 'BLOCK_LITERAL':
        return literalPosition(text, start, end, inTemplate);
      default:
        break;
    }
    return at === null ? null : positionOf(text, at);
  };
}

/**
 * In a literal block (`|`), each line of the template is a line of the file, after the block's
 * indentation. Null past the block's last line (where Handlebars says a block left open ends),
 * past the end of the line, or with an indentation the header sets (`|2`), which this does not
 * work out.
 */
function literalPosition(text: string, start: number, end: number, inTemplate: TextPosition): TextPosition | null {
  const [header = '', ...content] = text.slice(start, end).replace(/\n$/, '').split('\n');
  if (/\d/.test(header.split('#')[0] ?? '')) return null;
  const firstWritten = content.find((line) => line.trim() !== '') ?? '';
  const indent = firstWritten.length - firstWritten.trimStart().length;
  const line = content[inTemplate.line - 1];
  if (line === undefined || inTemplate.column > Math.max(0, line.replace(/\r$/, '').length - indent) + 1) return null;
  return { line: positionOf(text, start).line + inTemplate.line, column: indent + inTemplate.column };
}
