import type { AnswerDiff } from '../contract/api';
import { headerDiffWords, statusDiffWords } from '../contract/words';

/**
 * A replay's answer diff as unified-style text lines (`+`, `-`): only what changed.
 * `stillUnreached`: the handler was not reached either time (see handlerStillUnreached), so the
 * status is said as the original's outcome, as the replay's line says it; the headers and body
 * the companion answered in the handler's place are no answer of the handler's to compare.
 */
export function formatDiff(diff: AnswerDiff, stillUnreached = false): string[] {
  if (stillUnreached) return [statusDiffWords(diff.status, true)];
  const out: string[] = [];
  if (diff.status.changed) out.push(statusDiffWords(diff.status, false));
  for (const header of diff.headers) out.push(`header ${header.name}: ${headerDiffWords(header.before, header.after)}`);
  if (diff.body.changed) {
    for (const line of diff.body.lines) if (line.kind !== 'same') out.push(`${line.kind === 'added' ? '+' : '-'} ${line.text}`);
  }
  return out;
}
