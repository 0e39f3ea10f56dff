import type { ApiFailure } from '../contract/api';

/** The command line's exit codes, as the README's table gives them. */
export const EXIT = {
  done: 0,
  /** A failure at run time: Flowent refused or could not be reached, nothing to work on... */
  failed: 1,
  /** A bad flag or value: fix the command line (or the file it names) and run it again. */
  usage: 2,
  /** `actions plan`: changes are pending. */
  pending: 3,
  /** `send` and `replay` stopped with Ctrl-C, once what was in flight was stored. */
  interrupted: 130,
} as const;

/**
 * The failures that mean a value the user gave is wrong (a mock file, a URL, a description,
 * a HAR file): the same command would fail again however often it runs, so they are usage
 * errors. Every other failure happened at run time.
 */
const BAD_VALUE: ReadonlySet<ApiFailure['code']> = new Set<ApiFailure['code']>([
  'invalid-action',
  'invalid-json',
  'invalid-mock',
  'invalid-parameters',
  'invalid-schema',
  'invalid-target',
  'unknown-style',
  'schema-not-object',
  'flowent-invalid-input',
  'flowent-bad-profile',
  'flowent-unknown-profile',
  'har-not-json',
  'not-har',
  'har-too-large',
]);

/** The exit code for a command that ended on `failure`. */
export function exitCodeOf(failure: ApiFailure): number {
  return BAD_VALUE.has(failure.code) ? EXIT.usage : EXIT.failed;
}
