import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { redactUrlCredentials, type AnswerSettings, type CoreEvent, type ProjectState } from '../contract/api';
import {
  contractWarningHeading,
  contractWarningLine,
  fileMistakeHeading,
  forwardWithoutTargetHeading,
  forwardWithoutTargetWords,
  problemPlace,
  type SetTargetVocabulary,
} from '../contract/words';
import { CLI_VOCABULARY } from './cli-words';
import { BUILT_IN_ANSWER_TEXT } from '../contract/answers';
import { answersNow } from './serve-answer-lines';

const ANSWERS = 'answers';
const ACTIONS = 'actions';
const DEFAULT_FILE = `${ANSWERS}/_default.yaml`;

/**
 * What checks an action's parameters without its action file, as the call's check does after
 * the file (account-api's checkParameters): a schema saved in the simulator, else Flowent's as
 * last listed. Which of them exists is not this file's to know, so both are said.
 */
const OTHER_SCHEMAS = "a schema defined in the simulator, or else Flowent's (as last listed), checks them when there is one";

/**
 * Where a file set to forward gets its target from the command line: `targets set` writes the
 * project's answer file only when run in the folder holding flowent/ (elsewhere it sets the history
 * folder's targets, which the files override).
 */
const SET_TARGET_IN_PROJECT: SetTargetVocabulary = {
  setTarget: (action) => `${CLI_VOCABULARY.setTarget(action)} in the folder that holds flowent/`,
  setDefaultTarget: `${CLI_VOCABULARY.setDefaultTarget} in the folder that holds flowent/`,
};

type Folder = typeof ANSWERS | typeof ACTIONS;

/** The folder of a project file (`answers/x.yaml` is in answers/). */
const folderOf = (file: string): Folder => (file.startsWith(`${ACTIONS}/`) ? ACTIONS : ANSWERS);

/**
 * What `serve` prints when the project's files change, one line a change (and under it the
 * mistakes it has): a file added, changed (its text, not only its time), renamed or removed, with
 * what the companion does with it now; each new mistake with its file and line (once), and its
 * fix; answers/ or actions/ removed or back; the whole folder removed (its last version keeps
 * answering, and its action files checking parameters) and back, with the files in use again;
 * and what an answer file's answers break of Flowent's contract (it answers as it says all the same).
 * Files it does not read (not .yaml, .yml or .json) are passed over, as the companion does.
 * `forwardTarget` is `serve --forward`'s, which answers every action no file answers; `settings`,
 * the answers as read with the event, say what an answer file added or changed does now.
 */
