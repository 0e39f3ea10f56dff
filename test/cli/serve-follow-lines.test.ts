// serve's lines for what a change of the public URL did to the linked actions, and for a
// registration: the sentences the page's Account tab says of the same events (its toasts and
// banners), so a user reading the terminal and the page reads one sentence for one event.
import { describe, expect, it } from 'vitest';
import type { FollowChange, FollowRecord } from '../../main/contract/api';
import { notRepointedWords, repointedWords, repointFailedWords } from '../../main/contract/words';
import { CLI_VOCABULARY } from '../../main/cli/cli-words';
import { accountLines, followLines } from '../../main/cli/serve-follow-lines';

const PREVIOUS = 'https://a.test';
const CURRENT = 'https://b.test';

function change(action: string, outcome: FollowChange['outcome'], more: Partial<FollowChange> = {}): FollowChange {
  return { profile: 'default', action, from: `${PREVIOUS}/actions/${action}`, to: `${CURRENT}/actions/${action}`, outcome, ...more };
}

const record = (...changes: FollowChange[]): FollowRecord => ({ at: 1, previous: PREVIOUS, current: CURRENT, mode: 'auto', changes });

describe("serve's lines for linked actions after the public URL changed", () => {
  it('says the re-pointed ones in one line, in the words of the page’s toast, each named with its profile', () => {
    const lines = followLines(record(change('send_email', 'updated'), change('lookup_order', 'updated', { profile: 'staging' })));
    expect(lines).toEqual(['Flowent: Pointed send_email (default), lookup_order (staging) at https://b.test in Flowent']);
    expect(lines[0]).toContain(repointedWords(['send_email (default)', 'lookup_order (staging)'], CURRENT));
  });

  it('says each failure in the words of the page’s banner, with the command line’s way to point it here', () => {
    const failed = change('send_email', 'failed', { failure: { code: 'flowent-nothing-to-update' } });
    const lines = followLines(record(change('lookup_order', 'updated'), failed, change('make_note', 'failed')));
    expect(lines).toEqual([
      'Flowent: Pointed lookup_order (default) at https://b.test in Flowent',
      'Flowent: Could not point send_email at the new public URL https://b.test/actions/send_email. ' +
        'Nothing to update: give a description, a webhook_url or a json_schema. Once that is fixed, point it here and link it with ' +
        '"flowent-companion actions link send_email --here --profile default" (a running serve\'s URL) or "--url <the companion\'s base URL>"; ' +
        '"actions update send_email --here --profile default" does the same.',
      `Flowent: ${repointFailedWords(change('make_note', 'failed'), null, CLI_VOCABULARY, null)}`,
    ]);
    expect(lines[2]).toContain('Flowent gave no reason.');
  });

  // serve follows every profile's links whichever is in use (and that may change while it runs):
  // a command without --profile would point the action of the profile in use, not this one.
  it('names the profile of the link in the command that points it here', () => {
    const lines = followLines(record(change('lookup_order', 'failed', { profile: 'staging' })));
    expect(lines[0]).toContain('"flowent-companion actions link lookup_order --here --profile staging"');
    expect(lines[0]).toContain('"actions update lookup_order --here --profile staging" does the same.');
  });

  it('names the link Flowent no longer has in the words of the page’s toast, with the command that unlinks it', () => {
    const lines = followLines(record(change('get_weather', 'gone', { profile: 'staging' })));
    expect(lines).toEqual([
      'Flowent: Flowent no longer has get_weather (staging): not re-pointed; register it again or unlink it ' +
        '("flowent-companion actions unlink get_weather --profile staging").',
    ]);
    expect(lines[0]).toContain(notRepointedWords(['get_weather (staging)']));
  });

  it('names each link left at the old URL in the words of the page’s banner, with the URL to re-point it to and how, its credentials left out', () => {
    const proposed = change('send_email', 'proposed', { from: 'https://user:secret@a.test/actions/send_email' });
    expect(followLines(record(proposed))).toEqual([
      'Flowent: send_email (default) still points at the old URL https://user:***@a.test/actions/send_email: re-point it to ' +
        'https://b.test/actions/send_email from the inspector, or run serve with --follow auto.',
    ]);
  });

  it('says nothing for a change that touched no linked action', () => {
    expect(followLines(record())).toEqual([]);
  });
});

describe("serve's line for a registration, in the words of the page's note beside Flowent's check", () => {
  const registration = { profile: 'default', action: 'send_email', startedAt: 1, finishedAt: 2 };

  it('names the action, its profile and the URL it was registered with, credentials left out', () => {
    const webhookUrl = 'https://user:secret@b.test/actions/send_email';
    const lines = accountLines({
      type: 'registration-finished',
      record: { ...registration, webhookUrl, ok: true, created: false, failure: null },
    });
    expect(lines).toEqual([
      'Flowent: Registration of send_email (default): accepted by Flowent (updated with webhook_url https://user:***@b.test/actions/send_email)',
    ]);
  });

  it('says why Flowent refused it', () => {
    const failure = { code: 'flowent-nothing-to-update' } as const;
    const refused = { ...registration, webhookUrl: `${CURRENT}/actions/send_email`, ok: false, created: false, failure };
    expect(accountLines({ type: 'registration-finished', record: refused })).toEqual([
      'Flowent: Registration of send_email (default): refused by Flowent: Nothing to update: give a description, a webhook_url or a json_schema.',
    ]);
  });
});
