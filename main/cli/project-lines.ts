import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CoreEvent, ProjectState } from '../contract/api';
import { problemPlace } from '../contract/words';

/**
 * What `serve` prints when the project's files change: each new mistake with its file and line
 * (once), and when a file with a mistake is fixed, or removed (it leaves the problems either way).
 */
export function projectProblemLines(): (event: CoreEvent | { type: 'start'; project: ProjectState }) => string[] {
  let shown = new Map<string, string[]>();
  return (event) => {
    if (event.type !== 'project-changed' && event.type !== 'start') return [];
    const { dir, problems, stale } = event.project;
    const now = new Map<string, string[]>();
    for (const problem of problems)
      now.set(problem.file, [...(now.get(problem.file) ?? []), `${problemPlace(problem)}: ${problem.message}`]);
    const lines: string[] = [];
    for (const [file, messages] of now) {
      if (shown.get(file)?.join('\n') === messages.join('\n')) continue;
      const meanwhile = stale.includes(file)
        ? 'its last good version keeps answering'
        : file.startsWith('answers/')
          ? 'it is not used until fixed'
          : 'it is left out until fixed';
      lines.push(`Project: ${file} has a mistake; ${meanwhile}:`);
      lines.push(...messages.map((message) => `  ${message}`));
    }
    for (const file of shown.keys()) {
      if (now.has(file)) continue;
      const gone = dir !== null && !existsSync(join(dir, file));
      lines.push(gone ? `Project: ${file} was removed.` : `Project: ${file} is fixed and in use.`);
    }
    shown = now;
    return lines;
  };
}
