import type { Pair, YAMLMap } from 'yaml';
import type { MockFormat } from '../../contract/api';
import { loadLazily } from '../load-lazily';
import { inFileStyle, keepLinesAsWritten, keyName, SCHEMA_COMMENT, shownCommentLines, WRITE_OPTIONS, type YamlFile } from './yaml-file';

const loadYaml = loadLazily<typeof import('yaml')>('yaml');

/**
 * Whether a mock's text goes into its file as typed ({@link withPartText}): YAML, but for a mapping
 * in flow style with no comment, `{...}`, which is JSON's shape (JSON pasted while the editor
 * reads YAML). JSON carries no comment nor a layout a YAML file could keep: its values go in as
 * the YAML the file holds, its comments kept.
 */
export function keepsItsText(text: string, format: MockFormat): boolean {
  if (format === 'json') return false;
  const yaml = loadYaml();
  const document = yaml.parseDocument(text);
  if (!yaml.isMap(document.contents) || !document.contents.flow) return true;
  let commented = Boolean(document.commentBefore || document.comment);
  yaml.visit(document, (_key, node) => {
    if (yaml.isNode(node) && (node.commentBefore || node.comment)) commented = true;
  });
  return commented;
}

/**
 * The file with `text` as its part but `keys` (an answer file's mock, all of it but `version:`,
 * `mode:` and `forward:`): the way back of {@link textWithout}, so a part shown, edited and saved
 * lands in the file as it was typed, comments, blank lines and spelling included. The file's
 * `keys` entries keep theirs, each going back before the key of the part that followed it in the
 * file (at the top when the file had nothing but them, at the end when no key of the part followed):
 * the part's lines are the person's, the rest of the file is left to whoever wrote it.
 *
 * The comment lines above a `keys` entry that textWithout showed above the next key go back above
 * the entry, as many as it showed while the text has lines there besides that key's own comment
 * (a reworded header stays the header); lines added beyond them are the key's.
 * `text` is a YAML mapping (the caller has checked it); written in flow style, `{...}`, it is
 * written as a block, to hold the file's entries beside its own.
 */
export function withPartText(file: YamlFile, text: string, keys: readonly string[]): string {
  const yaml = loadYaml();
  const edited = yaml.parseDocument(text);
  const respelled = edited.toString(WRITE_OPTIONS);
  const part: YAMLMap | null = yaml.isMap(edited.contents) ? edited.contents : null;
  if (!part) throw new Error('withPartText: the text is not a mapping');
  part.flow = false;
  // A copy: the file's document is what it was read as, kept by its reader.
  const fileDocument = file.document.clone();
  const pairs = yaml.isMap(fileDocument.contents) ? (fileDocument.contents.items as Pair[]) : [];
  const isFields = (pair: Pair) => keys.includes(keyName(pair));
  // The comment each key of the part had in the file: a text that still ends with it has not changed it.
  const ownComments = new Map(pairs.filter((pair) => !isFields(pair)).map((pair) => [keyName(pair), shownCommentLines(pair)]));

  let run: Pair[] = [];
  let seenPart = false;
  pairs.forEach((pair, index) => {
    if (isFields(pair)) {
      run.push(pair);
      return;
    }
    if (run.length > 0 && !seenPart) {
      // Before the first key of the file's part: at the top of the text, whatever its first key now is.
      if (fileDocument.commentBefore && !edited.commentBefore) edited.commentBefore = takeHeader(part);
      placeBefore(part, 0, run, ownComments);
      // The library drops blank lines at the top of a text (one typed there, one above the key that came first):
      // it goes between the run and the part.
      const first = part.items[run.length] as Pair | undefined;
      const blankAbove = /^[ \t]*\r?\n/.test(text) || (first !== undefined && keyName(first) === keyName(pair) && hasSpaceBefore(pair));
      if (blankAbove && first && yaml.isNode(first.key)) first.key.spaceBefore = true;
    } else if (run.length > 0) {
      // Before the first key of the text that came after them in the file.
      const later = pairs.slice(index).map(keyName);
      const at = part.items.findIndex((item) => later.includes(keyName(item as Pair)));
      placeBefore(part, at < 0 ? part.items.length : at, run, ownComments);
    }
    run = [];
    seenPart = true;
  });
  // After every key of the part nothing of theirs was shown: they go at the end, comments and all;
  // with no part in the file yet (a file of version: alone), at the top, above the new part.
  if (run.length > 0) part.items.splice(seenPart ? part.items.length : 0, 0, ...run);

  const written = edited.toString(WRITE_OPTIONS);
  const asTyped = keepLinesAsWritten(
    [
      { text, respelled },
      { text: file.text, respelled: file.document.toString(WRITE_OPTIONS) },
    ],
    written,
  );
  return inFileStyle(asTyped, file.style);
}

