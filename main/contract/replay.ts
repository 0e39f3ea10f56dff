/** Replay, simulate, export: testing a handler with no Flowent at all. */
import type { CallFilter, Violation } from './calls';
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

/**
 * Which calls: these ids, or the calls matching the filter (oldest first); with `limit`, only
 * the newest `limit` of them.
 */
export type CallSelection = { ids: number[] } | { filter: CallFilter; limit?: number };

/** The most calls one bulk replay or one export takes. */
export const MAX_SELECTION = 10_000;

/** The most replays one bulk replay runs at once. */
export const MAX_BULK_CONCURRENCY = 64;

export interface BulkReplayOptions {
  /** Replays at once, 1-MAX_BULK_CONCURRENCY (1: strictly in order). */
  concurrency: number;
  /** Fresh timestamp and signature (learned style) instead of the original bytes. */
  resign: boolean;
  /** Null: each action's forwarding target. */
  target: string | null;
  /** New parameters for every call, as a JSON object in text: each replay is re-signed with them. */
  parameters?: string | null;
  /** The signing style for re-signed replays; null: the style learned from Flowent's calls. */
  style?: string | null;
}

export interface BulkReplayStarted {
  runId: string;
  /** How many calls the run replays (replayable calls of the selection). */
  total: number;
}

export interface BulkReplayCounts {
  done: number;
  total: number;
  passed: number;
  changed: number;
  failed: number;
}

/** A bulk replay still running. */
export interface BulkReplayRunning extends BulkReplayCounts {
  runId: string;
}

/** One replayed call of a run: the original, the stored replay (null when none was made) and why it failed. */
export interface BulkReplayItem {
  originalId: number;
  replayId: number | null;
  verdict: ReplayOutcome['verdict'];
  /** The refusal or the handler error, when there was one. */
  error: string | null;
}

/** The call of a run that just finished: its replay's whole outcome, or why it was not replayed. */
export interface BulkReplayStep {
  originalId: number;
  result: Result<ReplayOutcome>;
}

export interface BulkReplaySummary extends BulkReplayCounts {
  cancelled: boolean;
  items: BulkReplayItem[];
}

/** The signing style learned for the current HMAC key. */
export interface LearnedStyleInfo {
  style: string;
  /** Valid Flowent calls it was learned from; 0: the default style, nothing learned yet. */
  fromCalls: number;
  /** False while no call told the styles apart. */
  decided: boolean;
  /** False when there is no HMAC key (nothing can be learned or signed). */
  keySet: boolean;
}

/** Where the simulator knows an action from (the first that has a schema wins). */
export type SimulatorActionOrigin = 'local' | 'flowent' | 'history';

export interface SimulatorAction {
  action: string;
  origin: SimulatorActionOrigin;
  /** Stored calls naming it. */
  calls: number;
  /** Its JSON Schema, when one is known (defined here, or cached from Flowent). */
  schema: Record<string, unknown> | null;
}

export interface SimulateRequest {
  action: string;
  /** The parameters object as JSON text; null: generated from the schema with `seed`. */
  parameters: string | null;
  seed: number;
  /** Flowent's registration check (`"test": true`, unsigned) instead of a call. */
  test: boolean;
  /** Null: the action's forwarding target. */
  target: string | null;
  /** A JSON Schema (text) to generate the parameters from instead of the action's known one. */
  schema?: string | null;
  /** The signing style; null: the style learned from Flowent's calls. */
  style?: string | null;
}

export interface SimulateOutcome {
  /** The stored call (source `simulator`). */
  id: number;
  url: string;
  /** The exact body sent. */
  body: string;
  /** Null for the unsigned registration check. */
  signedStyle: string | null;
  status: number;
  answer: string;
  durationMs: number;
  violations: Violation[];
  error: string | null;
}

/** A HAR export: the text (browser) or where the desktop app saved it; null `savedTo` and `text` when the save was cancelled. */
export interface HarExport {
  count: number;
  text: string | null;
  savedTo: string | null;
}

