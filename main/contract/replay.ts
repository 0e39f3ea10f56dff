/** Replay, simulate, export: testing a handler with no Flowent at all (issue 6). */
import type { Violation } from './calls';
import type { Result } from './result';

/** `as-is`: the original bytes and headers; `resign`: a fresh timestamp signed with the current key. */
export type ReplayMode = 'as-is' | 'resign';

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

export interface HeaderChange {
  /** Lower-case name. */
  name: string;
  /** Null when the header is new in the replay. */
  before: string | null;
  /** Null when the replay's answer lacks it. */
  after: string | null;
}

/** How a replay's answer differs from the original's (volatile headers ignored). */
export interface AnswerDiff {
  changed: boolean;
  status: { before: number; after: number; changed: boolean };
  headers: HeaderChange[];
  body: { changed: boolean; json: boolean; lines: DiffLine[] };
}

/** What a replay did: the new stored call, its answer and how it differs from the original's. */
export interface ReplayOutcome {
  originalId: number;
  /** The stored replay (source `replay`). */
  id: number;
  mode: ReplayMode | 'edit';
  url: string;
  /** The style the body was signed in; null for `as-is`. */
  signedStyle: string | null;
  signatureVerdict: string;
  status: number;
  durationMs: number;
  violations: Violation[];
  originalViolations: Violation[];
  diff: AnswerDiff;
  /** passed: no violation, same answer; changed: no violation, another answer; failed: a violation or no answer. */
  verdict: 'passed' | 'changed' | 'failed';
  /** Why the handler could not be reached, when it could not. */
  error: string | null;
}

export interface ReplayMethods {
  /** Sends a stored call to the handler again (`target` null: the action's forwarding target); stored as a new call. */
  replayCall(id: number, mode: ReplayMode, target: string | null): Promise<Result<ReplayOutcome>>;
  /** A shell command that sends the stored call again, re-signed with the learned style when `resign`. */
  copyAsCurl(id: number, resign: boolean): Promise<Result<string>>;
}

export const REPLAY_METHOD_NAMES = ['replayCall', 'copyAsCurl'] as const satisfies readonly (keyof ReplayMethods)[];

export type ReplayEvent = never;
