import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { DATA_FILES } from '../core/data-folder';
import type { KeychainUnavailable, Result, SecretFailure, SecretRef } from '../contract/api';
import { HMAC_KEY_ENV, NGROK_AUTHTOKEN_ENV, nonBlankSecret } from '../contract/secret-variables';
import { apiTokenVariable, type ProfileSecrets, type SecretSource } from '../core';
import { FLOWENT_API_TOKEN_ENV } from '../core/account/types';

/**
 * The secrets the app keeps. A closed list, so nothing else can be written through here; the
 * Flowent API token is kept per profile (profile names are 1-40 of [a-z0-9_-]).
 */
export type SecretName = 'hmac-key' | 'flowent-api-token' | 'ngrok-authtoken' | FlowentApiTokenName;
export type FlowentApiTokenName = `flowent-api-token:${string}`;

export function flowentApiTokenName(profile: string): FlowentApiTokenName {
  return `flowent-api-token:${profile}`;
}

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only; `basic_text` means a hard-coded password, which is no keychain at all. */
  getSelectedStorageBackend?(): string;
}

/** Why a secret could not be kept: no keychain to encrypt it with, or the file could not be written. */
export type SecretStoreFailure = { code: 'keychain-unavailable' } | Extract<SecretFailure, { code: 'secret-write-failed' }>;

export interface SecretStore {
  /** Why secrets cannot be stored safely on this system, or null when they can. */
  unavailable(): KeychainUnavailable | null;
  get(name: SecretName): string | null;
  /** True when the secret is stored but cannot be decrypted: the keychain is locked, was reset, or is another computer's. */
  unreadable(name: SecretName): boolean;
  set(name: SecretName, value: string): Result<void, SecretStoreFailure>;
  delete(name: SecretName): Result<void, SecretStoreFailure>;
  /** Every stored secret that can be read, whatever its name: what the failure log must take out. */
  readableValues(): string[];
}

interface SecretsFile {
  version: 1;
  /** base64 of safeStorage's ciphertext, per secret name. */
  secrets: Partial<Record<SecretName, string>>;
}

/**
 * Secrets encrypted with the OS keychain (safeStorage) and kept as base64 blobs in
 * `<dataDir>/secrets.json`, mode 0600, replaced atomically. Never writes a secret in clear:
 * without a keychain, `set` fails with `keychain-unavailable`. Must be built after Electron's
 * `ready` event (safeStorage needs it on Linux).
 */
export function createSecretStore(dataDir: string, safeStorage: SafeStorageLike): SecretStore {
  const file = join(dataDir, DATA_FILES.secrets);
  const cache = new Map<SecretName, string | null>();

  function unavailable(): KeychainUnavailable | null {
    if (!safeStorage.isEncryptionAvailable()) return 'no-encryption';
    const backend = safeStorage.getSelectedStorageBackend?.();
    return backend === 'basic_text' || backend === 'unknown' ? 'no-keyring-service' : null;
  }

  function get(name: SecretName): string | null {
    if (!cache.has(name)) cache.set(name, decrypt(readFile().secrets[name]));
    return cache.get(name) ?? null;
  }

  function readFile(): SecretsFile {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return { version: 1, secrets: {} };
    }
    try {
      const parsed = JSON.parse(text) as Partial<SecretsFile>;
      const secrets = typeof parsed.secrets === 'object' && parsed.secrets !== null ? parsed.secrets : {};
      return { version: 1, secrets };
    } catch {
      return { version: 1, secrets: {} };
    }
  }

  function writeFile(content: SecretsFile): Result<void, SecretStoreFailure> {
    const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      writeFileSync(temp, JSON.stringify(content, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
      chmodSync(temp, 0o600);
      renameSync(temp, file);
      return { ok: true, value: undefined };
    } catch (error) {
      try {
        rmSync(temp, { force: true });
      } catch {
        // nothing was written, or nothing can be removed: the error below says why
      }
      return { ok: false, code: 'secret-write-failed', file, reason: error instanceof Error ? error.message : String(error) };
    }
  }

  function decrypt(blob: string | undefined): string | null {
    if (blob === undefined || !safeStorage.isEncryptionAvailable()) return null;
    try {
      return safeStorage.decryptString(Buffer.from(blob, 'base64'));
    } catch {
      // Encrypted under another keychain (moved data folder, reset keyring): unreadable, not fatal.
      return null;
    }
  }

  return {
    unavailable,
    get,
    unreadable: (name) => get(name) === null && readFile().secrets[name] !== undefined,
    readableValues: () => (Object.keys(readFile().secrets) as SecretName[]).flatMap((name) => get(name) ?? []),
    set(name, value) {
      if (unavailable()) return { ok: false, code: 'keychain-unavailable' };
      const content = readFile();
      content.secrets[name] = safeStorage.encryptString(value).toString('base64');
      const written = writeFile(content);
      if (written.ok) cache.set(name, value);
      return written;
    },
    delete(name) {
      const content = readFile();
      cache.set(name, null);
      if (content.secrets[name] === undefined) return { ok: true, value: undefined };
      delete content.secrets[name];
      return writeFile(content);
    },
  };
}

