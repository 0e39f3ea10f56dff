/**
 * The project folder: actions and answers as files a team commits (`flowent/`), the plan that
 * brings Flowent in line with them, and what is wrong in them.
 */
import type { AccountFailure } from './account';
import type { Result } from './result';
import type { ArgumentsOf } from './schemas/arguments';
import type { projectArguments } from './schemas/project';
import type { ProjectMissing } from './shared';
import type { TunnelNotOnline } from './here-url';

/** Why a project method refused (besides Flowent's and the account's own failures). */
export type ProjectFailure =
  | AccountFailure
  /** No project folder is open (none found where the command ran, none chosen in the app). */
  | { code: 'no-project' }
  | ProjectMissing
  /**
   * The open project folder (`folder`) was removed (a branch switch, say): its actions are not
   * planned, applied or pulled until it is back, as its answers are not saved.
   */
  | { code: 'project-folder-removed-actions'; folder: string }
  /** Files under actions/ have mistakes: nothing is planned or sent until they are fixed. */
  | { code: 'project-invalid'; problems: ProjectProblem[] }
  | ProjectNotCreated
  /** pull may not write `folder` (actions/) or a file in it (`file`, else null); `reason`: the file system's code. Nothing was written. */
  | { code: 'action-files-unwritable'; folder: string; file: string | null; reason: string }
  /** An action the plan changes has no file (it was removed while applying). */
  | { code: 'action-file-missing'; action: string }
  /**
   * `webhook_url: here` with no companion answering from this project's files to be "here";
   * `others`: the serves on the data folder that answer from elsewhere.
   */
  | { code: 'no-companion-here'; file: string; others: ServeSeen[] }
  /** `webhook_url: here` with several serves answering from this project's files: which one is meant is not guessed. */
  | { code: 'several-companions-here'; file: string; serves: ServeSeen[] }
  /**
   * `webhook_url: here` while the tunnel of the companion answering from this project's files was
   * asked for and is not online (opening, reconnecting, or failed): `mode` says which companion.
   */
  | { code: 'companion-tunnel-not-online'; file: string; mode: ServeSeen['mode']; tunnel: TunnelNotOnline };

/** Why `flowent/` was not created (nothing of it is left behind). */
export type ProjectNotCreated =
  /** `flowent/` already exists there: nothing was changed. */
  | { code: 'project-exists'; dir: string }
  /**
   * The folder to hold `flowent/` is not there, nor its parent (`missing`: the nearest missing
   * folder): a mistyped path is not made into folders. A missing last folder is made.
   */
  | { code: 'project-root-missing'; root: string; missing: string }
  /** A file is where the folder to hold `flowent/` (or one on its way) should be. */
  | { code: 'project-root-not-a-folder'; root: string; file: string }
  /** The files could not be written there; `reason` is the file system's code (EACCES, ENOSPC...). */
  | { code: 'project-not-written'; root: string; reason: string };

/** A running serve or desktop app, as a refusal about `here` names it: its URL and the project folder it answers from (null: the history folder's answers). */
export interface ServeSeen {
  /** `serve` (headless) or the desktop app: what the words call it. */
  mode: 'desktop' | 'headless';
  baseUrl: string;
  projectDir: string | null;
}

/**
 * Why answers could not be moved between the history and a folder of answer files (`path`, as
 * the user gave it). `reason` is the file system's own code (EACCES, EEXIST...). Only the
 * command line moves answers this way (`mocks import`, `mocks export`).
 */
export type AnswersFolderFailure =
  /** A file in the folder has a mistake: nothing is imported, nor exported over it. */
  | Extract<ProjectFailure, { code: 'project-invalid' }>
  /** Nothing at the path (or a file where a folder on the way should be). */
  | { code: 'answers-folder-missing'; path: string }
  /** A file (one mock, most likely) where the folder was expected. */
  | { code: 'answers-folder-not-a-folder'; path: string }
  /** A folder without one answer file in it. */
  | { code: 'answers-folder-empty'; path: string }
  | { code: 'answers-folder-unreadable'; path: string; reason: string }
  | { code: 'answers-folder-unwritable'; path: string; reason: string };

