// The sentences serve's terminal and the page's Account banners share for one account event: the
// front end gives only the names, its way out and (for a failure) its profile in use.
import { describe, expect, it } from 'vitest';
import {
  registrationFinishedWords,
  registrationWaitingWords,
  repointFailedWords,
  repointProposedWords,
  staleLinksWords,
} from '../../../main/contract/words';

const wayOut = (them: 'it' | 'them') => `point ${them} here again`;

describe('linked actions that no longer reach this companion', () => {
  it('one: named with the URL it points at, credentials left out, then the way out', () => {
    const link = { name: 'send_email (default)', webhookUrl: 'https://bob:pw@old.test/actions/send_email' };
    expect(staleLinksWords([link], wayOut)).toBe(
      'send_email (default) still points at https://bob:***@old.test/actions/send_email, which no longer reaches this ' +
        "companion: Flowent's calls to it fail. Point it here again.",
    );
  });

  it('several: named, in one sentence of the same family', () => {
    const links = [
      { name: 'send_email (default)', webhookUrl: 'https://old.test/actions/send_email' },
      { name: 'make_note (staging)', webhookUrl: 'https://other.test/actions/make_note' },
    ];
    expect(staleLinksWords(links, wayOut)).toBe(
      "send_email (default), make_note (staging) still point at URLs that no longer reach this companion: Flowent's calls " +
        'to them fail. Point them here again.',
    );
  });

  it('left by a tunnel closed: the tunnel URL named as the cause', () => {
    const link = { name: 'send_email (default)', webhookUrl: 'https://t.test/actions/send_email' };
    expect(staleLinksWords([link], wayOut, 'https://t.test')).toBe(
      "send_email (default) still points at the tunnel's URL https://t.test, which is closed: Flowent's calls to it fail. " +
        'Point it here again.',
    );
  });
});

describe('linked actions left at the old URL (follow mode "ask")', () => {
  it('names them with both URLs, credentials left out, then where the front end re-points them', () => {
    const change = { from: 'https://u:secret@a.test', to: 'https://b.test' };
    expect(repointProposedWords(['send_email'], change, 'with Update them, beside this')).toBe(
      'send_email still points at the old URL https://u:***@a.test: re-point it to https://b.test with Update them, beside this.',
    );
    expect(repointProposedWords(['send_email', 'make_note'], change, 'from the inspector')).toBe(
      'send_email, make_note still point at the old URL https://u:***@a.test: re-point them to https://b.test from the inspector.',
    );
  });
});

describe('a registration', () => {
  const record = { ok: true, created: true, webhookUrl: 'https://u:secret@b.test/actions/send_email' };

  it('accepted: registered or updated, with the URL it was registered with, credentials left out', () => {
    expect(registrationFinishedWords('send_email', record, null)).toBe(
      'Registration of send_email: accepted by Flowent (registered with webhook_url https://u:***@b.test/actions/send_email)',
    );
    expect(registrationFinishedWords('send_email (staging)', { ...record, created: false }, null)).toBe(
      'Registration of send_email (staging): accepted by Flowent (updated with webhook_url https://u:***@b.test/actions/send_email)',
    );
  });

  it('refused: why, in the front end’s words, or that Flowent gave none; and while its answer is awaited', () => {
    expect(registrationFinishedWords('send_email', { ...record, ok: false }, 'It returned 500.')).toBe(
      'Registration of send_email: refused by Flowent: It returned 500.',
    );
    expect(registrationFinishedWords('send_email', { ...record, ok: false }, null)).toBe(
      'Registration of send_email: refused by Flowent: no reason given',
    );
    expect(registrationWaitingWords('send_email')).toBe("Registration of send_email: waiting for Flowent's answer…");
  });
});

describe('a re-point Flowent refused', () => {
  const say = { pointActionHere: (action: string, profile: string | null) => `fix ${action}${profile ? ` in ${profile}` : ''}` };
  const change = { action: 'send_email', profile: 'staging', to: 'https://b.test/actions/send_email' };

  it('names the link’s profile in the way out where it is not the one in use, or where that is not known', () => {
    expect(repointFailedWords(change, null, say, 'default')).toContain('Once that is fixed, fix send_email in staging.');
    expect(repointFailedWords(change, null, say, null)).toContain('Once that is fixed, fix send_email in staging.');
    expect(repointFailedWords(change, null, say, 'staging')).toContain('Once that is fixed, fix send_email.');
  });
});
