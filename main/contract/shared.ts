/**
 * What several features' types are made of: a stored call's faults and findings, the secrets'
 * state, and refusals more than one feature gives. They stand apart so that each feature file
 * imports only downward, from here, and never from a file that imports it back.
 */

import type { AnsweredBy } from './names-and-limits';

/** Why a stored call cannot be used for what was asked (other features return these too). */
export type CallsFailure =
  | { code: 'call-not-found'; id: number }
  /** A mock, or the check of its parameters against a schema, needs the action the call names. */
  | { code: 'call-without-action'; id: number; wanted: 'mock' | 'parameter-check' | 'probe' }
  | { code: 'call-not-json'; id: number }
  /**
   * No handler or mock answered it, so there is nothing to copy into a mock: nothing answered at
   * all (`status` 0; `cause` says why, when it was recorded), or the companion gave its own
   * answer (a 502/504 in the handler's place, a refusal): see hasAnswerToCopy.
   */
  | { code: 'call-without-answer'; id: number; answeredBy: AnsweredBy; status: number; cause: NoAnswerCause | null };

/** The stable codes of `Violation`, in the order the list leads with them (see answerMarkWord). */
export const VIOLATION_CODES = [
  'no-answer',
  'too-slow',
  'too-large',
  'not-json',
  'not-object',
  'result-missing',
  'result-not-string',
  'error-not-string',
  'error-on-success',
  'not-2xx',
] as const;
export type ViolationCode = (typeof VIOLATION_CODES)[number];

/**
 * Why no answer came to pass on: nothing listening (`refused`), the connection closed or reset
 * before an answer (`closed`), none within the time allowed (`timeout`), bytes that are not
 * HTTP (`not-http`), an address that cannot be reached (`unreachable`: its name, route, TLS...),
 * another network failure (`failed`), nowhere to forward to (`no-target`), or the companion
 * stopping (`stopped`).
 */
export const NO_ANSWER_CAUSES = ['refused', 'closed', 'timeout', 'not-http', 'unreachable', 'failed', 'no-target', 'stopped'] as const;
export type NoAnswerCause = (typeof NO_ANSWER_CAUSES)[number];

/** One way an answer falls short of what Flowent expects (2xx, JSON, `result` a string...). */
export interface Violation {
  /** Stable code: one of VIOLATION_CODES (a string: a history or file from another version may hold others). */
  code: string;
  /** What happened, in the words a developer acts on. */
  message: string;
  /**
   * Set when no answer was given at all (`no-answer`, or `too-slow` for a forward that timed
   * out): how it failed. Absent on an answer that was given, and on calls stored before it was recorded.
   */
  cause?: NoAnswerCause;
}

/** A likely reason a call's signature did not match, and what to do about it. */
export interface Diagnosis {
  /** Stable code, e.g. `key-whitespace`, `signature-field-included`, `body-reformatted`. */
  code: string;
  /** What happened, in words. */
  message: string;
  /** What to do about it. */
  hint: string;
}

/** A secret the companion keeps, and the environment variable it can come from instead. */
export type SecretRef =
  { secret: 'hmac-key' | 'ngrok-authtoken'; variable: string } | { secret: 'api-token'; profile: string; variable: string };

export type SecretFailure =
  /** It comes from the environment in this mode, so it cannot be changed from here. */
  | ({ code: 'secret-read-only' } & SecretRef)
  /** No OS keychain to keep it in safely (the desktop app never stores a secret in clear). */
  | ({ code: 'keychain-unavailable' } & SecretRef)
  | { code: 'secret-write-failed'; file: string; reason: string };

/** The webhook server is not listening (a one-shot command, or a failed restart). */
export type ServerNotRunning = { code: 'server-not-running' };

export interface SecretState {
  set: boolean;
  source: 'keychain' | 'environment' | 'session' | null;
  /**
   * A value is saved in the keychain but cannot be read back: the keychain is locked, was reset,
   * or is another computer's (a copied data folder). `set` then tells only of the environment's.
   */
  unreadable?: true;
  /** The value starts or ends with a space or a line break (see hasEdgeSpace): most often copied along with it. */
  edgeSpace?: true;
}

/**
 * Why the desktop app cannot keep secrets on this system: the system offers it no encryption
 * at all, or (Linux) no keyring service runs, and Electron would fall back to a password
 * written into every copy of the app, which is no protection.
 */
export type KeychainUnavailable = 'no-encryption' | 'no-keyring-service';

/** The project folder named is not there (moved, deleted, or a typo): also a reason a companion started with one cannot start. */
export interface ProjectMissing {
  code: 'project-missing';
  dir: string;
}
