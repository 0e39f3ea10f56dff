/**
 * What each of the page's keyboard shortcuts does, as the `?` help lists it (and a button's
 * title ends with its key). The page only: the command line has no keys to press.
 */
export const SHORTCUT_WORDS = {
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
} as const;

/** Under the shortcuts: when a single key works. */
export const SINGLE_KEYS_NOTE = 'Single keys work when no text field has the focus.';