/**
 * The header of a file that has one (a comment at its top, a blank line under it) as the text has
 * it: read as the first key's comment when a comment follows the blank line, as the file's fields
 * no longer stand between them. Taken from that comment, up to its first blank line; null when the
 * text has none there.
 */
function takeHeader(part: YAMLMap): string | null {
  const first = part.items[0] as Pair | undefined;
  const key = first && loadYaml().isNode(first.key) ? first.key : null;
  const lines = key?.commentBefore?.split('\n') ?? [];
  const blank = lines.indexOf('');
  if (!key || blank < 0) return null;
  key.commentBefore = lines.slice(blank + 1).join('\n') || undefined;
  return lines.slice(0, blank).join('\n');
}

function hasSpaceBefore(pair: Pair): boolean {
  return loadYaml().isNode(pair.key) && pair.key.spaceBefore === true;
}

/**
 * Puts `run` (the file's entries left out of the text) before the part's entry at `at`, giving
 * back the comment lines textWithout moved from them onto that entry: the first of its comment's
 * lines, as many as the run's entries showed, but not the entry's own comment as the file had it.
 */
function placeBefore(part: YAMLMap, at: number, run: Pair[], ownComments: Map<string, string[]>): void {
  const next = part.items[at] as Pair | undefined;
  const nextKey = next && loadYaml().isNode(next.key) ? next.key : null;
  const lines = nextKey?.commentBefore ? nextKey.commentBefore.split('\n') : [];
  const keyOwn = next ? (ownComments.get(keyName(next)) ?? []) : [];
  const endsWithOwn = keyOwn.length > 0 && keyOwn.every((line, index) => lines[lines.length - keyOwn.length + index] === line);
  const theirs = Math.min(
    run.reduce((count, pair) => count + shownCommentLines(pair).length, 0),
    endsWithOwn ? lines.length - keyOwn.length : lines.length,
  );
  let back = lines.slice(0, theirs);
  for (const pair of run) {
    const shown = shownCommentLines(pair).length;
    giveComment(pair, back.slice(0, shown));
    back = back.slice(shown);
  }
  if (nextKey) nextKey.commentBefore = lines.slice(theirs).join('\n') || undefined;
  part.items.splice(at, 0, ...run);
}

/**
 * The entry's comment with the lines textWithout showed replaced by `shown`, in order (fewer when
 * the text has fewer there); the `$schema` comment, which was not shown, stays where it was.
 */
function giveComment(pair: Pair, shown: string[]): void {
  const key = loadYaml().isNode(pair.key) ? pair.key : null;
  if (!key) return;
  const given = [...shown];
  const lines = (key.commentBefore ?? '')
    .split('\n')
    .flatMap((line) => (line === '' || SCHEMA_COMMENT.test(line) ? [line] : given.splice(0, 1)));
  while (lines[0] === '') lines.shift();
  while (lines[lines.length - 1] === '') lines.pop();
  key.commentBefore = lines.join('\n') || undefined;
}
