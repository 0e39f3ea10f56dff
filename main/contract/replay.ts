/** Replay, simulate, export: testing a handler with no Flowent at all. */
import type { ParameterProblem } from './account';
import type { AnswerFileMistake, AnswersFailure } from './answers';
import type { AnsweredBy, HandlerSignature } from './names-and-limits';
import type * as z from 'zod';
import type { CallsFailure, ServerNotRunning, Violation } from './shared';
import type { Result } from './result';
import type { ArgumentsOf } from './schemas/arguments';
import type { bulkReplayOptions, callSelection, replayArguments, replayMode, simulateRequest } from './schemas/replay';
import type {
  BulkReplayCounts,
  BulkReplayNoAnswer,
  BulkReplayPreview,
  BulkReplayRuns,
  BulkReplayStarted,
  BulkReplayStep,
  BulkReplaySummary,
} from './bulk-replay';
/** Why a replay, a simulated call, a cURL command, an export or an import did not happen. */
export type ReplayFailure =
  | Extract<CallsFailure, { code: 'call-not-found' }>
  | Extract<AnswersFailure, { code: 'invalid-action' | 'invalid-target' }>
  /** The cURL command sends to the companion's own webhook, which is not listening. */
  | ServerNotRunning
  /**
   * Neither a target was given nor a forwarding target is set for the action (null: none named).
   * `webhook`: a running companion's webhook URL for the action, whose mock answers it there for
   * want of a target; null when none runs, or when each one running forwards it (`serve --forward`).
   */
  | { code: 'no-target'; action: string | null; webhook: string | null }
  /**
   * No target was given and the action's answers are its mock (mode mock): there is no handler to
   * send it to, and sending it to one anyway would pretend to be what serve does. `webhook`: a
   * running companion's webhook URL for the action, whose mock answers it; null when none runs.
   */
  | { code: 'answered-by-mock'; action: string; webhook: string | null }
  /**
   * No target was given and the project's answer file that decides where `action` goes has a
   * mistake this command never saw a good version of: a running serve may answer from the
   * version it read while good, so no guess is made.
   */
  | ({ code: 'answer-file-mistake'; action: string } & AnswerFileMistake)
  /** The target holds `{action_name}` and the call names no action to fill it with. */
  | { code: 'no-action-for-target'; target: string }
  /** Signing needs the HMAC key: to re-sign a replay, to sign a simulated call, or for a re-signed cURL command. */
  | { code: 'no-key'; needs: 'resign' | 'simulate' | 'curl' | 'probe' }
  /** A schema typed by the user is not JSON (`reason`: what is wrong and where, json-syntax.ts's words). */
  | { code: 'invalid-json'; what: 'schema'; reason: string }
  /**
   * Parameters typed by the user that no Flowent call carries: not JSON, not UTF-8, a key given
   * twice (`problem`: the webhook's code for the same problem in a body). `message` says what and
   * where (byte offset, key), in the words the webhook uses for a body.
   */
  | { code: 'invalid-parameters-json'; problem: string; offset: number; message: string }
  | { code: 'invalid-parameters' }
  | { code: 'schema-not-object' }
  /** Not a JSON Schema Ajv can compile (`reason`: Ajv's words). */
  | { code: 'invalid-schema'; reason: string }
  /** No parameters could be generated from the action's schema (null: a schema given with the call). */
  | { code: 'cannot-generate'; action: string | null; reason: string }
  /** The stored body cannot be re-signed: it is not JSON, or not a JSON object (`kind`: what it is). */
  | { code: 'body-not-json'; reason: string }
  | { code: 'body-not-object'; kind: string }
  | { code: 'unknown-style'; style: string }
  /**
   * The body holds a number `style` cannot write as the number it is (`written`: what its
   * serializer would write instead, `Infinity` or `null`), such as 1e400 beyond a float64.
   * `styles`: those that write every number of this body as it is (`raw` always does).
   */
  | { code: 'number-beyond-style'; style: string; literal: string; written: string; styles: string[] }
  /** A NUL byte in the body: no shell argument can carry it. */
  | { code: 'binary-body' }
  /** A simulated call, or a replay with edited parameters, whose body would be over Flowent's payload limit: Flowent never sends one. */
  | { code: 'over-flowent-limit'; size: number; limit: number }
  /** Edited parameters for Flowent's registration check, which Flowent only ever sends with `{}`: nothing is sent. */
  | { code: 'registration-check-parameters' }
  /** The call's body was refused before it was read (over the size limit): only its size was kept. */
  | { code: 'body-not-stored'; size: number }
  | { code: 'nothing-to-replay' }
  /** None of the ids a bulk replay was given is in the history (they are given back). */
  | { code: 'calls-not-found'; ids: number[] }
  | { code: 'run-not-found'; runId: string }
  /** A replay of a bulk run threw (a bug, reported as the run's step instead of stopping the run). */
  | { code: 'replay-failed'; reason: string }
  /**
   * A bulk run stopped before sending the call: the replays just before it found nobody there
   * to answer (`noAnswer`: who, where, how), and so would it.
   */
  | { code: 'run-stopped'; noAnswer: BulkReplayNoAnswer }
  | { code: 'nothing-to-export' }
  | { code: 'no-file' }
  /** The file has nothing in it (or only white space): a failure of its own, as JSON.parse's words for it say nothing useful. */
  | { code: 'har-empty' }
  | { code: 'har-not-json'; reason: string }
  /** What `calls --json` prints (JSON Lines, a call a line): the companion's own output, but no HAR. */
  | { code: 'calls-json-not-har' }
  /** JSON, but no `log` object, or no `log.entries` list. */
  | { code: 'not-har'; missing: 'log' | 'entries' }
  /** A HAR file that is neither UTF-8 nor UTF-16 with its byte order mark (`reason` says where it is not). */
  | { code: 'har-not-text'; reason: string }
  /** A HAR whose `log.entries` is an empty list: nothing to import, refused as an empty file is. */
  | { code: 'har-no-entries' }
  /** `dataDir`: the folder the import command must name with --data-dir (null: the default one). */
  | { code: 'har-too-large'; file: string; megabytes: number; maxMegabytes: number; dataDir: string | null }
  | { code: 'file-unreadable'; file: string; reason: string }
  | { code: 'file-unwritable'; file: string; reason: string };

