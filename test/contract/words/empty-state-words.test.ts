// The empty history's words, as the page said them itself: the URL to register, the sample call.
import { describe, expect, it } from 'vitest';
import {
  actionUrlMissingWords,
  LOCAL_URL_LEAD,
  NO_CALLS_YET,
  PREPARING_SAMPLE,
  REGISTER_WITH_WEBHOOK_URL,
  registerUrlLeadWords,
  sampleLeadWords,
  SIGNATURES_CHECKED_WITH_KEY,
  UNSIGNED_SAMPLE_NOTE,
  webhookUrlPendingWords,
} from '../../../main/contract/words';

describe('the empty history', () => {
  it('says where to register the action, and while the URL is not known yet', () => {
    expect(NO_CALLS_YET).toBe('No calls yet');
    expect(REGISTER_WITH_WEBHOOK_URL).toBe('Register your action in Flowent with its webhook URL, one path per action name.');
    expect(webhookUrlPendingWords(true)).toBe('The webhook server is not listening yet.');
    expect(webhookUrlPendingWords(false)).toBe('Asking the companion where it listens…');
    expect(registerUrlLeadWords(true)).toBe("Register your action in Flowent with the tunnel's public URL, one path per action name:");
    expect(registerUrlLeadWords(false)).toBe('Register your action in Flowent with this webhook URL, one path per action name:');
    expect(LOCAL_URL_LEAD).toBe("This computer's own URL, which Flowent in the cloud cannot reach:");
    expect(actionUrlMissingWords('http://127.0.0.1:8787')).toBe(
      "http://127.0.0.1:8787/actions/… : type the action's name above for its URL.",
    );
  });

  it('offers the sample call, signed or not', () => {
    expect(sampleLeadWords(false)).toBe('Or send a correctly signed sample call now:');
    expect(sampleLeadWords(true)).toBe('Or send a sample call now:');
    expect(UNSIGNED_SAMPLE_NOTE).toBe(
      'This sample is unsigned because no HMAC key is set: it arrives as a call with no signature, a failure, until a key is set.',
    );
    expect(PREPARING_SAMPLE).toBe('Preparing a sample request…');
    expect(SIGNATURES_CHECKED_WITH_KEY).toBe('Signatures are checked with your Flowent HMAC key.');
  });
});
