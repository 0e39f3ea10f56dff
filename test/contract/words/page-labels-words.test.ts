// Labels and sentences the page wrote in its own files, now in the shared words: the tunnel's
// labels, the call detail's problem headings, the toasts of work done and a bulk replay's labels
// (the confirmations': confirm-words.test.ts).
import { describe, expect, it } from 'vitest';
import {
  ANSWER_PROBLEM_HEADING,
  BULK_PROGRESS_LABELS,
  BULK_VERDICT_LABELS,
  BULK_VERDICT_LIST_LABELS,
  bulkProgressHeading,
  cancelRunLabel,
  COPIED,
  HAR_BUTTONS,
  HISTORY_LIMITS_SAVED,
  NEW_BULK_REPLAY,
  OPEN_PUBLIC_URL_PANEL,
  REQUEST_PROBLEM_HEADING,
  TUNNEL_OFFLINE_HINT,
  tunnelStateLabel,
  webhookUrlWords,
} from '../../../main/contract/words';

describe('the tunnel on the page', () => {
  it('says its state in a word or two, a retry before it ever came up as not connected yet', () => {
    expect(tunnelStateLabel({ state: 'online', url: 'https://a.ngrok.app' })).toBe('online');
    expect(tunnelStateLabel({ state: 'offline', url: null })).toBe('offline');
    expect(tunnelStateLabel({ state: 'reconnecting', url: null })).toBe('not connected yet');
    expect(tunnelStateLabel({ state: 'reconnecting', url: 'https://a.ngrok.app' })).toBe('reconnecting');
  });

  it('names the URL to give Flowent by whose it is, and what the pill and panel say with no reason', () => {
    expect(webhookUrlWords('public')).toEqual({ label: 'Public URL', what: 'public URL' });
    expect(webhookUrlWords('this-computer')).toEqual({ label: 'Webhook base URL', what: 'webhook URL' });
    expect(OPEN_PUBLIC_URL_PANEL).toBe('Open the Public URL panel');
    expect(TUNNEL_OFFLINE_HINT).toBe('Offline: open the tunnel to get a public URL Flowent can call.');
  });
});

describe("a call's problems and the page's toasts", () => {
  it('heads the problems of the request and of the answer', () => {
    expect(REQUEST_PROBLEM_HEADING).toBe('Problem with the request');
    expect(ANSWER_PROBLEM_HEADING).toBe('Problem with the answer');
  });

  it('says work done in a toast', () => {
    expect(HISTORY_LIMITS_SAVED).toBe('History limits saved');
    expect(COPIED).toBe('Copied');
  });
});

describe("a bulk replay's progress and result", () => {
  it('labels its counts by verdict, the lists they open, its heading and its buttons', () => {
    expect(BULK_VERDICT_LABELS).toEqual({
      passed: 'Passed',
      changed: 'Passed with a changed answer',
      failed: 'Failed',
      notSent: 'Not sent',
    });
    expect(BULK_VERDICT_LIST_LABELS.changed).toBe('Calls passed with a changed answer');
    expect(BULK_VERDICT_LIST_LABELS.notSent).toBe('Calls not sent');
    expect(bulkProgressHeading(false)).toBe('Bulk replay progress');
    expect(bulkProgressHeading(true)).toBe('Bulk replay result');
    expect(cancelRunLabel(false)).toBe('Cancel');
    expect(cancelRunLabel(true)).toBe('Cancelling…');
    expect(NEW_BULK_REPLAY).toBe('New bulk replay');
  });

  it("names its parts for a screen reader, the whole by the running run's heading", () => {
    for (const [name, label] of Object.entries(BULK_PROGRESS_LABELS)) expect(label, name).toMatch(/^[A-Z][^.]*[a-z]$/);
    expect(BULK_PROGRESS_LABELS.whole).toBe(bulkProgressHeading(false));
    expect(BULK_PROGRESS_LABELS.counts).toBe('Bulk replay counts');
  });
});

describe("the call list's HAR buttons", () => {
  it('label each button, its work under way and its bar, and say what it does in its tooltip', () => {
    for (const [name, label] of Object.entries(HAR_BUTTONS)) expect(label, name).toMatch(/^[A-Z][^.]*([a-zA-Z]|…)$/);
    expect(HAR_BUTTONS.export).toBe('Export HAR');
    expect(HAR_BUTTONS.import).toBe('Import HAR');
    expect(HAR_BUTTONS.importTitle).toBe('Import calls from a HAR file');
  });
});
