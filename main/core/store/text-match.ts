import type { TextMatch } from '../../contract/api';

/** Characters of context shown before a hit, and after it: a list row's width of text. */
const BEFORE = 24;
const AFTER = 60;

/**
 * Where `text` is in `readable` (a body's readable text): the count of non-overlapping hits
 * and the first one with its context, line breaks shown as spaces. Null when it is not there.
 */
export function findTextMatch(readable: string, text: string): TextMatch | null {
  const first = readable.indexOf(text);
  if (text === '' || first < 0) return null;
  let count = 0;
  for (let at = first; at >= 0; at = readable.indexOf(text, at + text.length)) count++;
  const before = Array.from(readable.slice(Math.max(0, first - BEFORE * 2), first))
    .slice(-BEFORE)
    .join('');
  const afterStart = first + text.length;
  const after = Array.from(readable.slice(afterStart, afterStart + AFTER * 2))
    .slice(0, AFTER)
    .join('');
  return {
    count,
    before: `${before.length < first ? '…' : ''}${oneLine(before)}`,
    text: oneLine(text),
    after: `${oneLine(after)}${afterStart + after.length < readable.length ? '…' : ''}`,
  };
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ');
