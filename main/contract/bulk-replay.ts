/** Bulk replay: a selection of stored calls replayed in the background, followed by its events. */
import type { BulkReplayNoAnswer, ReplayAnswer, ReplayFailure, ReplayOutcome } from './replay-outcome';
import type { Result } from './result';
import type { NoAnswerCause, Violation } from './shared';

/**
 * The ways a replay's connection finds nobody there to answer: nothing listening on the port
 * (`refused`), or an address that cannot be reached (`unreachable`: its name does not resolve,
 * no route to it...). Every other call of a run sent there finds the same, unlike a handler that
 * is slow or fails on one call (`timeout`, a 500), which the next call may not meet.
 */
export const NOBODY_THERE_CAUSES: readonly NoAnswerCause[] = ['refused', 'unreachable'];

/**
 * How many replays of a run in a row may find nobody there before it stops sending the rest:
 * more than one, so that a handler restarting between two calls does not end a run; few, so a
 * handler that is not running costs the history three failed replays, not a thousand.
 */
export const BULK_STOP_AFTER_NOBODY_THERE = 3;

/**
 * Whether a companion's webhook answered in place of the handler it forwards to, which gave it
 * no answer: its own 502 or 504, as the webhook itself told the sender (see loop-answer). A
 * handler's own 502 is `forward`, and no answer at all has no status.
 */
export function answeredInHandlersPlace({ status, answeredBy }: Pick<ReplayAnswer, 'status' | 'answeredBy'>): boolean {
  return status !== 0 && answeredBy === 'forward-error';
}

/**
 * Whether a replay found nobody there (see NOBODY_THERE_CAUSES), for one of those causes: its
 * connection, with no answer at all, or the forward of the companion's webhook it went to, which
 * answered in the handler's place. A run through a serve to a handler that is down stops as one
 * sent straight to it does.
 */
export function foundNobodyThere(
  answer: Pick<ReplayAnswer, 'status' | 'answeredBy'>,
  violation: Pick<Violation, 'cause'> | null | undefined,
): boolean {
  if (violation?.cause === undefined || !NOBODY_THERE_CAUSES.includes(violation.cause)) return false;
  return answer.status === 0 || answeredInHandlersPlace(answer);
}

export interface BulkReplayPreview {
  /** How many calls of the selection the run replays (from Flowent, naming an action). */
  calls: number;
  /**
   * Their actions that have no handler to send to when no target is given (no forwarding target,
   * or answered by the companion itself), in the order first met: their calls are not sent.
   */
  withoutTarget: string[];
  /** How many of the calls are of those actions: not sent when no target is given (all of them: the run is refused). */
  notSent: number;
}

export interface BulkReplayStarted {
  runId: string;
  /** How many calls the run replays (replayable calls of the selection). */
  total: number;
  /** Ids of the selection that are not in the history: not part of the run, nor of its counts. */
  notFound: number[];
}

/**
 * A run's calls so far. `done` counts every call the run is through with, sent or not; the
 * verdicts count the replays sent, and `notSent` the calls refused before anything was sent (no
 * target, no key): counted as failed, calls never sent read as replays a handler failed.
 */
export interface BulkReplayCounts {
  done: number;
  total: number;
  passed: number;
  changed: number;
  failed: number;
  notSent: number;
}

/** What came of one call of a run: its replay's verdict, or `notSent` when the call was refused before it was sent. */
export type BulkReplayVerdict = ReplayOutcome['verdict'] | 'notSent';

/** A bulk replay still running. */
export interface BulkReplayRunning extends BulkReplayCounts {
  runId: string;
}

/**
 * One replayed call of a run: the original, the stored replay (null when none was made), and
 * enough of its outcome to tell at a glance why it failed, without opening it.
 */
export interface BulkReplayItem {
  originalId: number;
  /** The call's action (null: it names none), for what a front end says to do when nothing answered it. */
  action: string | null;
  replayId: number | null;
  verdict: BulkReplayVerdict;
  /**
   * The replay's answer: its status (0: none came) and who gave it, which says when a mock
   * answered in place of a handler that gave no answer (a 200 that tested no handler), and
   * what a companion refused it for. Null when the call was not replayed.
   */
  answer: ReplayAnswer | null;
  /** The original's answer, what the replay's changed from; null when the call was not replayed. */
  original: ReplayAnswer | null;
  /** What changed of the answer beside its status (volatile headers ignored); null when the call was not replayed. */
  changed: { headers: boolean; body: boolean } | null;
  /** The first thing the answer breaks of Flowent's contract (the stored replay has them all); null when none. */
  violation: Violation | null;
  /** Why the call was not replayed, when it was not. */
  refusal: ReplayFailure | null;
  /** Why the handler could not be reached, when it could not (with a status, a mock answered in its place). */
  error: string | null;
  /**
   * Sent to a companion's webhook: the developer's handler it forwarded the replay to, or tried
   * to, as the webhook said (see ReplayOutcome.forwardTarget). Null when not replayed, sent
   * straight to a handler, or the webhook did not say.
   */
  forwardTarget: string | null;
}

/** The call of a run that just finished: its replay's whole outcome, or why it was not replayed. */
export interface BulkReplayStep {
  originalId: number;
  /** The call's action; null when it names none, or is not in the history. */
  action: string | null;
  result: Result<ReplayOutcome, ReplayFailure>;
}

export interface BulkReplaySummary extends BulkReplayCounts {
  cancelled: boolean;
  /**
   * The run stopped starting replays once BULK_STOP_AFTER_NOBODY_THERE in a row found nobody
   * there to answer (`noAnswer` says who and where): `sent`, the calls it had sent by then;
   * `left`, those it never sent (counted not sent). Null when it did not stop so.
   */
  stopped: { sent: number; left: number } | null;
  /**
   * How the run's failed replays got no answer, said once for the run: what stopped it, else
   * the one way every failed replay did. Null when it did not stop and its failures (if any)
   * do not share one.
   */
  noAnswer: BulkReplayNoAnswer | null;
  items: BulkReplayItem[];
}

/** A bulk replay that ended, with the summary its `replay-finished` event told. */
export interface BulkReplayFinished {
  runId: string;
  summary: BulkReplaySummary;
}

/**
 * The bulk replays going, and the last few that ended (newest first): a window that reloads,
 * or whose events stopped a while, follows a run again or shows how it ended.
 */
export interface BulkReplayRuns {
  running: BulkReplayRunning[];
  finished: BulkReplayFinished[];
}
