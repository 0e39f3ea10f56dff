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
 * Finds templates in a YAML mock: plain and quoted strings are walked to the template's
 * position, block strings (`|`, `>`) matched line by line against what they read as; past
 * where a plain or quoted string folds onto its next line, the template's lines are not the
 * file's, and there is no place.
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
      case 'BLOCK_FOLDED':
        return typeof node.value === 'string' ? blockPosition(text, start, end, node.value, inTemplate) : null;
      default:
        break;
    }
    return at === null ? null : positionOf(text, at);
  };
}

/**
 * In a block string (`|`, `>`, with or without an indentation its header sets, `|2`), each line
 * of the file, after the block's indentation, is found as it is in what the block reads as:
 * a literal block keeps its line breaks, a folded one turns some into spaces and drops others,
 * and only those breaks and spaces lie between the lines' texts. The template's position is
 * placed on the line of the file whose text holds it. Null past the block's last line (where
 * Handlebars says a block left open ends), or on a line break or blank line: a place near it
 * would be a wrong one.
 */
function blockPosition(text: string, start: number, end: number, value: string, inTemplate: TextPosition): TextPosition | null {
  const target = offsetOf(value, inTemplate);
  if (target === null || value.includes('\r')) return null;
  const written = text
    .slice(start, end)
    .replace(/\n$/, '')
    .split('\n')
    .slice(1)
    .map((line) => line.replace(/\r$/, ''));
  const indent = blockIndent(written, value);
  if (indent === null) return null;
  const firstLine = positionOf(text, start).line + 1;
  let from = 0;
  for (const [index, line] of written.entries()) {
    const content = line.slice(indent);
    if (content.trim() === '') continue;
    const at = value.indexOf(content, from);
    if (at < 0 || at > target || !/^[ \n]*$/.test(value.slice(from, at))) return null;
    if (target <= at + content.length) return { line: firstLine + index, column: indent + target - at + 1 };
    from = at + content.length;
  }
  return null;
}

/**
 * How far a block's lines are indented: the first line with text, less the indentation, starts
 * the first line with text of what the block reads as. Worked out from the two rather than from
 * the header, whose indentation (`|2`) counts from its parent's, not from the key's column.
 */
function blockIndent(written: string[], value: string): number | null {
  const line = written.find((each) => each.trim() !== '');
  const read = value.split('\n').find((each) => each.trim() !== '');
  if (line === undefined || read === undefined) return null;
  for (let indent = 0; indent <= line.length - line.trimStart().length; indent++) {
    if (read.startsWith(line.slice(indent))) return indent;
  }
  return null;
}

/** The offset in a template of a line and column as Handlebars counts them; null past its end. */
function offsetOf(template: string, { line, column }: TextPosition): number | null {
  const lines = template.split('\n');
  const text = lines[line - 1];
  if (text === undefined || column > text.length + 1) return null;
  return lines.slice(0, line - 1).reduce((offset, each) => offset + each.length + 1, 0) + column - 1;
}
