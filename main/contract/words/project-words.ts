import type { AccountFailure, GatewayFailure, SessionFailure } from '../account';
import type { HandlerFailure } from '../handlers';
import type {
  AnswerContractWarning,
  AnswersFolderFailure,
  ApplyOutcome,
  ProjectFailure,
  ProjectProblem,
  ProjectState,
  ServeSeen,
} from '../project';
import type { CallsFailure, ProjectMissing } from '../shared';
import type { AnswerFileMistake } from '../answers';
import type { ReplayFailure } from '../replay-outcome';
import { fileProblemClause, PROJECT_FILE_UNWRITABLE_WHAT_TO_DO, projectFileUnwritableClause } from './file-words';
import { tunnelNotOnlineWords } from './here-words';
import { cap, type Catalogue, type Said } from './said';
import type { AnswersFolderVocabulary, Vocabulary } from './vocabulary';

type ProjectOwnFailure = Exclude<ProjectFailure, AccountFailure | ProjectMissing>;

/** Every front end creates a project folder the same way: the command line's init. */
const CREATE_PROJECT = 'run "flowent-companion init" in your project to create one.';

/** Said the same by every front end (no vocabulary): the app's start, the command line and the page. */
export const PROJECT_MISSING_WORDS: Catalogue<ProjectMissing, object> = {
  'project-missing': ({ dir }) => ({ what: `There is no project folder at ${dir}.`, todo: cap(CREATE_PROJECT) }),
};
type HandlerOwnFailure = Exclude<HandlerFailure, ReplayFailure | CallsFailure>;

/** A running companion by what the user started: `the serve at <url>`, or `the desktop app at <url>`. */
export function serveNamed(serve: Pick<ServeSeen, 'mode' | 'baseUrl'>): string {
  return `${serve.mode === 'desktop' ? 'the desktop app' : 'the serve'} at ${serve.baseUrl}`;
}

/** Where each serve answers from, in a few words: `the serve at http://127.0.0.1:8787 answers from /a/flowent/answers`. */
export function servesSeen(serves: readonly ServeSeen[]): string {
  return serves
    .map(
      (serve) =>
        `${serveNamed(serve)} answers from ${serve.projectDir === null ? "the history folder's answers" : `${serve.projectDir}/answers`}`,
    )
    .join('; ');
}

/**
 * Several companions answering from one project's files: `2 serves answer from this project's
 * files: <url> and <url>`; with the desktop app among them, each is named for what it is.
 */
export function severalAnswering(serves: readonly Pick<ServeSeen, 'mode' | 'baseUrl'>[]): string {
  return serves.every((serve) => serve.mode === 'headless')
    ? `${serves.length} serves answer from this project's files: ${serves.map((serve) => serve.baseUrl).join(' and ')}`
    : `${serves.length} companions answer from this project's files: ${serves.map(serveNamed).join(' and ')}`;
}

/**
 * What answers in the place of an answer file with a mistake, the same in serve's lines and on
 * the page: its last good version (`stale`), or nothing of it.
 */
function answerFileMeanwhile(stale: boolean): string {
  return stale ? 'its last good version keeps answering' : 'it is not used until fixed';
}

/**
 * What an action file with a mistake means meanwhile: no version of it is kept (calls' parameters
 * are checked as for an action without a file), and the actions wait, as `actions plan` refuses.
 */
const ACTION_FILE_MEANWHILE =
  "calls' parameters are not checked against it, and the actions are not planned, applied or pulled until it is fixed";

/**
 * What happens meanwhile to a project file with a mistake, as serve's lines and the page say it.
 * `stale`: the answer files whose last good version keeps answering (ProjectState's).
 */
export function fileMistakeMeanwhile(file: string, stale: readonly string[]): string {
  return file.startsWith('actions/') ? ACTION_FILE_MEANWHILE : answerFileMeanwhile(stale.includes(file));
}

/**
 * A project file with a mistake and what happens meanwhile, as serve's lines, the mocks and
 * targets listings and the Answers dialog head its mistakes: `answers/x.yaml has a mistake; it is
 * not used until fixed`. `subject` names the file otherwise (`Project: answers/x.yaml`).
 */
export function fileMistakeHeading(file: string, stale: readonly string[], subject = file): string {
  return `${subject} has a mistake; ${fileMistakeMeanwhile(file, stale)}`;
}

/**
 * A project file that a stopped `git merge` (or pull, rebase, stash pop) left its conflict in:
 * from the `<<<<<<<` line `first` to the `>>>>>>>` line `last` (null: none follows), with the
 * `markers` found there in their order (`|||||||` heads the base version, diff3's style).
 */
