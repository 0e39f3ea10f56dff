import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { redactUrlCredentials, type CoreEvent, type ProjectState } from '../contract/api';
import { problemPlace } from '../contract/words';
import { BUILT_IN_ANSWER_TEXT } from '../contract/answers';

const ANSWERS = 'answers';
const DEFAULT_FILE = `${ANSWERS}/_default.yaml`;

/**
 * What `serve` prints when the project's files change: each new mistake with its file and line
 * (once), when a file with a mistake is fixed, when a file is removed, with what answers in its
 * place, when the whole folder is removed (its last version keeps answering, and its action files
 * checking parameters), and when the folder (or answers/) is back, with the files that answer again
 * (and, for the folder, its action files that check parameters again).
 * `forwardTarget` is `serve --forward`'s, which answers every action no file answers.
 */
export function projectProblemLines(
  forwardTarget: string | null = null,
): (event: CoreEvent | { type: 'start'; project: ProjectState }) => string[] {
  let shown = new Map<string, string[]>();
  let answering = new Set<string>();
  let folderThere = true;
  // answers/ is said to be back only when it was there before (not when it is made the first time).
  let answersThere: boolean | null = null;
  return (event) => {
    if (event.type !== 'project-changed' && event.type !== 'start') return [];
    const { dir, stale, answers, actions } = event.project;
    // serve --forward gives the target a file set to forward without one waits for.
    const problems = event.project.problems.filter(
      (problem) => problem.warning !== 'folder-removed' && !(problem.warning === 'forward-without-target' && forwardTarget !== null),
    );
    const now = new Map<string, string[]>();
    const warned = new Set<string>();
    for (const problem of problems) {
      now.set(problem.file, [...(now.get(problem.file) ?? []), `${problemPlace(problem)}: ${problem.message}`]);
      if (problem.warning) warned.add(problem.file);
    }
    const lines: string[] = [];
    const inUse = new Set(answers);
    // Gone is what the core says (it keeps answering from the folder's last version), not a look of our own.
    const there = !event.project.problems.some((problem) => problem.warning === 'folder-removed');
    const answersHere = dir !== null && existsSync(join(dir, ANSWERS));
    const back = there !== folderThere || (there && answersHere && answersThere === false);
    if (there !== folderThere && dir !== null)
      lines.push(
        there
          ? `Project: ${dir} is back; ${backWords(inUse, forwardTarget)}${actionsBackWords(actions)}.`
          : `Project: ${dir} was removed: ${lastVersionWords(inUse, forwardTarget)}${actionsKeptWords(actions)}; ` +
              'it is read again when it is back (restart serve to stop using it).',
      );
    else if (there && answersHere && answersThere === false)
      lines.push(`Project: ${ANSWERS}/ is back; ${backWords(inUse, forwardTarget)}.`);
    folderThere = there;
    if (answersHere || answersThere !== null) answersThere = answersHere;
    for (const [file, messages] of now) {
      if (shown.get(file)?.join('\n') === messages.join('\n')) continue;
      if (warned.has(file) && inUse.has(file)) {
        lines.push(`Project: ${file} is in use, but cannot answer as it says:`, ...messages.map((message) => `  ${message}`));
        continue;
      }
      const meanwhile = stale.includes(file)
        ? 'its last good version keeps answering'
        : file.startsWith('answers/')
          ? 'it is not used until fixed'
          : 'it is left out until fixed';
      lines.push(`Project: ${file} has a mistake; ${meanwhile}:`);
      lines.push(...messages.map((message) => `  ${message}`));
    }
    for (const file of new Set([...shown.keys(), ...answering])) {
      if (now.has(file) || (inUse.has(file) && !shown.has(file))) continue;
      const gone = dir !== null && !existsSync(join(dir, file));
      if (!gone) {
        if (shown.has(file)) lines.push(`Project: ${file} is fixed and in use.`);
        continue;
      }
      // The folder's removal says it for all of its files.
      if (!there) continue;
      lines.push(
        answering.has(file)
          ? `Project: ${file} was removed: ${nowAnswering(file, inUse, forwardTarget)}.`
          : `Project: ${file} was removed.`,
      );
    }
    // A new file is said, as its removal is, unless the folder's return or its fix says it.
    if (event.type !== 'start' && !back)
      for (const file of [...inUse].sort())
        if (!answering.has(file) && !shown.has(file) && !now.has(file))
          lines.push(`Project: ${file} was added and is in use: ${answeredBy(file)} answers as it says now.`);
    shown = now;
    answering = inUse;
    return lines;
  };
}

/** Which files answer, now that their folder is back, and what answers the other actions. */
function backWords(inUse: Set<string>, forwardTarget: string | null): string {
  const files = [...inUse].sort();
  if (files.length === 0) return `it has no answer files: ${withoutFile('every action', forwardTarget)}`;
  const again = `its files answer again: ${files.join(', ')}`;
  return inUse.has(DEFAULT_FILE) ? again : `${again}; ${withoutFile('every other action', forwardTarget)}`;
}

/** What answers while the project folder is gone: its files as they were last read. */
function lastVersionWords(inUse: Set<string>, forwardTarget: string | null): string {
  const files = [...inUse].sort();
  if (files.length === 0) return `it had no answer files: ${withoutFile('every action', forwardTarget)}`;
  const kept = `its last version keeps answering: ${files.join(', ')}`;
  return inUse.has(DEFAULT_FILE) ? kept : `${kept}; ${withoutFile('every other action', forwardTarget)}`;
}

/** The action files whose last version keeps checking calls' parameters while the project folder is gone. */
function actionsKeptWords(actions: readonly string[]): string {
  return actions.length === 0 ? '' : `; its action files keep checking parameters: ${actions.join(', ')}`;
}

/** The action files that check calls' parameters again now that the project folder is back. */
function actionsBackWords(actions: readonly string[]): string {
  return actions.length === 0 ? '' : `; its action files check parameters again: ${actions.join(', ')}`;
}

/** The actions a file answers: its own, or (`_default.yaml`) every one without a file of its own. */
function answeredBy(file: string): string {
  return file === DEFAULT_FILE ? 'every action without a file of its own' : file.replace(/^answers\//, '').replace(/\.yaml$/, '');
}

/** Who answers an action whose file (or `_default.yaml`) was just removed. */
function nowAnswering(file: string, inUse: Set<string>, forwardTarget: string | null): string {
  if (file === DEFAULT_FILE) return withoutFile('every action without a file of its own', forwardTarget);
  const action = file.replace(/^answers\//, '').replace(/\.yaml$/, '');
  if (inUse.has(DEFAULT_FILE)) return `${action} answers as _default.yaml says now`;
  return withoutFile(`${action} (there is no _default.yaml)`, forwardTarget);
}

function withoutFile(who: string, forwardTarget: string | null): string {
  return forwardTarget === null
    ? `${who} gets the built-in answer now, ${BUILT_IN_ANSWER_TEXT}`
    : `${who} is forwarded to ${redactUrlCredentials(forwardTarget)} now (--forward)`;
}
