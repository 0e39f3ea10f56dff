import type { Document, LineCounter } from 'yaml';
import { parseYamlText, yamlPosition } from '../yaml/yaml-text';
import { loadLazily } from '../load-lazily';
import type { ProjectProblem } from '../../contract/project';

const loadYaml = loadLazily<typeof import('yaml')>('yaml');

/** How a file was saved, beyond what YAML says: its line endings and whether it starts with a byte order mark. */
export interface FileStyle {
  newline: '\n' | '\r\n';
  byteOrderMark: boolean;
}

/** A YAML file read whole: its document (comments and key order kept), its plain value, and how it was saved. */
export interface YamlFile {
  document: Document;
  lineCounter: LineCounter;
  value: unknown;
  style: FileStyle;
  /** The text it was read from. */
  text: string;
}

/** Parses `text` (the file `file`, as the project names it); syntax errors come back with line and column. */
export function parseYamlFile(file: string, text: string): { ok: true; value: YamlFile } | { ok: false; problems: ProjectProblem[] } {
  const { document, lineCounter, syntaxErrors } = parseYamlText(text);
  if (syntaxErrors.length > 0) return { ok: false, problems: syntaxErrors.map((error) => ({ file, ...error })) };
  return { ok: true, value: { document, lineCounter, value: document.toJS() as unknown, style: styleOf(text), text } };
}

/** The style of a text: the line ending of its first line (an editor saves them all alike), and its byte order mark. */
function styleOf(text: string): FileStyle {
  const end = text.indexOf('\n');
  return { newline: end > 0 && text[end - 1] === '\r' ? '\r\n' : '\n', byteOrderMark: text.startsWith('\ufeff') };
}

/**
 * `text` (as the YAML library writes it: LF, no byte order mark) in the style the file was
 * saved in, so rewriting a file from Windows changes only the lines that changed, not every one.
 */
export function inFileStyle(text: string, style: FileStyle): string {
  const lines = style.newline === '\n' ? text : text.replace(/\r?\n/g, '\r\n');
  return style.byteOrderMark && !lines.startsWith('\ufeff') ? `\ufeff${lines}` : lines;
}

/**
 * A mistake in the file (`file`, as the project names it) at `path`, placed as {@link yamlPosition}
 * says: `place` 'value' for a mistake in the value written there, 'key' for one about the entry.
 */
export function problemAt(yaml: YamlFile, file: string, path: string, message: string, place: 'key' | 'value' = 'key'): ProjectProblem {
  return { file, message, ...(yamlPosition(yaml, path, place) ?? { line: null, column: null }) };
}

/** A new YAML text for `value`, after `header` lines (comments). */
export function newYamlText(header: string[], value: unknown): string {
  const yaml = loadYaml();
  return `${header.join('\n')}${header.length ? '\n' : ''}${yaml.stringify(value, { lineWidth: 0 })}`;
}

/** How the YAML library writes a file back: no folding of long lines, flow maps as people write them (`{a: 1}`). */
const WRITE_OPTIONS = { lineWidth: 0, flowCollectionPadding: false };

/** The yaml-language-server's `$schema` comment (as `# yaml-language-server: $schema=...`): it names a whole file's format. */
const SCHEMA_COMMENT = /^ ?yaml-language-server:/;

/**
 * The file's text without its top-level `keys` (nor what is written on their lines), every
 * other line as the file has it: a part of the file on its own (an answer file's mock, without
 * `version:`). A comment above a key left out stays, above what follows it, but for the
 * `$schema` comment, which names the whole file's format. LF line endings, no byte order mark.
 * The file's document is left as it is.
 */
export function textWithout(file: YamlFile, keys: readonly string[]): string {
  const yaml = loadYaml();
  const document = file.document.clone();
  const map = document.contents;
  if (yaml.isMap(map)) {
    let above: string[] = [];
    for (const pair of [...map.items]) {
      const key = yaml.isNode(pair.key) ? pair.key : null;
      const comment = (key?.commentBefore ?? '').split('\n').filter((line) => line !== '' && !SCHEMA_COMMENT.test(line));
      if (keys.includes(yaml.isScalar(pair.key) ? String(pair.key.value) : String(pair.key))) {
        above = [...above, ...comment];
        map.delete(pair.key);
      } else if (key && above.length > 0) {
        key.commentBefore = [...above, ...comment].join('\n');
        above = [];
      }
    }
  }
  return keepLinesAsWritten(file.text, file.document.toString(WRITE_OPTIONS), document.toString(WRITE_OPTIONS));
}

/**
 * Makes the file's document equal `value` while keeping what a person wrote around it:
 * comments, key order, the formatting of every value that did not change, its line endings
 * and byte order mark. Keys the value
 * lacks are removed (except those in `keep`); new keys go at the end of their map.
 */
export function mergeIntoDocument(file: YamlFile, value: Record<string, unknown>, keep: readonly string[] = []): string {
  const yaml = loadYaml();
  const { document } = file;
  const options = WRITE_OPTIONS;
  const respelled = document.toString(options);
  const merge = (node: unknown, next: unknown): unknown => {
    if (yaml.isMap(node) && isRecord(next)) {
      for (const pair of [...node.items]) {
        const key = yaml.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (!Object.hasOwn(next, key) && !(node === document.contents && keep.includes(key))) node.delete(key);
      }
      for (const [key, wanted] of Object.entries(next)) {
        const current = node.get(key, true);
        const merged = merge(current, wanted);
        if (merged !== current) node.set(key, merged);
      }
      return node;
    }
    if (yaml.isSeq(node) && Array.isArray(next)) {
      while (node.items.length > next.length) node.items.pop();
      next.forEach((wanted, index) => {
        const current = node.get(index, true);
        const merged = merge(current, wanted);
        if (merged !== current) node.set(index, merged);
      });
      return node;
    }
    if (yaml.isScalar(node) && !isRecord(next) && !Array.isArray(next)) {
      // The same node with a new value keeps its quoting and its comments.
      if (node.value !== next) node.value = next;
      return node;
    }
    return document.createNode(next);
  };
  const contents = merge(document.contents, value);
  if (contents !== document.contents) document.contents = contents as typeof document.contents;
  return inFileStyle(keepLinesAsWritten(file.text, respelled, document.toString(options)), file.style);
}

/**
 * `written` with each line that did not change as the file had it: the YAML library respells
 * what it writes (one space before a comment, its own quoting), which would show lines nobody
 * edited in the team's diff. `respelled` is the file as the library writes it unchanged; when it
 * has the file's lines one for one, a line of `written` equal to one of them is the file's line.
 */
function keepLinesAsWritten(text: string, respelled: string, written: string): string {
  const original = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const lines = respelled.split('\n');
  if (original.length !== lines.length) return written;
  // A respelled line that stands for two different lines of the file stands for neither.
  const asWritten = new Map<string, string | null>();
  lines.forEach((line, index) => {
    const was = original[index] ?? line;
    const known = asWritten.get(line);
    asWritten.set(line, known === undefined || known === was ? was : null);
  });
  return written
    .split('\n')
    .map((line) => asWritten.get(line) ?? line)
    .join('\n');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
