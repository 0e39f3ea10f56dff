/** One replay's outcome, and why a replay (or a simulated call, an export, an import) did not happen: what a bulk run is made of too. */
import type { AnswerFileMistake, AnswersFailure } from './answers';
import type { AnsweredBy } from './names-and-limits';
import type * as z from 'zod';
import type { CallsFailure, NoAnswerCause, ServerNotRunning, Violation } from './shared';
import type { replayMode } from './schemas/replay';

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
  /**
   * No target was given and the one the answers give `action` holds its password as `***` (a file
   * meant for git) with none kept in this history folder for it: `***` would go as the password.
   * `owner`: the action whose own answers set that target, null when it is the default's.
   */
  | { code: 'target-password-left-out'; action: string; target: string; owner: string | null }
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
   * Sent to a companion's webhook (`url` is the webhook's): the developer's handler it forwarded
   * the replay to, or tried to, as the webhook said (a password in it as `***`). Null when sent
   * straight to a handler, when the webhook forwarded it nowhere (its mock answered), when the
   * webhook is too old to say, or when what it said is no URL.
   */
  forwardTarget: string | null;
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

/** How a run's failed replays got no answer, when one way says it for all of them. */
export interface BulkReplayNoAnswer {
  cause: NoAnswerCause;
  /** Who they were sent to: `forward-error` (your handler) or `companion-error` (a companion's webhook). */
  answeredBy: AnsweredBy;
  /** Where: the URL every one of them went to, else the origin they share (`http://127.0.0.1:8099`). */
  url: string;
  /**
   * They went to a companion's webhook (`url` is the webhook's), which answered each in place of
   * the handler it forwards to (its 502, its 504: `answeredBy` `forward-error`): that handler is
   * who gave no answer. False when they went straight to who gave none.
   */
  behindWebhook: boolean;
  /**
   * Behind a companion's webhook, the handler it forwarded them to, as it said (see
   * ReplayOutcome.forwardTarget): the URL every one went to, else the origin they share. Null when
   * they went straight to who gave no answer, or the webhook did not say (an older companion).
   */
  forwardTarget: string | null;
  /** How many replays got no answer so. */
  replays: number;
}
