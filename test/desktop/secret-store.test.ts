import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSecretStore, keychainHmacKeySource, keychainProfileSecrets, secretValues } from '../../main/desktop/secret-store';
import { canSetSecret, secretState } from '../../main/core/secret-source';
import { DATA_FILES } from '../../main/core/data-folder';
import { createElectronStandIn } from './electron-stand-in';

const KEY = 'whsec_Correct-Horse-Battery-Staple';
let dir: string;
let electron: ReturnType<typeof createElectronStandIn>;

beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'secret-store-')), 'data');
  electron = createElectronStandIn();
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

const store = () => createSecretStore(dir, electron.module.safeStorage);
const fileText = () => readFileSync(join(dir, DATA_FILES.secrets), 'utf8');

describe('secret store', () => {
  it('stores secrets encrypted, never in clear, and reads them back in a new run', () => {
    expect(store().set('hmac-key', KEY)).toEqual({ ok: true, value: undefined });
    const text = fileText();
    expect(text).not.toContain(KEY);
    const blob = (JSON.parse(text) as { secrets: Record<string, string> }).secrets['hmac-key'] ?? '';
    expect(Buffer.from(blob, 'base64').toString()).toBe(electron.module.safeStorage.encryptString(KEY).toString());
    expect(store().get('hmac-key')).toBe(KEY);
  });

  it('writes the file with mode 0600 and leaves no temporary file behind', () => {
    store().set('hmac-key', KEY);
    store().set('ngrok-authtoken', 'tok');
    expect(statSync(join(dir, DATA_FILES.secrets)).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual([DATA_FILES.secrets]);
  });

  it('keeps secrets apart by name', () => {
    const secrets = store();
    secrets.set('hmac-key', KEY);
    secrets.set('flowent-api-token', 'api-token');
    expect(secrets.delete('hmac-key').ok).toBe(true);
    const again = store();
    expect(again.get('hmac-key')).toBeNull();
    expect(again.get('flowent-api-token')).toBe('api-token');
  });

  it.each([
    ['no encryption at all', false, 'gnome_libsecret', 'no-encryption'],
    ['Linux with only the hard-coded basic_text password', true, 'basic_text', 'no-keyring-service'],
  ])('refuses to store anything with %s, and says why before anything is typed', (_name, available, backend, why) => {
    electron.state.encryptionAvailable = available;
    electron.state.storageBackend = backend;
    const secrets = store();
    expect(secrets.unavailable()).toBe(why);
    const source = keychainHmacKeySource(secrets, {});
    expect(source.unavailable).toBe(why);
    expect(canSetSecret(source)).toBe(false);
    expect(secrets.set('hmac-key', KEY)).toEqual({ ok: false, code: 'keychain-unavailable' });
    expect(readdirSync(join(dir, '..'))).toEqual([]);
  });

  it('treats an unreadable file or a foreign ciphertext as no secret, and can still save', () => {
    store().set('hmac-key', KEY);
    writeFileSync(join(dir, DATA_FILES.secrets), '{"secrets": {"hmac-key": "bm90LXNlYWxlZA=="}}');
    expect(store().get('hmac-key')).toBeNull();
    writeFileSync(join(dir, DATA_FILES.secrets), 'not json');
    const secrets = store();
    expect(secrets.get('hmac-key')).toBeNull();
    expect(secrets.set('hmac-key', KEY).ok).toBe(true);
    expect(store().get('hmac-key')).toBe(KEY);
  });

  it('tells a key saved under a keychain that is now locked or gone apart from no key, and still says one from the environment', () => {
    expect(store().set('hmac-key', KEY).ok).toBe(true);
    const readable = keychainHmacKeySource(store(), {});
    expect([canSetSecret(readable), secretState(readable)]).toEqual([true, { set: true, source: 'keychain' }]);
    electron.state.encryptionAvailable = false;
    expect(secretState(keychainHmacKeySource(store(), {}))).toEqual({ set: false, source: null, unreadable: true });
    expect(secretState(keychainHmacKeySource(store(), { FLOWENT_HMAC_KEY: 'from-env' }))).toEqual({
      set: true,
      source: 'environment',
      unreadable: true,
    });
  });

  it('says a key that starts or ends with a space or a line break is set with one, from the keychain or the environment', () => {
    expect(store().set('hmac-key', `${KEY}\n`).ok).toBe(true);
    expect(secretState(keychainHmacKeySource(store(), {}))).toEqual({ set: true, source: 'keychain', edgeSpace: true });
    store().set('hmac-key', KEY);
    expect(secretState(keychainHmacKeySource(store(), {}))).toEqual({ set: true, source: 'keychain' });
    electron.state.encryptionAvailable = false;
    expect(secretState(keychainHmacKeySource(store(), { FLOWENT_HMAC_KEY: ' from-env' }))).toMatchObject({
      set: true,
      source: 'environment',
      edgeSpace: true,
    });
  });

  it('says a key encrypted by another keychain is unreadable, and not once it is saved again or cleared', () => {
    store().set('hmac-key', KEY);
    writeFileSync(join(dir, DATA_FILES.secrets), '{"secrets": {"hmac-key": "bm90LXNlYWxlZA=="}}');
    const secrets = store();
    expect(secrets.unreadable('hmac-key')).toBe(true);
    expect(secrets.unreadable('ngrok-authtoken')).toBe(false);
    expect(secrets.set('hmac-key', KEY).ok).toBe(true);
    expect(secrets.unreadable('hmac-key')).toBe(false);
    writeFileSync(join(dir, DATA_FILES.secrets), '{"secrets": {"hmac-key": "bm90LXNlYWxlZA=="}}');
    const again = store();
    expect(again.delete('hmac-key').ok).toBe(true);
    expect(again.unreadable('hmac-key')).toBe(false);
  });

  it('reports a write failure as a value', () => {
    writeFileSync(join(dir, '..', 'blocker'), '');
    const secrets = createSecretStore(join(dir, '..', 'blocker', 'sub'), electron.module.safeStorage);
    const result = secrets.set('hmac-key', KEY);
    expect(result).toMatchObject({ ok: false, code: 'secret-write-failed' });
    expect(JSON.stringify(result)).not.toContain(KEY);
  });
});

describe('HMAC key source', () => {
  it('uses the keychain key first, then FLOWENT_HMAC_KEY, and says which', () => {
    const env = { FLOWENT_HMAC_KEY: 'from-env' };
    const source = keychainHmacKeySource(store(), env);
    expect([source.get(), source.source]).toEqual(['from-env', 'environment']);
    expect(source.set?.(KEY)).toEqual({ ok: true, value: undefined });
    expect([source.get(), source.source]).toEqual([KEY, 'keychain']);
    expect(source.clear?.()).toEqual({ ok: true, value: undefined });
    expect([source.get(), source.source]).toEqual(['from-env', 'environment']);
  });

  it('has no key and no source when neither is set (an empty variable counts as unset)', () => {
    const source = keychainHmacKeySource(store(), { FLOWENT_HMAC_KEY: '' });
    expect([source.get(), source.source]).toEqual([null, null]);
  });

  it('takes a blank variable (spaces, a line break read from an empty file) for unset too', () => {
    const source = keychainHmacKeySource(store(), { FLOWENT_HMAC_KEY: ' \r\n' });
    expect([source.get(), source.source]).toEqual([null, null]);
    expect(secretState(source)).toEqual({ set: false, source: null });
    // Nor is it a secret the failure log would take out of every line.
    expect(secretValues(null, { FLOWENT_HMAC_KEY: '    ', NGROK_AUTHTOKEN: 'ngrok-token' })).toEqual(['ngrok-token']);
  });

  it('without a keychain, setting fails with the advice to use the environment', () => {
    electron.state.encryptionAvailable = false;
    const source = keychainHmacKeySource(store(), { FLOWENT_HMAC_KEY: 'from-env' });
    expect(source.set?.(KEY)).toMatchObject({ ok: false, code: 'keychain-unavailable' });
    expect(source.get()).toBe('from-env');
  });
});

describe('Flowent API tokens, one per profile', () => {
  it('keeps each profile’s token in the keychain under its own name, falling back to its own variable', () => {
    const env = { FLOWENT_API_TOKEN: 'default-from-env', FLOWENT_API_TOKEN_STAGING: 'staging-from-env' };
    const secrets = keychainProfileSecrets(store(), env);
    expect([secrets('default').get(), secrets('default').source]).toEqual(['default-from-env', 'environment']);
    expect(secrets('staging').set?.('staging-token-in-keychain')).toEqual({ ok: true, value: undefined });
    expect([secrets('staging').get(), secrets('staging').source]).toEqual(['staging-token-in-keychain', 'keychain']);
    // The default profile is untouched: no token crosses from one instance to another.
    expect(secrets('default').get()).toBe('default-from-env');

    const again = keychainProfileSecrets(store(), {});
    expect(again('staging').get()).toBe('staging-token-in-keychain');
    expect(again('production').get()).toBeNull();
    const stored = JSON.parse(fileText()) as { secrets: Record<string, string> };
    expect(Object.keys(stored.secrets)).toEqual(['flowent-api-token:staging']);
    expect(fileText()).not.toContain('staging-token-in-keychain');

    expect(again('staging').clear?.()).toEqual({ ok: true, value: undefined });
    expect(keychainProfileSecrets(store(), {})('staging').get()).toBeNull();
  });

  it('without a keychain, says to use the profile’s variable instead', () => {
    electron.state.encryptionAvailable = false;
    const secrets = keychainProfileSecrets(store(), {});
    expect(secrets('staging').set?.('tok')).toEqual({
      ok: false,
      code: 'keychain-unavailable',
      secret: 'api-token',
      profile: 'staging',
      variable: 'FLOWENT_API_TOKEN_STAGING',
    });
  });
});