/** A mistake in one of the project's files, where it is: shown in the terminal and in the app. */
export interface ProjectProblem {
  /** Relative to the project folder, e.g. `answers/send_email.yaml`. */
  file: string;
  /**
   * 1-based, when the mistake has a place in the file: the value at fault when the mistake is
   * in a value (`mode: forwrd`, `status: 700`), else the key of the entry at fault (the mapping
   * that lacks a missing one), or where a syntax error is.
   */
  line: number | null;
  column: number | null;
  message: string;
  /**
   * Set when the file is used as it is but cannot answer as it says, rather than left out:
   * `forward-without-target`, `mode: forward` with no `forward:` in it nor in `_default.yaml`
   * (a default's target may be on its way, and `serve --forward` gives one). `folder-removed`,
   * with `file` `.`: the project folder is gone (a branch switch, say) and its last version keeps
   * answering until it is back.
   */
  warning?: 'forward-without-target' | 'folder-removed';
}

/** The open project folder, or none (answers then live in the history folder, as without one). */
export interface ProjectState {
  /** The `flowent/` folder, absolute; null when no project is open. */
  dir: string | null;
  /** Files that cannot be used as they are now, and (with `warning`) files in use that cannot answer as they say. */
  problems: ProjectProblem[];
  /** The answer files among them whose last good version keeps answering; the others are not used until fixed. */
  stale: string[];
  /** The answer files that answer now (as they are, or their last good version), e.g. `answers/send_email.yaml`. */
  answers: string[];
  /**
   * The action files in use (good, or while the folder is gone their last version), e.g.
   * `actions/send_email.yaml`: what calls' parameters are checked against.
   */
  actions: string[];
  /**
   * Each file of answers/ and actions/ that could be read, by file: a digest of its text as last
   * read. It changes only when the text does, so serve tells a save that changed a file from one
   * that changed nothing.
   */
  versions: Record<string, string>;
  /**
   * What the answers of the answer files in use break of Flowent's contract (`result: 5`,
   * `status: 500`), each at its value in the file, `path` the field at fault: warnings, not
   * mistakes, for the file answers as it says (a failing answer may be wanted on purpose).
   */
  contractWarnings: AnswerContractWarning[];
}

/** One contract warning of an answer file: where (`file`, `line`, `column`), the field (`path`), and what. */
export interface AnswerContractWarning {
  file: string;
  line: number | null;
  column: number | null;
  path: string;
  message: string;
}

/**
 * How an action's file and Flowent compare, for the active profile. `changed-*` says which side
 * moved since this companion last applied or pulled; `differs` when it never did. `here-moved`:
 * neither did, but the file says `webhook_url: here` and here is another URL now (serve restarted
 * on another port, a tunnel opened or closed). `no-url-for-profile`: the file gives URLs per
 * profile, none for this one (pulled with another profile active, say): apply leaves the action
 * alone for this profile, and the plan says what to add.
 */
export type ActionSyncState =
  | 'in-sync'
  | 'changed-locally'
  | 'changed-on-flowent'
  | 'changed-both'
  | 'differs'
  | 'here-moved'
  | 'only-here'
  | 'only-there'
  | 'no-url-for-profile';

/** Each state in words, the same in the terminal and in the app. */
export const ACTION_STATE_WORDS: Record<ActionSyncState, string> = {
  'in-sync': 'in sync',
  'changed-locally': 'changed in the files',
  'changed-on-flowent': 'changed on Flowent',
  'changed-both': 'changed in the files and on Flowent',
  differs: 'the files and Flowent differ',
  'here-moved': 'here now points elsewhere',
  'only-here': 'only in the files',
  'only-there': 'only on Flowent',
  'no-url-for-profile': 'no webhook_url for this profile',
};

/** An action's state in words; where `here` points now, when that is what changed. */
export function actionStateWords(action: Pick<PlannedAction, 'name' | 'state' | 'webhookUrl'>): string {
  if (action.state !== 'here-moved' || action.webhookUrl === null) return ACTION_STATE_WORDS[action.state];
  const path = `/actions/${action.name}`;
  const base = action.webhookUrl.endsWith(path) ? action.webhookUrl.slice(0, -path.length) : action.webhookUrl;
  return `here now points at ${base}`;
}

