import { describe, expect, it } from 'vitest';
import {
  KEYCHAIN_UNAVAILABLE,
  NO_HMAC_KEY_SET,
  NO_NGROK_AUTHTOKEN_SET,
  secretClearedWords,
  secretNow,
  secretSavedWords,
} from '../../../main/contract/words';

const NOT_SET = NO_NGROK_AUTHTOKEN_SET;

describe('what a secret’s section says it is now', () => {
  it('says where a set secret comes from, and that a saved one the keychain cannot read is no secret', () => {
    expect(secretNow({ set: true, source: 'keychain' }, true, 'NGROK_AUTHTOKEN', NOT_SET, 'ngrok authtoken')).toBe(
      'Set (saved in the system keychain).',
    );
    expect(secretNow({ set: false, source: null }, true, 'NGROK_AUTHTOKEN', NOT_SET, 'ngrok authtoken')).toBe(NOT_SET);
    expect(secretNow({ set: false, source: null, unreadable: true }, true, 'NGROK_AUTHTOKEN', NOT_SET, 'ngrok authtoken')).toBe(
      'A saved ngrok authtoken cannot be read: the system keychain is locked, was reset, or belongs to another computer. ' +
        'Unlock the keychain and restart the companion, or save the ngrok authtoken again.',
    );
    // Set from the environment while the saved one cannot be read: both are said.
    expect(secretNow({ set: true, source: 'environment', unreadable: true }, false, 'NGROK_AUTHTOKEN', NOT_SET, 'ngrok authtoken')).toBe(
      'Set (from NGROK_AUTHTOKEN). A saved ngrok authtoken cannot be read: the system keychain is locked, was reset, or ' +
        'belongs to another computer. Unlock the keychain and restart the companion.',
    );
  });
});

describe('a secret saved, cleared or not set', () => {
  it('says each section with none set', () => {
    expect(NO_NGROK_AUTHTOKEN_SET).toBe('Not set: the public URL (tunnel) cannot open.');
    expect(NO_HMAC_KEY_SET).toBe('No key set: signatures cannot be checked.');
  });

  it('says a secret saved, and what clearing one left: none, or the one from the environment', () => {
    expect(secretSavedWords('HMAC key')).toBe('HMAC key saved');
    expect(secretClearedWords('HMAC key', { set: false, source: null }, 'FLOWENT_HMAC_KEY')).toBe('HMAC key cleared');
    expect(secretClearedWords('ngrok authtoken', { set: true, source: 'environment' }, 'NGROK_AUTHTOKEN')).toBe(
      'ngrok authtoken cleared: the one from NGROK_AUTHTOKEN is in use again',
    );
  });

  it('says why the desktop app cannot save one', () => {
    expect(KEYCHAIN_UNAVAILABLE['no-encryption']).toBe('this system offers the companion no keychain to save it in');
  });
});
