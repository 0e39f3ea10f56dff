import type { AnswerDiff } from '../contract/api';

/** A replay's answer diff as unified-style text lines (`+`, `-`): only what changed. */
export function formatDiff(diff: AnswerDiff): string[] {
  const out: string[] = [];
  if (diff.status.changed) out.push(`status ${diff.status.before} → ${diff.status.after}`);
  for (const header of diff.headers) out.push(`header ${header.name}: ${header.before ?? '(none)'} → ${header.after ?? '(none)'}`);
  if (diff.body.changed) {
    for (const line of diff.body.lines) if (line.kind !== 'same') out.push(`${line.kind === 'added' ? '+' : '-'} ${line.text}`);
  }
  return out;
}