export function mergeConflictWords(first: number, last: number | null, markers: readonly string[]): string {
  const lines = last === null ? `from line ${first}, with no >>>>>>> line after it` : `lines ${first} to ${last}`;
  const named = markers.length === 1 ? markers[0] : `${markers.slice(0, -1).join(', ')} and ${markers[markers.length - 1]}`;
  return `a merge conflict is left in it (${lines}): keep the lines you want, delete the others and the lines ${named}, and save it`;
}

/**
 * A project answer file's mistake in one flat sentence, without its closing stop: the file, the
 * line when what its checker found does not name one, then what it found. That may hold brackets
 * of its own (a merge conflict's "(lines 5 to 9)"), so it is not put in brackets itself.
 */
export function answerFileMistakeWords({ file, problem, line }: AnswerFileMistake): string {
  const found = problem.replace(/\.$/, '');
  const at = line !== null && !/\blines? \d+/.test(found) ? ` at line ${line}` : '';
  return `${file} has a mistake${at}: ${found || 'see the project'}`;
}

/** Where a mistake is: the file, and the line and column when it has them. */
export function problemPlace(problem: ProjectProblem): string {
  return problem.line === null ? problem.file : `${problem.file}:${problem.line}${problem.column === null ? '' : `:${problem.column}`}`;
}

/** Where the user gives a file set to forward its target: the action's own (`targets set`, the Answers dialog), or the default's. */
export type SetTargetVocabulary = Pick<Vocabulary, 'setTarget' | 'setDefaultTarget'>;

/** The file of the default answers, whose target is every other action's. */
const DEFAULT_ANSWER_FILE = 'answers/_default.yaml';

/**
 * Heads a file in use that cannot answer as it says (set to forward, with no target): serve's
 * line, the Project dialog's list and the main screen's banner.
 */
export function forwardWithoutTargetHeading(subject: string): string {
  return `${subject} is in use, but cannot answer as it says`;
}

/** What a file in use with no target does meanwhile, as the Project dialog says it beside the file. */
export const FORWARD_WITHOUT_TARGET_MEANWHILE = 'in use: it forwards as soon as it has a target';

/**
 * A file set to forward with no target (`forward-without-target`): the core's words for what
 * happens, then where this front end sets one, or the file's own `forward:` line.
 */
export function forwardWithoutTargetWords(problem: ProjectProblem, say: SetTargetVocabulary): string {
  const setOne =
    problem.file === DEFAULT_ANSWER_FILE ? say.setDefaultTarget : say.setTarget(problem.file.replace(/^answers\/|\.(ya?ml|json)$/g, ''));
  return `${problem.message}: ${setOne}, or add "forward: <url>" to ${problem.file}`;
}

/**
 * What is wrong with the open project that calls do not show: its folder is gone (a branch
 * switch: its last version keeps answering), files have mistakes (their last good version
 * answers, or nothing of them), or files in use are set to forward with no target (their calls
 * fail until one is set). `serve --forward` gives such files a target: the core says none then.
 */
export type ProjectTrouble =
  | { kind: 'folder-gone'; dir: string; problem: ProjectProblem }
  | { kind: 'files'; mistakes: ProjectProblem[]; withoutTarget: ProjectProblem[]; stale: string[] };

export function projectTrouble(project: ProjectState | null): ProjectTrouble | null {
  if (!project?.dir) return null;
  const gone = project.problems.find((problem) => problem.warning === 'folder-removed');
  if (gone) return { kind: 'folder-gone', dir: project.dir, problem: gone };
  const mistakes = project.problems.filter((problem) => problem.warning === undefined);
  const withoutTarget = project.problems.filter((problem) => problem.warning === 'forward-without-target');
  return mistakes.length + withoutTarget.length === 0 ? null : { kind: 'files', mistakes, withoutTarget, stale: project.stale };
}

/** The trouble in a few words, for the header's Project entry. */
export function projectTroubleShort(trouble: ProjectTrouble): string {
  if (trouble.kind === 'folder-gone') return 'The project folder is gone.';
  const mistakes = trouble.mistakes.length;
  const withoutTarget = trouble.withoutTarget.length;
  return [
    mistakes === 0 ? '' : mistakes === 1 ? 'A project file has a mistake.' : `${mistakes} project files have mistakes.`,
    withoutTarget === 0
      ? ''
      : withoutTarget === 1
        ? 'A project file forwards, but has no target.'
        : `${withoutTarget} project files forward, but have no target.`,
  ]
    .filter(Boolean)
    .join(' ');
}

