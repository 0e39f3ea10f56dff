import type { AnswersFolderFailure, ApiFailure } from '../contract/api';
import type { StopSignal } from './stop-signal';

/**
 * The command line's exit codes, as the README's table gives them. For a name that names nothing:
 * - a removal (`actions unlink`, `actions delete`, `actions profile remove`, `mocks clear`)
 *   finds the state it was asked for already there: 0, saying nothing was removed, so a script
 *   that cleans up can run twice;
 * - a lookup (`calls 99`, `mocks get`, `actions get`) of what the history or Flowent does not
 *   hold: 1, nothing to work on, and it may be there next time;
 * - a name that can never be valid (not an action name's pattern, the "default" profile to
 *   remove), or one that must name one of this companion's own settings to be used
 *   (`--profile`, `actions profile use`, `--style`): 2, the command line is what to fix.
 */
export const EXIT = {
  done: 0,
  /** A failure at run time: Flowent refused or could not be reached, nothing to work on... */
  failed: 1,
  /** A bad flag or value: fix the command line (or the file it names) and run it again. */
  usage: 2,
  /** `actions plan`: apply has changes to make. */
  pending: 3,
  /** `send` and `replay` stopped with Ctrl-C, once what was in flight was stored. */
  interrupted: 130,
  /** The same stopped with SIGTERM: 128 + 15, as a shell reports a process SIGTERM ended. */
  terminated: 143,
} as const;

/** The exit code of a command stopped by `signal` once what was in flight was stored. */
export function stoppedExitCode(signal: StopSignal): number {
  return signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
}

/** Every failure a command can end on: the contract's, and the answers folder's of `mocks import`/`export`. */
type Failure = ApiFailure | AnswersFolderFailure;

/**
 * The failures that mean a value the user gave is wrong (a mock file, a URL, a description,
 * a HAR file, a folder to import that is none, a project file with a mistake, parameters over
 * Flowent's limit or a schema they cannot be made from, a malformed FLOWENT_BASE_URL, an
 * `init --project` path that cannot hold flowent/): the same command would fail again however
 * often it runs, until the command line or the file it names is fixed, so they are usage errors. Every other failure happened at run time (an existing folder with
 * nothing to import is nothing to work on, as `calls` with no history).
 */
const BAD_VALUE: ReadonlySet<Failure['code']> = new Set<Failure['code']>([
  'invalid-action',
  'invalid-json',
  'invalid-mock',
  'invalid-parameters',
  'invalid-parameters-json',
  // --params for a registration check: Flowent only sends it with {}.
  'registration-check-parameters',
  'number-beyond-style',
  'invalid-schema',
  // Parameters (--params, or made from --schema or the action's schema) that cannot be sent: fixed in the value or the file.
  'over-flowent-limit',
  'cannot-generate',
  'invalid-target',
  'unknown-style',
  'schema-not-object',
  'flowent-invalid-input',
  'flowent-bad-profile',
  'flowent-unknown-profile',
  // `actions profile remove default`: a name that can never be removed, refused as an unknown one is.
  'flowent-default-profile',
  'har-empty',
  'har-not-json',
  'calls-json-not-har',
  'not-har',
  'har-no-entries',
  'har-not-text',
  'har-too-large',
  'answers-folder-missing',
  'answers-folder-not-a-folder',
  'answers-folder-unreadable',
  // A file of the user's own project (an action or answer file): fixed in the file, as a mock file is.
  'project-invalid',
  // `init --project` naming a path that cannot hold flowent/ (its parents missing, or a file on it): fixed in the flag.
  'project-root-missing',
  'project-root-not-a-folder',
]);

/** The exit code for a command that ended on `failure`. */
export function exitCodeOf(failure: Failure): number {
  return BAD_VALUE.has(failure.code) ? EXIT.usage : EXIT.failed;
}