export interface HarImportProblem {
  path: string;
  message: string;
}

/** The largest HAR the companion imports (desktop dialog, browser upload, the API): far above any history worth importing, bounded so a wrong file cannot exhaust memory. */
export const MAX_HAR_IMPORT_BYTES = 64 * 1024 * 1024;

export interface HarImportSummary {
  imported: number;
  skipped: number;
  problems: HarImportProblem[];
  ids: number[];
  /** False when the desktop open dialog was cancelled (nothing read). */
  opened: boolean;
}

export interface ReplayMethods {
  /** Sends a stored call to the handler again (`target` null: the action's forwarding target); stored as a new call. */
  replayCall(id: number, mode: ReplayMode, target: string | null): Promise<Result<ReplayOutcome>>;
  /** Replays a stored call with new parameters (a JSON object as text), re-signed with the learned style. */
  replayEdited(id: number, parameters: string, target: string | null): Promise<Result<ReplayOutcome>>;
  /** A shell command that sends the stored call again, re-signed with the learned style when `resign`. */
  copyAsCurl(id: number, resign: boolean): Promise<Result<string>>;
  /** How many calls of the selection a bulk replay would replay (from Flowent, naming an action). */
  countReplayable(selection: CallSelection): Promise<number>;
  /**
   * Starts replaying a selection in the background; each finished call comes as a
   * `replay-progress` event (with its outcome), the end as `replay-finished`.
   */
  startBulkReplay(selection: CallSelection, options: BulkReplayOptions): Promise<Result<BulkReplayStarted>>;
  /** Stops starting new replays of a run (those in flight finish and are stored). */
  cancelBulkReplay(runId: string): Promise<Result<{ cancelled: boolean }>>;
  /** Bulk replays still running, with how far each got: a window that reloads follows them again. */
  listBulkReplays(): Promise<BulkReplayRunning[]>;
  getLearnedStyle(): Promise<LearnedStyleInfo>;
  /** Actions the simulator can send: defined here, cached from Flowent, or seen in history. */
  listSimulatorActions(): Promise<SimulatorAction[]>;
  /** Defines (or with null removes) an action's JSON Schema here, as text. */
  saveSimulatorAction(action: string, schema: string | null): Promise<Result<SimulatorAction[]>>;
  /** Parameters that satisfy the action's schema, as JSON text; the same seed gives the same parameters. */
  generateParameters(action: string, seed: number): Promise<Result<string>>;
  /** Sends a Flowent call that never happened to the handler (stored with source `simulator`). */
  simulateCall(request: SimulateRequest): Promise<Result<SimulateOutcome>>;
  /** The selection as HAR 1.2 (no credentials); the desktop app saves it through a save dialog instead. */
  exportHar(selection: CallSelection): Promise<Result<HarExport>>;
  /** Reads a HAR into the history; null text: the desktop app asks for the file with an open dialog. */
  importHar(text: string | null): Promise<Result<HarImportSummary>>;
}

export const REPLAY_METHOD_NAMES = [
  'replayCall',
  'replayEdited',
  'copyAsCurl',
  'countReplayable',
  'startBulkReplay',
  'cancelBulkReplay',
  'listBulkReplays',
  'getLearnedStyle',
  'listSimulatorActions',
  'saveSimulatorAction',
  'generateParameters',
  'simulateCall',
  'exportHar',
  'importHar',
] as const satisfies readonly (keyof ReplayMethods)[];

export type ReplayEvent =
  | ({ type: 'replay-progress'; runId: string; step: BulkReplayStep } & BulkReplayCounts)
  | { type: 'replay-finished'; runId: string; summary: BulkReplaySummary }
  /** A HAR import read `done` of the file's `total` entries (sent after each slice, and once at the end). */
  | { type: 'har-import-progress'; done: number; total: number };