/** The files the banner names before "and N more": the Project dialog lists them all. */
const NAMED = 3;

/**
 * The project's files in trouble, for the main screen: each mistake where it is and what answers
 * meanwhile, in serve's and the dialog's words ("answers/x.yaml:2:9 has a mistake; its last good
 * version keeps answering"), then each file with no target, what its calls get and where to set one.
 */
export function projectFilesTroubleWords(trouble: Extract<ProjectTrouble, { kind: 'files' }>, say: SetTargetVocabulary): string {
  const { mistakes, withoutTarget, stale } = trouble;
  const said = [
    ...mistakes.map((problem) => fileMistakeHeading(problem.file, stale, problemPlace(problem))),
    ...withoutTarget.map((problem) => `${forwardWithoutTargetHeading(problemPlace(problem))}: ${forwardWithoutTargetWords(problem, say)}`),
  ];
  const named = said.slice(0, NAMED);
  const more = said.length - named.length;
  return `${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`;
}

/**
 * Heads an answer file's contract warnings (serve's lines, the mocks listings): a warning, not a
 * mistake, for the file answers as it says; a failing answer may be what the developer wants.
 */
export function contractWarningHeading(subject: string): string {
  return (
    `${subject} answers as it says, but its answers break Flowent's contract ` +
    '(a warning, not a mistake: keep them if you mean a call to fail)'
  );
}

/** One contract warning of an answer file, as serve, the mocks listings and mocks import say it: `answers/x.yaml:4:11: body.result: ...`. */
export function contractWarningLine(warning: AnswerContractWarning): string {
  return `${problemPlace(warning)}: ${warning.path || '(top level)'}: ${warning.message}`;
}

// One mistake a line, as a terminal shows them best and the page keeps (its messages keep line breaks).
// `files`: what the files are to the user, the project's, or the answer files of a folder a command was given.
function filesInvalid({ problems }: { problems: ProjectProblem[] }, files: 'project' | 'answer'): Said {
  const one = files === 'project' ? 'A project file has a mistake' : 'An answer file has a mistake';
  const many = `${files === 'project' ? 'Project' : 'Answer'} files have ${problems.length} mistakes`;
  return {
    what: `${problems.length === 1 ? one : many}; fix ${problems.length === 1 ? 'it' : 'them'} first:\n  ${problems
      .map((problem) => `${problemPlace(problem)}: ${problem.message}`)
      .join('\n  ')}`,
  };
}

const projectInvalid = (failure: { problems: ProjectProblem[] }) => filesInvalid(failure, 'project');

export const PROJECT_WORDS: Catalogue<ProjectOwnFailure, Vocabulary> = {
  'no-project': (_failure, say) => ({ what: 'No project folder is open.', todo: `${cap(say.openProject)}; ${CREATE_PROJECT}` }),
  'project-invalid': projectInvalid,
  'project-folder-removed-actions': ({ folder }) => ({
    what: `The project folder ${folder} was removed (a branch switch?): its actions are not planned, applied or pulled until it is back.`,
    todo: 'Bring the folder back (switch back to the branch, say), then run this again.',
  }),
  'project-exists': ({ dir }, say) => ({
    what: `${dir} already exists: nothing was changed.`,
    todo: `${cap(say.pullActions())} to refresh its actions from Flowent.`,
  }),
  'project-root-missing': ({ root, missing }) => ({
    what: `${missing} does not exist, so flowent/ cannot be made in ${root}.`,
    todo: 'Check the path for a typing mistake, or create the folders first (mkdir -p).',
  }),
  'project-root-not-a-folder': ({ root, file }) => ({
    what: `${file} is a file, not a folder, so flowent/ cannot be made in ${root}.`,
    todo: "Name the folder of your handler's code.",
  }),
  'project-not-written': ({ root, reason }) => ({
    what: `flowent/ could not be made in ${root}: ${fileProblemClause({ code: reason }, 'written')}. Nothing was left there.`,
  }),
  'action-files-unwritable': ({ folder, file, reason }) => ({
    what: `Nothing was pulled: ${file ?? folder} cannot be written: ${projectFileUnwritableClause(reason)}.`,
    todo: PROJECT_FILE_UNWRITABLE_WHAT_TO_DO,
  }),
  'action-file-missing': ({ action }) => ({ what: `${action} has no file under actions/ any more.`, todo: 'Plan again.' }),
  'no-companion-here': ({ file, others }, say) => ({
    what:
      others.length === 0
        ? `${file} says webhook_url: here, but no companion is running to be "here".`
        : `${file} says webhook_url: here, but no companion answers from this project's files (${servesSeen(others)}).`,
    todo: `${cap(say.startServer)}, answering from this project's files (${say.openProject}; with a tunnel for Flowent in the cloud), then run this again.`,
  }),
  'several-companions-here': ({ file, serves }) => ({
    what: `${file} says webhook_url: here, but ${severalAnswering(serves)}.`,
    todo: 'Stop all of them but the one Flowent should call, then run this again.',
  }),
  'companion-tunnel-not-online': ({ file, mode, tunnel }, say) => {
    const { clause, todo } = tunnelNotOnlineWords(mode, tunnel, say);
    return { what: `${file} says webhook_url: here, but ${clause}.`, todo };
  },
};

