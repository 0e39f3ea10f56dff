import type { TextMatch } from '../../contract/api';
import type { SearchFold } from './search-fold';

/** Characters of context shown before a hit, and after it: a list row's width of text. */
const BEFORE = 24;
const AFTER = 60;

/**
 * Where `text` is in `readable` (a body's readable text), letter case aside as the search
 * reads it (search-fold.ts): the count of non-overlapping hits and the first one with its
 * context, line breaks shown as spaces, and the hit as the body spells it. Null when it is
 * not there. The fold keeps every character's length, so positions in the folded text are
 * positions in the body.
 */
export function findTextMatch(readable: string, text: string, fold: SearchFold): TextMatch | null {
  const folded = fold.fold(readable);
  const wanted = fold.fold(text);
  const first = folded.indexOf(wanted);
  if (text === '' || first < 0) return null;
  let count = 0;
  for (let at = first; at >= 0; at = folded.indexOf(wanted, at + wanted.length)) count++;
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
    text: oneLine(readable.slice(first, first + text.length)),
    after: `${oneLine(after)}${afterStart + after.length < readable.length ? '…' : ''}`,
  };
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ');
