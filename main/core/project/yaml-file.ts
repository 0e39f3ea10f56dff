import type { Document, LineCounter, Pair } from 'yaml';
import { parseYamlText, yamlPosition } from '../yaml/yaml-text';
import { loadLazily } from '../load-lazily';
import type { ProjectProblem } from '../../contract/project';
import { mergeConflictWords } from '../../contract/words';

const loadYaml = loadLazily<typeof import('yaml')>('yaml');
const loadDiff = loadLazily<typeof import('diff')>('diff');

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
  // The YAML errors of conflict markers say nothing of the conflict: it is the mistake, said once.
  const conflicts = mergeConflicts(text);
  if (conflicts.length > 0)
    return {
      ok: false,
      problems: conflicts.map(({ first, last, markers }) => ({
        file,
        message: mergeConflictWords(first, last, markers),
        line: first,
        column: 1,
      })),
    };
  const { document, lineCounter, syntaxErrors } = parseYamlText(text);
  if (syntaxErrors.length > 0) return { ok: false, problems: syntaxErrors.map((error) => ({ file, ...error })) };
  return { ok: true, value: { document, lineCounter, value: document.toJS() as unknown, style: styleOf(text), text } };
}

/** Git's conflict markers, each at the start of its line: `<<<<<<< HEAD`, `|||||||` (diff3's base), `=======`, `>>>>>>> main`. */
const CONFLICT_MARKER = /^(<{7}|\|{7}|={7}|>{7})(?:[ \t]|$)/;

/**
 * The merge conflicts git left in `text`: each from its `<<<<<<<` line to the `>>>>>>>` line that
 * closes it (1-based), with the markers found between. A `=======` line alone is not one: only
 * an opening marker is taken for a conflict.
 */
function mergeConflicts(text: string): { first: number; last: number | null; markers: string[] }[] {
  const found: { first: number; last: number | null; markers: string[] }[] = [];
  let open: { first: number; last: number | null; markers: string[] } | null = null;
  text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .forEach((line, index) => {
      const marker = CONFLICT_MARKER.exec(line)?.[1];
      if (marker === undefined) return;
      if (marker.startsWith('<')) {
        open = { first: index + 1, last: null, markers: [marker] };
        found.push(open);
      } else if (open !== null) {
        if (!open.markers.includes(marker)) open.markers.push(marker);
        if (marker.startsWith('>')) {
          open.last = index + 1;
          open = null;
        }
      }
    });
  return found;
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
export const WRITE_OPTIONS = { lineWidth: 0, flowCollectionPadding: false };

/** The yaml-language-server's `$schema` comment (as `# yaml-language-server: $schema=...`): it names a whole file's format. */
export const SCHEMA_COMMENT = /^ ?yaml-language-server:/;

/** A top-level entry's key as text: `version` of `version: 1`. */
export function keyName(pair: Pair): string {
  const yaml = loadYaml();
  return yaml.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/** The lines of the comment above an entry's key that {@link textWithout} shows: neither blank nor the `$schema` comment. */
export function shownCommentLines(pair: Pair): string[] {
  const key = loadYaml().isNode(pair.key) ? pair.key : null;
  return (key?.commentBefore ?? '').split('\n').filter((line) => line !== '' && !SCHEMA_COMMENT.test(line));
}

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
      const comment = shownCommentLines(pair);
      if (keys.includes(keyName(pair))) {
        above = [...above, ...comment];
        map.delete(pair.key);
      } else if (key && above.length > 0) {
        key.commentBefore = [...above, ...comment].join('\n');
        above = [];
      }
    }
  }
  return keepLinesAsWritten([{ text: file.text, respelled: file.document.toString(WRITE_OPTIONS) }], document.toString(WRITE_OPTIONS));
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
  return inFileStyle(keepLinesAsWritten([{ text: file.text, respelled }], document.toString(options)), file.style);
}

/** What a source says of a line the YAML library writes: the line as the source had it, and whether the library added the blank line above it. */
interface LineAsWritten {
  /** Null when the line stands for two different lines of the source: it stands for neither. */
  line: string | null;
  blankAdded: boolean;
}

/**
 * `written` with each line that did not change as the text it came from had it: the YAML library
 * respells what it writes (one space before a comment, its own quoting, a blank line above a
 * comment that ends the text), which would show lines nobody edited in the team's diff. Each
 * source is a text and `respelled`, that text as the library writes it unchanged: a line of
 * `written` equal to a line of `respelled` is the text's line, and loses the blank line the library
 * put above it. The first source that has the line decides.
 */
export function keepLinesAsWritten(sources: { text: string; respelled: string }[], written: string): string {
  const known = sources.map(({ text, respelled }) => linesAsWritten(text, respelled));
  const lookup = (line: string | undefined) => (line === undefined ? undefined : known.find((asWritten) => asWritten.has(line))?.get(line));
  const lines = written.split('\n');
  return lines
    .flatMap((line, index) => (line === '' && lookup(lines[index + 1])?.blankAdded ? [] : [lookup(line)?.line ?? line]))
    .join('\n');
}

/** Each line of `respelled` that stands for a line of `text`, with what the text had there. */
function linesAsWritten(text: string, respelled: string): Map<string, LineAsWritten> {
  // The last line's break, or its lack, is no line of its own: a text typed without one is read alike.
  const original = text
    .replace(/^\ufeff/, '')
    .replace(/\r?\n$/, '')
    .split(/\r?\n/);
  const lines = respelled.replace(/\n$/, '').split('\n');
  const counterparts = counterpartLines(original, lines);
  const asWritten = new Map<string, LineAsWritten>();
  lines.forEach((line, index) => {
    const at = counterparts[index];
    if (at === undefined) return;
    const was = { line: original[at] ?? line, blankAdded: index > 0 && lines[index - 1] === '' && counterparts[index - 1] === undefined };
    const known = asWritten.get(line);
    const same = known === undefined || (known.line === was.line && known.blankAdded === was.blankAdded);
    asWritten.set(line, same ? was : { line: null, blankAdded: false });
  });
  return asWritten;
}

/**
 * For each line of `respelled`, the index of the line of `original` it is, if any: paired in order
 * by what they say but for spaces, and lines respelled otherwise (its quoting) one for one where
 * as many were replaced as were written; the blank lines the library added are left without one.
 */
function counterpartLines(original: string[], respelled: string[]): (number | undefined)[] {
  const squashed = (line: string) => line.replace(/\s+/g, '');
  const changes = loadDiff().diffArrays(original, respelled, { comparator: (a, b) => squashed(a) === squashed(b) });
  const counterparts: (number | undefined)[] = [];
  let at = 0;
  changes.forEach((change, index) => {
    const replaced = changes[index - 1];
    if (change.removed) at += change.count;
    else if (change.added && replaced?.removed && replaced.count === change.count)
      counterparts.push(...Array.from({ length: change.count }, (_, n) => at - change.count + n));
    else if (change.added) counterparts.push(...new Array<undefined>(change.count).fill(undefined));
    else for (let n = 0; n < change.count; n++) counterparts.push(at++);
  });
  return counterparts;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