/** `as-is`: the original bytes and headers; `resign`: a fresh timestamp signed with the current key. */
export type ReplayMode = z.output<typeof replayMode>;

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

/**
 * An answer as a run's list tells it: its status (0: none came), who gave it, and the problem
 * stored with it: with a companion's refusal (`answeredBy` `error`), why it refused the call
 * (`missing-parameters`), which its status alone does not say.
 */
export interface ReplayAnswer {
  status: number;
  answeredBy: AnsweredBy;
  problem: string | null;
}

/** What a replay did: the new stored call, its answer and how it differs from the original's. */
export interface ReplayOutcome {
  originalId: number;
  /** The stored replay (source `replay`). */
  id: number;
  mode: ReplayMode | 'edit';
  url: string;
  /**
   * The style the body was signed in; null for `as-is`, and for a re-signed registration check
   * Flowent sent unsigned (it goes unsigned, as Flowent sends one).
   */
  signedStyle: string | null;
  signatureVerdict: string;
  status: number;
  /** Who gave the answer: the handler, or a companion's webhook the replay was sent to (its mock, in place of a handler that gave no answer too). */
  answeredBy: AnsweredBy;
  durationMs: number;
  violations: Violation[];
  /** The stored replay's problem: with a companion's refusal, what it refused the call for. */
  problem: string | null;
  /** The original's answer, the one the replay's is compared with. */
  original: ReplayAnswer;
  originalViolations: Violation[];
  diff: AnswerDiff;
  /** passed: no violation, same answer; changed: no violation, another answer; failed: a violation, no answer, or anything but 2xx (a companion's refusal too). */
  verdict: 'passed' | 'changed' | 'failed';
  /** Why the handler could not be reached, when it could not (with a status, a companion's webhook answered in its place). */
  error: string | null;
  /**
   * What of the original was not sent, and why (credentials an imported file had redacted,
   * headers that only a hop may carry): the stored replay's problem message; null when all was.
   */
  notSent: string | null;
  /**
   * The names of the original's credential headers (Authorization, Cookie, X-Api-Key…) that went
   * with the replay, values as stored: to whatever URL it was sent. Empty when none did.
   */
  credentialsSent: string[];
}

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
}

/** A HAR export: the text (browser) or where the desktop app saved it; null `savedTo` and `text` when the save was cancelled. */
export interface HarExport {
  count: number;
  /** How many calls the selection matched: more than `count` when its limit left the older ones out. */
  matched: number;
  text: string | null;
  savedTo: string | null;
}

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
  | ({ type: 'har-import-progress' } & CoreHarImportStage);