export function projectProblemLines(
  forwardTarget: string | null = null,
): (event: CoreEvent | { type: 'start'; project: ProjectState }, settings: AnswerSettings) => string[] {
  let shown = new Map<string, string[]>();
  let warningsShown = new Map<string, string[]>();
  let inUseBefore = new Set<string>();
  let versionsBefore: Record<string, string> = {};
  let folderThere = true;
  // A subfolder is said to be back only when it was there before (not when it is made the first time).
  const subfolderThere: Record<Folder, boolean | null> = { [ANSWERS]: null, [ACTIONS]: null };
  return (event, settings) => {
    if (event.type !== 'project-changed' && event.type !== 'start') return [];
    const { dir, stale, answers, actions, versions } = event.project;
    // A file set to forward with no target is no problem to a core given serve --forward's: it says none.
    const problems = event.project.problems.filter((problem) => problem.warning !== 'folder-removed');
    const now = new Map<string, string[]>();
    const warned = new Set<string>();
    for (const problem of problems) {
      const message =
        problem.warning === 'forward-without-target' ? forwardWithoutTargetWords(problem, SET_TARGET_IN_PROJECT) : problem.message;
      now.set(problem.file, [...(now.get(problem.file) ?? []), `${problemPlace(problem)}: ${message}`]);
      if (problem.warning) warned.add(problem.file);
    }
    const lines: string[] = [];
    const answering = new Set(answers);
    const inUse = new Set([...answers, ...actions]);
    const words = fileWords(answering, forwardTarget, (action) => answersNow(settings, action, dir ?? ''));
    // Gone is what the core says (it keeps answering from the folder's last version), not a look of our own.
    const there = !event.project.problems.some((problem) => problem.warning === 'folder-removed');
    if (there !== folderThere && dir !== null)
      lines.push(
        there
          ? `Project: ${dir} is back; ${backWords(answering, forwardTarget)}${actionsBackWords(actions)}.`
          : `Project: ${dir} was removed: ${lastVersionWords(answering, forwardTarget)}${actionsKeptWords(actions)}; ` +
              'it is read again when it is back (restart serve to stop using it).',
      );
    const back = there !== folderThere;
    // The subfolders that came or went: their coming or going says it for all of their files.
    const moved = new Set<Folder>();
    for (const folder of [ANSWERS, ACTIONS] as const) {
      const here = dir !== null && existsSync(join(dir, folder));
      const before = subfolderThere[folder];
      if (here || before !== null) subfolderThere[folder] = here;
      if (!there || back || before === null || here === before) continue;
      moved.add(folder);
      lines.push(subfolderLine(folder, here, answering, actions, forwardTarget));
    }
    folderThere = there;
    // A folder's files are quiet while it is gone: its own line said it for them, whichever event
    // (the core may tell the folder gone, then its files) brings their removal.
    const quiet = (file: string) => !there || back || moved.has(folderOf(file)) || subfolderThere[folderOf(file)] === false;
    const mistakeLines = (file: string, messages: string[], title = `Project: ${file}`, lost = '') => {
      if (warned.has(file) && inUse.has(file))
        return [`${forwardWithoutTargetHeading(title)}${lost}:`, ...messages.map((message) => `  ${message}`)];
      return [`${fileMistakeHeading(file, stale, title)}${lost}:`, ...messages.map((message) => `  ${message}`)];
    };

    const knownBefore = new Set([...shown.keys(), ...inUseBefore]);
    const knownNow = new Set([...now.keys(), ...inUse]);
    const removed = [...knownBefore].filter((file) => !knownNow.has(file) && !quiet(file));
    const added = event.type === 'start' ? [] : [...knownNow].filter((file) => !knownBefore.has(file) && !quiet(file)).sort();
    // One file gone and one come in a folder at once is a rename (a file manager's, an editor's, git mv).
    const renamedTo = new Map<string, string>();
    for (const folder of [ANSWERS, ACTIONS] as const) {
      const from = removed.filter((file) => folderOf(file) === folder);
      const to = added.filter((file) => folderOf(file) === folder);
      if (from.length === 1 && to.length === 1) renamedTo.set(to[0]!, from[0]!);
    }
    const renamedFrom = new Set(renamedTo.values());

    for (const [file, messages] of now) {
      if (renamedTo.has(file) || shown.get(file)?.join('\n') === messages.join('\n')) continue;
      lines.push(...mistakeLines(file, messages));
    }
    for (const file of knownBefore) {
      if (now.has(file)) continue;
      if (knownNow.has(file)) {
        if (shown.has(file)) lines.push(`Project: ${file} is fixed and in use.`);
        // A save that changed its text; the folder's return names the files it brings back.
        else if (
          !quiet(file) &&
          versionsBefore[file] !== versions[file] &&
          versionsBefore[file] !== undefined &&
          versions[file] !== undefined
        )
          lines.push(`Project: ${file} was changed: ${words.changed(file)}.`);
        continue;
      }
      if (quiet(file) || renamedFrom.has(file)) continue;
      lines.push(inUseBefore.has(file) ? `Project: ${file} was removed: ${words.lost(file)}.` : `Project: ${file} was removed.`);
    }
    for (const file of added) {
      const from = renamedTo.get(file);
      if (from === undefined) {
        if (!now.has(file)) lines.push(`Project: ${file} was added and is in use: ${words.added(file)}.`);
        continue;
      }
      // What the old name's action gets now, unless the new name is the same action's (x.yml to x.yaml).
      const lost = inUseBefore.has(from) && actionOf(from) !== actionOf(file) ? `; ${words.lost(from)}` : '';
      const title = `Project: ${from} was renamed to ${file}`;
      const messages = now.get(file);
      if (messages) lines.push(...mistakeLines(file, messages, `${title}, which`, lost));
      else lines.push(`${title} and is in use: ${words.added(file)}${lost}.`);
    }
    // Each file's contract warnings when they are new (at the start, or as a save changed them).
    const warningsNow = new Map<string, string[]>();
    for (const warning of event.project.contractWarnings)
      warningsNow.set(warning.file, [...(warningsNow.get(warning.file) ?? []), contractWarningLine(warning)]);
    for (const [file, warnings] of warningsNow)
      if (warningsShown.get(file)?.join('\n') !== warnings.join('\n'))
        lines.push(`${contractWarningHeading(`Project: ${file}`)}:`, ...warnings.map((warning) => `  ${warning}`));
    warningsShown = warningsNow;
    shown = now;
    inUseBefore = inUse;
    versionsBefore = versions;
    return lines;
  };
}

