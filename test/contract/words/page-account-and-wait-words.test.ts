// The Flowent account dialog's own sentences and the page's waiting lines, as the page said them itself.
import { describe, expect, it } from 'vitest';
import {
  apiTokenNowWords,
  CHECKING_VERIFIER,
  CONNECTING_TO_NGROK,
  FIX_ACTION_FIRST,
  LOADING_ACCOUNT,
  LOADING_FLOWENT_ACTIONS,
  NO_URL_TO_REGISTER,
  notRepointedToastWords,
  profileBlockedWords,
  READING_PROJECT,
  SINGLE_KEYS_NOTE,
} from '../../../main/contract/words';

describe('the Flowent account dialog', () => {
  it("says the profile's API token, and where to get one", () => {
    expect(apiTokenNowWords('staging', { set: true, source: 'environment' }, 'FLOWENT_API_TOKEN')).toBe(
      'An API token is set for staging (from FLOWENT_API_TOKEN).',
    );
    expect(apiTokenNowWords('default', { set: true, source: null }, 'FLOWENT_API_TOKEN')).toBe('An API token is set for default.');
    expect(apiTokenNowWords('default', { set: false, source: null }, 'FLOWENT_API_TOKEN')).toBe(
      "No Flowent API token is set. Create one in Flowent's Gateway Management (API Tokens) and paste it here.",
    );
    expect(apiTokenNowWords('staging', { set: false, source: null }, 'FLOWENT_API_TOKEN')).toBe(
      'No Flowent API token is set for the profile "staging". Create one in Flowent\'s Gateway Management (API Tokens) and paste it here.',
    );
  });

  it('says why a profile or an action cannot be saved yet', () => {
    expect(profileBlockedWords(['a name', 'a Gateway URL'], ['the name'])).toBe('Give the profile a name and a Gateway URL to save it.');
    expect(profileBlockedWords([], ['the Gateway URL'])).toBe('Fix the Gateway URL to save the profile.');
    expect(profileBlockedWords([], [])).toBeNull();
    expect(FIX_ACTION_FIRST).toBe('Fix the name, description and schema first.');
    expect(NO_URL_TO_REGISTER).toBe('The companion is not listening yet: there is no URL to register.');
  });

  it('says where to see what to do about links Flowent no longer has', () => {
    expect(notRepointedToastWords(['send_email', 'create_ticket'])).toBe(
      'Flowent no longer has send_email, create_ticket: not re-pointed (Flowent account > Account says what to do)',
    );
  });
});

describe('the page waiting', () => {
  it('says what is on its way', () => {
    expect([LOADING_ACCOUNT, LOADING_FLOWENT_ACTIONS, CONNECTING_TO_NGROK, CHECKING_VERIFIER, READING_PROJECT]).toEqual([
      'Loading the Flowent account…',
      'Loading your actions from Flowent…',
      'Connecting to ngrok…',
      "Checking your handler's verifier…",
      'Reading the project folder…',
    ]);
    expect(SINGLE_KEYS_NOTE).toBe('Single keys work when no text field has the focus.');
  });
});
