/**
 * What several features' types are made of: a stored call's faults and findings, the secrets'
 * state, and refusals more than one feature gives. They stand apart so that each feature file
 * imports only downward, from here, and never from a file that imports it back.
 */

/** Why a stored call cannot be used for what was asked (other features return these too). */
export type CallsFailure =
  | { code: 'call-not-found'; id: number }
  /** A mock, or the check of its parameters against a schema, needs the action the call names. */
  | { code: 'call-without-action'; id: number; wanted: 'mock' | 'parameter-check' | 'probe' }
  | { code: 'call-not-json'; id: number }
  /** The connection closed before an answer: there is nothing to copy into a mock. */
  | { code: 'call-without-answer'; id: number };

/** One way an answer falls short of what Flowent expects (2xx, JSON, `result` a string...). */
export interface Violation {
  /** Stable code: `not-2xx`, `not-json`, `not-object`, `result-missing`, `result-not-string`, `error-not-string`, `error-on-success`, `too-large`, `too-slow`, `no-answer`. */
  code: string;
  /** What happened, in the words a developer acts on. */
  message: string;
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
}

/** The project folder named is not there (moved, deleted, or a typo): also a reason a companion started with one cannot start. */
export interface ProjectMissing {
  code: 'project-missing';
  dir: string;
}
