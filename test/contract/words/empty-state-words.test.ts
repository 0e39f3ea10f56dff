// The empty history's words, as the page said them itself: the URL to register, the sample call.
import { describe, expect, it } from 'vitest';
import {
  actionUrlMissingWords,
  actionUrlWhat,
  keyLineParts,
  LOCAL_URL_LEAD,
  LOCAL_URL_NOTE,
  NO_CALLS_YET,
  PREPARING_SAMPLE,
  REGISTER_WITH_WEBHOOK_URL,
  registerUrlLeadWords,
  sampleLeadWords,
  SIGNATURES_CHECKED_WITH_KEY,
  UNSIGNED_SAMPLE_NOTE,
  webhookUrlPendingWords,
  type EmptyStatePart,
} from '../../../main/contract/words';

const markup = (parts: readonly EmptyStatePart[]) =>
  parts.map((part) => ('text' in part ? part.text : 'code' in part ? `<code>${part.code}</code>` : `[${part.button}]`)).join('');

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

  it('says which key signatures are checked with, and where to set one only when none is set', () => {
    expect(markup(keyLineParts({ set: true, source: 'from FLOWENT_HMAC_KEY' }, false, 'FLOWENT_HMAC_KEY'))).toBe(
      'Signatures are checked with your Flowent HMAC key (from FLOWENT_HMAC_KEY).',
    );
    expect(markup(keyLineParts({ set: true, source: '' }, true, 'FLOWENT_HMAC_KEY'))).toBe(
      'Signatures are checked with your Flowent HMAC key (set; change it in [Settings]).',
    );
    expect(markup(keyLineParts({ set: false }, true, 'FLOWENT_HMAC_KEY'))).toBe(
      'Signatures are checked with your Flowent HMAC key, and none is set yet. Set it in [Settings] (or <code>FLOWENT_HMAC_KEY</code> in headless mode).',
    );
    expect(markup(keyLineParts({ set: false }, false, 'FLOWENT_HMAC_KEY'))).toBe(
      'Signatures are checked with your Flowent HMAC key, and none is set yet. Set it with the <code>FLOWENT_HMAC_KEY</code> environment variable before starting the companion.',
    );
  });

  it('says a local URL cannot be reached by Flowent, and names what its copy buttons copy', () => {
    expect(markup(LOCAL_URL_NOTE)).toBe(
      "It is this computer's own URL, which Flowent in the cloud cannot reach: open a tunnel in [Public URL] for one it can.",
    );
    expect(actionUrlWhat(true)).toBe('public action URL');
    expect(actionUrlWhat(false)).toBe('local action URL');
  });
});
