import { describe, expect, it } from 'vitest';
import { secretNow } from '../../../renderer/src/shared/secret-words';

const NOT_SET = 'Not set: the public URL (tunnel) cannot open.';

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