export type ActionField = 'description' | 'json_schema' | 'webhook_url';

/** One field that differs: Flowent's value and the file's, and a line diff of the two (`-` Flowent, `+` the file). */
export interface FieldChange {
  field: ActionField;
  flowent: string | null;
  file: string | null;
  diff: string[];
}

export interface PlannedAction {
  name: string;
  state: ActionSyncState;
  /** What `apply` does to Flowent: only-there actions are deleted only with prune. */
  change: 'create' | 'update' | 'delete' | 'none';
  fields: FieldChange[];
  /** Relative to the project folder; null for an action only on Flowent. */
  file: string | null;
  /** The webhook_url the file asks for, with `here` resolved; null while `here` cannot be resolved. */
  webhookUrl: string | null;
  /** The file says `here`: the action is linked to this companion and follows its tunnel. */
  here: boolean;
  /**
   * The file's webhook_url has its password left out (`***`, as `actions pull` writes it) and
   * is Flowent's URL but for that: the registered URL, password and all, is kept, not replaced.
   */
  keepsRegisteredPassword: boolean;
}

export interface ActionPlan {
  profile: string;
  gateway: string;
  prune: boolean;
  actions: PlannedAction[];
  /**
   * Said before anything is sent, as apply says it after registering: a file says `here`, and the
   * companion it names has a URL Flowent in the cloud cannot reach (this computer's, or a LAN URL),
   * and who can. Null otherwise.
   */
  hereNote: string | null;
  /**
   * True when apply has something to do (drift made on Flowent included): `actions plan` exits 3.
   * An action only on Flowent that apply leaves alone (no prune) is not pending.
   */
  pending: boolean;
}

/** One change apply makes on Flowent: an action it leaves alone is no step. */
export interface ApplyStep {
  name: string;
  change: Exclude<PlannedAction['change'], 'none'>;
}

export interface ApplyOutcome {
  plan: ActionPlan;
  /** What was done, in order, up to the first refusal. */
  done: ApplyStep[];
  /** The first refusal (Flowent's, or a check made here before sending); nothing after it was sent. */
  refused: (ApplyStep & { failure: ProjectFailure }) | null;
  warnings: string[];
  /** Said once each: `here` was registered at a URL Flowent in the cloud cannot reach (a LAN URL, or this computer's), and who can. */
  notes: string[];
}

export interface PullOutcome {
  written: string[];
  removed: string[];
  unchanged: string[];
  /**
   * Files among `written` whose webhook_url was one URL for every profile and is now one per
   * profile: Flowent has another URL for this profile, and the other profiles keep theirs.
   */
  perProfile: string[];
  /** Files among `written` whose webhook_url Flowent holds with credentials: written with the password as ***. */
  credentialsLeftOut: string[];
  /** Files not written: changed in the files since the last apply or pull, which pull does not write over without force. */
  keptChanged: string[];
  /** Files among `written` that were changed since the last apply or pull, written over with Flowent's version (force). */
  overwritten: string[];
}

type Args = ArgumentsOf<typeof projectArguments>;

export interface ProjectMethods {
  getProject(...args: Args['getProject']): Promise<ProjectState>;
  /** Compares the action files with Flowent (active profile); nothing is sent but reads. */
  planActions(...[prune]: Args['planActions']): Promise<Result<ActionPlan, ProjectFailure>>;
  /** Makes Flowent match the files, stopping at the first refusal. */
  applyActions(...[prune]: Args['applyActions']): Promise<Result<ApplyOutcome, ProjectFailure>>;
  /**
   * Writes Flowent's actions to the files (keeping comments); with prune, removes files of actions
   * Flowent lacks; with force, writes over files changed since the last apply or pull too.
   */
  pullActions(...[prune, force]: Args['pullActions']): Promise<Result<PullOutcome, ProjectFailure>>;
}

export const PROJECT_METHOD_NAMES = [
  'getProject',
  'planActions',
  'applyActions',
  'pullActions',
] as const satisfies readonly (keyof ProjectMethods)[];

/** A project file changed, was fixed, or broke: read getProject again (problems are included). */
export type ProjectEvent = { type: 'project-changed'; project: ProjectState };
