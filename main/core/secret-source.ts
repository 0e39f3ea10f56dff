import type { KeychainUnavailable, Result, SecretFailure, SecretState } from '../contract/api';
import { nonBlankSecret } from '../contract/secret-variables';
import { hasEdgeSpace } from '../contract/words/edge-space-words';

/**
 * Where a secret (the HMAC key, the ngrok authtoken) comes from. The core never stores a
 * secret: it asks this on every use, so a change applies at once.
 */
export interface SecretSource {
  /** The current value, or null when none is set. */
  get(): string | null;
  /** Where the current value comes from (null when there is none). */
  readonly source: 'keychain' | 'environment' | 'session' | null;
  /** Absent when the secret cannot be changed in this mode. */
  set?(value: string): Result<void, SecretFailure>;
  clear?(): Result<void, SecretFailure>;
  /** Why `set` cannot keep a value on this system (no keychain); absent or null when it can. */
  readonly unavailable?: KeychainUnavailable | null;
  /** True when a value is kept but cannot be read back (a locked, reset or another computer's keychain). */
  readonly unreadable?: boolean;
}

/** Whether the UI may offer to set the secret: this mode changes it, and this system can keep it. */
export function canSetSecret(secret: SecretSource): boolean {
  return secret.set !== undefined && !secret.unavailable;
}

/**
 * The headless command's secret: an environment variable, replaceable from the inspector
 * for this run only (kept in memory, never written anywhere). Clearing the replacement goes
 * back to the variable's value, as the keychain's clear does in the desktop app.
 */
export function sessionSecret(env: NodeJS.ProcessEnv, variable: string): SecretSource {
  const fromEnv = nonBlankSecret(env[variable]);
  let value = fromEnv;
  let source: SecretSource['source'] = value ? 'environment' : null;
  return {
    get: () => value,
    get source() {
      return source;
    },
    set(next) {
      value = next;
      source = 'session';
      return { ok: true, value: undefined };
    },
    clear() {
      value = fromEnv;
      source = fromEnv ? 'environment' : null;
      return { ok: true, value: undefined };
    },
  };
}

export function secretState(secret: SecretSource): SecretState {
  const value = secret.get();
  const set = value !== null;
  return {
    set,
    source: set ? secret.source : null,
    ...(secret.unreadable ? { unreadable: true } : {}),
    ...(set && hasEdgeSpace(value) ? { edgeSpace: true } : {}),
  };
}
