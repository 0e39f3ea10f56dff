// The keyboard shortcuts' help, as the page wrote it itself.
import { describe, expect, it } from 'vitest';
import { SHORTCUT_WORDS } from '../../../main/contract/words';

describe('what each shortcut does', () => {
  it('says it as the ? help lists it', () => {
    expect(SHORTCUT_WORDS).toEqual({
      move: 'Select the previous / next call',
      search: 'Search request bodies',
      escape: 'Clear the search, or close a dialog',
      copyWebhookUrl: "Copy the webhook base URL to give Flowent: the tunnel's public URL while it is online, else this computer's",
      answers: 'Answers (mocks and forwarding)',
      publicUrl: 'Public URL (tunnel and LAN addresses)',
      account: 'Flowent account (actions, API token)',
      settings: 'Settings (HMAC key, ngrok authtoken, history)',
      bulkReplay: 'Bulk replay: every call of the current filter',
      simulate: 'Simulate a Flowent call',
      exportHar: 'Export the calls of the current filter as HAR',
      sendParameters: 'In a parameters editor: send',
      help: 'Show these shortcuts',
    });
  });
});