/** Failures that are Flowent's answer to what was sent; every other one happened before or instead of an answer. */
const FLOWENT_ANSWERED: Record<
  GatewayFailure['code'] | Extract<SessionFailure['code'], 'flowent-api-token-rejected' | 'flowent-exchange-failed'>,
  true
> = {
  'flowent-registration-check-failed': true,
  'flowent-bad-request': true,
  'flowent-unauthorized': true,
  'flowent-action-not-found': true,
  'flowent-action-exists': true,
  'flowent-rate-limited': true,
  'flowent-server-error': true,
  'flowent-unexpected': true,
  'flowent-api-token-rejected': true,
  'flowent-exchange-failed': true,
};

/**
 * How an apply that stopped says where it stopped, before the failure's own words: Flowent is
 * blamed only when it answered with a refusal, not for a check made here (a missing companion,
 * a file gone) or a Gateway never reached.
 */
export function applyStopped({ name, change, failure }: NonNullable<ApplyOutcome['refused']>): string {
  return Object.hasOwn(FLOWENT_ANSWERED, failure.code)
    ? `Flowent refused to ${change} ${name}, so nothing after it was sent`
    : `Could not ${change} ${name}, so nothing after it was sent`;
}

/**
 * An action file that gives URLs per profile, none for `profile` (pulled while another profile
 * was active, say): what plan and apply do with it for this profile, and what to add.
 */
export function noUrlForProfileWords(file: string, profile: string): string {
  return (
    `${file}: webhook_url gives no URL for the profile "${profile}", so apply leaves this action alone for it: ` +
    `add "${profile}: here" (this companion) or "${profile}: <your webhook URL>" under webhook_url to plan it`
  );
}

export const HANDLER_WORDS: Catalogue<HandlerOwnFailure, Vocabulary> = {
  'probe-registration-check': ({ id, action }) => ({
    what: `Call #${id} is Flowent's registration check, which handlers answer without checking a signature.`,
    todo: `Probe with another call of ${action}.`,
  }),
};

/** What the file system's codes for a file standing where a folder is to be made mean, in words. */
const FILE_IN_THE_WAY: Readonly<Record<string, string>> = {
  EEXIST: 'it is a file, not a folder',
  ENOTDIR: 'a part of its path is a file, not a folder',
};

export const ANSWERS_FOLDER_WORDS: Catalogue<AnswersFolderFailure, AnswersFolderVocabulary> = {
  // A folder of answer files need not be a project's (mocks import of any folder).
  'project-invalid': (failure) => filesInvalid(failure, 'answer'),
  'answers-folder-missing': ({ path }, say) => ({
    what: `There is no folder ${path}.`,
    todo: `Check the path, or ${say.giveAnswersFolder}.`,
  }),
  // Most likely one mock, given where the folder of them belongs: say how that one is stored.
  'answers-folder-not-a-folder': ({ path }, say) => ({
    what: `${path} is a file, not a folder of answer files (one <action>.yaml per action, and _default.yaml).`,
    todo: `To import answers, ${say.giveAnswersFolder}; to store this file as one action's mock, ${say.storeOneMock(path)}.`,
  }),
  'answers-folder-empty': ({ path }, say) => ({
    what: `${path} holds no answer files (<action>.yaml, _default.yaml).`,
    todo: `${cap(say.giveAnswersFolder)}.`,
  }),
  'answers-folder-unreadable': ({ path, reason }) => ({
    what: `Cannot read the folder ${path}: ${fileProblemClause({ code: reason }, 'read')}.`,
  }),
  'answers-folder-unwritable': ({ path, reason }) => {
    const meaning = FILE_IN_THE_WAY[reason];
    return {
      // In words, as the data folder's: the system's code says nothing a user can act on.
      what: `Cannot write the answers into ${path}: ${meaning ?? fileProblemClause({ code: reason }, 'written')}.`,
      todo: 'Name a folder, or a path where one can be made.',
    };
  },
};