/**
 * The HMAC key for the core: the keychain's, else FLOWENT_HMAC_KEY from the environment.
 * Read on every call, so a key set or cleared from the UI applies at once.
 */
/**
 * A secret from the keychain, falling back to an environment variable when none is stored;
 * `ref` names it (and that variable) in failures.
 */
export function keychainSecretSource(store: SecretStore, name: SecretName, env: NodeJS.ProcessEnv, ref: SecretRef): SecretSource {
  const fromEnv = (): string | null => nonBlankSecret(env[ref.variable]);
  const kept = (outcome: Result<void, SecretStoreFailure>): Result<void, SecretFailure> =>
    outcome.ok || outcome.code !== 'keychain-unavailable' ? outcome : { ok: false, code: 'keychain-unavailable', ...ref };
  return {
    get: () => store.get(name) ?? fromEnv(),
    get source() {
      if (store.get(name) !== null) return 'keychain';
      return fromEnv() !== null ? 'environment' : null;
    },
    set: (value) => kept(store.set(name, value)),
    clear: () => kept(store.delete(name)),
    get unavailable() {
      return store.unavailable();
    },
    get unreadable() {
      return store.unreadable(name);
    },
  };
}

/**
 * Every secret the app may hold now: the stored ones and those of the environment (the HMAC key,
 * the ngrok authtoken, every profile's API token variable). None may reach the failure log.
 */
export function secretValues(store: SecretStore | null, env: NodeJS.ProcessEnv): string[] {
  const fromEnv = Object.entries(env)
    .filter(([variable]) => variable === HMAC_KEY_ENV || variable === NGROK_AUTHTOKEN_ENV || variable.startsWith(FLOWENT_API_TOKEN_ENV))
    .flatMap(([, value]) => nonBlankSecret(value) ?? []);
  return [...(store?.readableValues() ?? []), ...fromEnv];
}

export function keychainHmacKeySource(store: SecretStore, env: NodeJS.ProcessEnv): SecretSource {
  return keychainSecretSource(store, 'hmac-key', env, { secret: 'hmac-key', variable: HMAC_KEY_ENV });
}

/**
 * Each Flowent profile's API token: the keychain's (under "flowent-api-token:<profile>"), else
 * FLOWENT_API_TOKEN / FLOWENT_API_TOKEN_<PROFILE> from the environment.
 */
export function keychainProfileSecrets(store: SecretStore, env: NodeJS.ProcessEnv): ProfileSecrets {
  return (profile) => {
    return keychainSecretSource(store, flowentApiTokenName(profile), env, {
      secret: 'api-token',
      profile,
      variable: apiTokenVariable(profile),
    });
  };
}
