/** Replay, simulate, export: testing a handler with no Flowent at all. */
import type { ParameterProblem } from './account';
import type { AnsweredBy, HandlerSignature } from './names-and-limits';
import type * as z from 'zod';
import type { Violation } from './shared';
import type { Result } from './result';
import type { ArgumentsOf } from './schemas/arguments';
import type { bulkReplayOptions, callSelection, replayArguments, simulateRequest } from './schemas/replay';
import type {
  BulkReplayCounts,
  BulkReplayPreview,
  BulkReplayRuns,
  BulkReplayStarted,
  BulkReplayStep,
  BulkReplaySummary,
} from './bulk-replay';
import type { ReplayFailure, ReplayOutcome } from './replay-outcome';

/**
 * Which calls: these ids, or the calls matching the filter (oldest first); with `limit`, only
 * the newest `limit` of them.
 */
export type CallSelection = z.output<typeof callSelection>;

/** How a bulk replay runs: concurrency, re-signing, where to, new parameters, the signing style. */
export type BulkReplayOptions = z.output<typeof bulkReplayOptions>;

/** How many valid Flowent calls were signed in a style (the first, in the engine's order, that signs them). */
export interface CallsSignedIn {
  style: string;
  calls: number;
}

/** The signing style learned for the current HMAC key. */
export interface LearnedStyleInfo {
  style: string;
  /** Valid Flowent calls signed in it; 0: the default style, nothing learned yet. */
  fromCalls: number;
  /**
   * Of `fromCalls`, the calls some other style signs differently: the ones it was learned from.
   * The rest every style signs alike (plain ASCII text, keys in order): they tell nothing.
   */
  toldApartBy: number;
  /** The valid Flowent calls `style` does not sign, by the style each was signed in, most first: a handler written for `style` rejects them. */
  contrary: CallsSignedIn[];
  /** False when there is no HMAC key (nothing can be learned or signed). */
  keySet: boolean;
}

/** Where the simulator knows an action from (the first that has a schema wins). */
/** Where the action's schema comes from: the open project's file, defined here, Flowent's copy, none (seen in history). */
export type SimulatorActionOrigin = 'project' | 'local' | 'flowent' | 'history';

export interface SimulatorAction {
  action: string;
  origin: SimulatorActionOrigin;
  /** Stored calls naming it. */
  calls: number;
  /** Its JSON Schema, when one is known (the project's file, defined here, or cached from Flowent). */
  schema: Record<string, unknown> | null;
}

/** A Flowent call that never happened: the action, its parameters (or a seed), where to send it. */
export type SimulateRequest = z.output<typeof simulateRequest>;

export interface SimulateOutcome {
  /** The stored call (source `simulator`). */
  id: number;
  url: string;
  /** The exact body sent. */
  body: string;
  /** Null for the unsigned registration check. */
  signedStyle: string | null;
  /** Signed, then its signature spoiled on purpose: the handler should refuse it (see wrongSignatureFinding). */
  wrongSignature: boolean;
  status: number;
  answer: string;
  /**
   * Who gave the answer: the handler, or a companion's webhook the call was sent to (its mock,
   * its mock in place of a handler that gave no answer, the handler it forwarded to).
   */
  answeredBy: AnsweredBy;
  /** The handler's verdict on the signature, read from its status and error text; null when no handler answered. */
  handlerSignature: HandlerSignature | null;
  /**
   * How many calls with a valid signature the handler reached (its URL, the key set here) has
   * accepted so far, this one included; null when no handler answered. A refusal of a wrong
   * signature by a handler that never accepted a valid one proves nothing.
   */
  validAccepted: number | null;
  durationMs: number;
  violations: Violation[];
  /**
   * Why the handler could not be reached, when it could not: with status 0 nothing answered;
   * with a status, a companion's webhook answered in its place (`answeredBy` says how).
   */
  error: string | null;
  /**
   * Sent to a companion's webhook (`url` is the webhook's): the developer's handler it forwarded
   * the call to, or tried to, as the webhook said (see ReplayOutcome.forwardTarget).
   */
  forwardTarget: string | null;
}