/** The action a file is about (`answers/send_email.yaml`: send_email), `_default` for the default answers. */
function actionOf(file: string): string {
  return file.replace(/^[^/]+\//, '').replace(/\.(ya?ml|json)$/, '');
}

/**
 * What the companion does with a file added, changed, or removed: its answers (`now`: what the
 * calls of an action, null for the default's, get now), or its action's parameter check.
 */
function fileWords(answering: Set<string>, forwardTarget: string | null, now: (action: string | null) => string) {
  const answersOf = (file: string) => `${answeredBy(file)} ${now(file === DEFAULT_FILE ? null : actionOf(file))}`;
  return {
    added: (file: string) => (folderOf(file) === ACTIONS ? `${actionOf(file)}'s parameters are checked against it now` : answersOf(file)),
    changed: (file: string) =>
      folderOf(file) === ACTIONS ? `${actionOf(file)}'s parameters are checked against it as it says now` : answersOf(file),
    lost: (file: string) =>
      folderOf(file) === ACTIONS
        ? `${actionOf(file)}'s parameters are checked against no project file now; ${OTHER_SCHEMAS}`
        : nowAnswering(file, answering, forwardTarget, now),
  };
}

/** answers/ or actions/ removed (its files are not used), or back with the files it holds. */
function subfolderLine(folder: Folder, here: boolean, answering: Set<string>, actions: readonly string[], forwardTarget: string | null) {
  if (folder === ANSWERS)
    return here
      ? `Project: ${ANSWERS}/ is back; ${backWords(answering, forwardTarget)}.`
      : `Project: ${ANSWERS}/ was removed: ${withoutFile('every action', forwardTarget)}.`;
  if (!here) return `Project: ${ACTIONS}/ was removed: calls' parameters are checked against no project file now; ${OTHER_SCHEMAS}.`;
  return actions.length === 0
    ? `Project: ${ACTIONS}/ is back; it has no action files: calls' parameters are checked against no project file; ${OTHER_SCHEMAS}.`
    : `Project: ${ACTIONS}/ is back; its action files check parameters again: ${actions.join(', ')}.`;
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
  return file === DEFAULT_FILE ? 'every action without a file of its own' : actionOf(file);
}

/**
 * Who answers an action whose file (or `_default.yaml`) was just removed, and how: with
 * `_default.yaml` in use, what it does for the action now (`now`), as an edited file's line says.
 */
function nowAnswering(file: string, inUse: Set<string>, forwardTarget: string | null, now: (action: string) => string): string {
  if (file === DEFAULT_FILE) return withoutFile('every action without a file of its own', forwardTarget);
  const action = actionOf(file);
  if (inUse.has(DEFAULT_FILE)) return `${action} ${now(action)}`;
  return withoutFile(`${action} (there is no _default.yaml)`, forwardTarget);
}

function withoutFile(who: string, forwardTarget: string | null): string {
  return forwardTarget === null
    ? `${who} gets the built-in answer now, ${BUILT_IN_ANSWER_TEXT}`
    : `${who} is forwarded to ${redactUrlCredentials(forwardTarget)} now (--forward)`;
}