/** A HAR export: the text (browser) or where the desktop app saved it; null `savedTo` and `text` when the save was cancelled. */
export interface HarExport {
  count: number;
  /** How many calls the selection matched: more than `count` when its limit left the older ones out. */
  matched: number;
  text: string | null;
  savedTo: string | null;
}

/**
 * The browser inspector's HAR download (`POST /api/export-har`, the arguments as exportHar's):
 * the answer's body is the file itself, so the page hands it to the download without reading it
 * as text; these headers carry the export's `count` and `matched` beside it. An answer without
 * them is the API's usual JSON reply (a refusal, or why the export failed).
 */
export const HAR_DOWNLOAD_HEADERS = { count: 'X-Har-Export-Count', matched: 'X-Har-Export-Matched' } as const;

export interface HarImportProblem {
  path: string;
  message: string;
}

export interface HarImportSummary {
  imported: number;
  /** Entries that are not a POST with a body. */
  skipped: number;
  /** POSTs in another tool's file that are no Flowent call (a page's own API calls). */
  notFlowent: number;
  /** Entries left out as calls the history already held (same method, path, body and time received): the same file imported again. */
  duplicates: number;
  problems: HarImportProblem[];
  ids: number[];
  /**
   * Of the calls imported, how many the history's limits delete at once: past a limit the
   * calls received longest ago go first, and an old HAR's calls are old.
   */
  overLimits: number;
  /** False when the desktop open dialog was cancelled (nothing read). */
  opened: boolean;
}

/**
 * Where a HAR import is, in one vocabulary for every front end. A 50 MB file spends seconds in
 * each stage: the page sends it (`uploading`: bytes sent of all; only the page's transport knows
 * them), the core reads and parses it (`reading`), then reads its entries in slices (`entries`:
 * `done` of the file's `total` entries read, `imported` calls stored so far).
 */
export type HarImportStage =
  | { stage: 'uploading'; sent: number; total: number }
  | { stage: 'reading' }
  /**
   * `skipped`: not POSTs with a body; `notFlowent`: another tool's POSTs that are no Flowent call;
   * `broken`: entries that cannot be read as calls (HarImportSummary's `problems`); `duplicates`:
   * already in the history. All so far, as `imported` is.
   */
  | {
      stage: 'entries';
      done: number;
      total: number;
      imported: number;
      skipped: number;
      notFlowent: number;
      broken: number;
      duplicates: number;
    };

/** The stages the core itself goes through, told as `har-import-progress` events. */
export type CoreHarImportStage = Exclude<HarImportStage, { stage: 'uploading' }>;

/**
 * How far the core has written an `exportHar`'s file: `done` of its `total` calls. 10,000
 * filled calls take seconds to write (and longer on a loaded machine), so the page shows it.
 */
export interface HarExportStage {
  done: number;
  total: number;
}

type Args = ArgumentsOf<typeof replayArguments>;

export interface ReplayMethods {
  /**
   * Sends a stored call to the handler again (`target` null: the action's forwarding target); stored as a new call.
   * Re-signed in `style` (null or left out: the learned style).
   */
  replayCall(...[id, mode, target, style]: Args['replayCall']): Promise<Result<ReplayOutcome, ReplayFailure>>;
  /** Replays a stored call with new parameters (a JSON object as text), re-signed in `style` (null or left out: the learned style). */
  replayEdited(...[id, parameters, target, style]: Args['replayEdited']): Promise<Result<ReplayOutcome, ReplayFailure>>;
  /** A shell command that sends the stored call again, re-signed in `style` (null or left out: the learned style) when `resign`. */
  copyAsCurl(...[id, resign, style]: Args['copyAsCurl']): Promise<Result<string, ReplayFailure>>;
  /** What a bulk replay of the selection would take, told before it starts: how many calls, and which of their actions it could not send without a target. */
  previewBulkReplay(...[selection]: Args['previewBulkReplay']): Promise<BulkReplayPreview>;
  /**
   * Starts replaying a selection in the background; each finished call comes as a
   * `replay-progress` event (with its outcome), the end as `replay-finished`.
   */
  startBulkReplay(...[selection, options]: Args['startBulkReplay']): Promise<Result<BulkReplayStarted, ReplayFailure>>;
  /** Stops starting new replays of a run (those in flight finish and are stored). */
  cancelBulkReplay(...[runId]: Args['cancelBulkReplay']): Promise<Result<{ cancelled: boolean }, ReplayFailure>>;
  /**
   * Bulk replays still running, with how far each got, and the summaries of the last few that
   * ended: a window that reloads, or missed a run's end, follows it again or shows how it ended.
   */
  listBulkReplays(...args: Args['listBulkReplays']): Promise<BulkReplayRuns>;
  getLearnedStyle(...args: Args['getLearnedStyle']): Promise<LearnedStyleInfo>;
  /** Actions the simulator can send: defined here, cached from Flowent, or seen in history. */
  listSimulatorActions(...args: Args['listSimulatorActions']): Promise<SimulatorAction[]>;
  /** Defines (or with null removes) an action's JSON Schema here, as text. */
  saveSimulatorAction(...[action, schema]: Args['saveSimulatorAction']): Promise<Result<SimulatorAction[], ReplayFailure>>;
  /** Parameters that satisfy the action's schema, as JSON text; the same seed gives the same parameters. */
  generateParameters(...[action, seed]: Args['generateParameters']): Promise<Result<string, ReplayFailure>>;
  /**
   * What parameters (JSON text) break of the schema the simulator knows for the action (the
   * project's file, else the one defined here, else Flowent's copy), before they are sent; none
   * when no schema is known.
   */
  checkSimulatedParameters(...[action, parameters]: Args['checkSimulatedParameters']): Promise<Result<ParameterProblem[], ReplayFailure>>;
  /** Sends a Flowent call that never happened to the handler (stored with source `simulator`). */
  simulateCall(...[request]: Args['simulateCall']): Promise<Result<SimulateOutcome, ReplayFailure>>;
  /** The selection as HAR 1.2 (no credentials); the desktop app saves it through a save dialog instead. */
  exportHar(...[selection]: Args['exportHar']): Promise<Result<HarExport, ReplayFailure>>;
  /** Reads a HAR into the history; null text: the desktop app asks for the file with an open dialog. */
  importHar(...[text]: Args['importHar']): Promise<Result<HarImportSummary, ReplayFailure>>;
}

export const REPLAY_METHOD_NAMES = [
  'replayCall',
  'replayEdited',
  'copyAsCurl',
  'previewBulkReplay',
  'startBulkReplay',
  'cancelBulkReplay',
  'listBulkReplays',
  'getLearnedStyle',
  'listSimulatorActions',
  'saveSimulatorAction',
  'generateParameters',
  'checkSimulatedParameters',
  'simulateCall',
  'exportHar',
  'importHar',
] as const satisfies readonly (keyof ReplayMethods)[];

export type ReplayEvent =
  | ({ type: 'replay-progress'; runId: string; step: BulkReplayStep } & BulkReplayCounts)
  | { type: 'replay-finished'; runId: string; summary: BulkReplaySummary }
  /**
   * A HAR import's stage: `reading` once, as the core starts parsing the file, then `entries`
   * after each slice (the last has `done === total`). Imported calls are not announced one by
   * one: a receiver reads the history again when the import ends.
   */
  | ({ type: 'har-import-progress' } & CoreHarImportStage)
  /**
   * An `exportHar`'s progress: `done: 0` as it starts writing, then after each batch of calls
   * (the last has `done === total`). The file itself comes as the method's answer.
   */
  | ({ type: 'har-export-progress' } & HarExportStage);
