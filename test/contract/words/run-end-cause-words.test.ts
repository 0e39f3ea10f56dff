import { describe, expect, it } from 'vitest';
import type { BulkReplayNoAnswer } from '../../../main/contract/api';
import { runEndCauseWords } from '../../../main/contract/words';

const refused: BulkReplayNoAnswer = {
  cause: 'refused',
  answeredBy: 'forward-error',
  url: 'http://127.0.0.1:8099/actions/send_email',
  behindWebhook: false,
  forwardTarget: null,
  replays: 3,
};

describe("a bulk run's end, said once for the run", () => {
  it('says what stopped it, how many calls were left, and what to do', () => {
    expect(runEndCauseWords({ stopped: { sent: 3, left: 990 }, noAnswer: refused })).toBe(
      'Stopped after 3 calls: your handler at http://127.0.0.1:8099/actions/send_email refused the connection (nothing is listening). 990 calls not sent. Start your handler and run again.',
    );
  });

  it("names a companion's webhook that is not running, and an address that cannot be reached", () => {
    const webhook = { ...refused, answeredBy: 'companion-error', url: 'http://127.0.0.1:8787/actions/send_email' } as const;
    expect(runEndCauseWords({ stopped: { sent: 53, left: 1 }, noAnswer: webhook })).toBe(
      "Stopped after 53 calls: this companion's webhook at http://127.0.0.1:8787/actions/send_email refused the connection (nothing is listening). 1 call not sent. Start the companion there again and run again.",
    );
    const nowhere = { ...refused, cause: 'unreachable', url: 'http://handler.invalid' } as const;
    expect(runEndCauseWords({ stopped: { sent: 3, left: 2 }, noAnswer: nowhere })).toBe(
      'Stopped after 3 calls: your handler at http://handler.invalid could not be reached. 2 calls not sent. Check the URL and run again.',
    );
  });

  it("names the handler a companion's webhook forwarded to, said it refused or kept it waiting, and never its password", () => {
    const behind = {
      ...refused,
      url: 'http://127.0.0.1:8787/actions/send_email',
      behindWebhook: true,
      forwardTarget: 'http://127.0.0.1:8099/actions/send_email',
    };
    expect(runEndCauseWords({ stopped: { sent: 3, left: 10 }, noAnswer: behind })).toBe(
      "Stopped after 3 calls: your handler at http://127.0.0.1:8099/actions/send_email, behind this companion's webhook, refused the connection (nothing is listening). 10 calls not sent. Start your handler, or point the action's forwarding target elsewhere, and run again.",
    );
    expect(runEndCauseWords({ stopped: null, noAnswer: { ...behind, cause: 'timeout', replays: 2 } })).toBe(
      "All 2 failed replays: your handler at http://127.0.0.1:8099/actions/send_email, behind this companion's webhook, did not answer in time.",
    );
    const withPassword = { ...behind, forwardTarget: 'http://ada:s3cret@127.0.0.1:8099/actions/send_email' };
    const words = runEndCauseWords({ stopped: { sent: 3, left: 1 }, noAnswer: withPassword });
    expect(words).toContain('your handler at http://ada:***@127.0.0.1:8099/actions/send_email, behind');
    expect(words).not.toContain('s3cret');
  });

  it('names the webhook a companion too old to say where it forwarded answered from, and both ways to a handler that answers', () => {
    const behind = { ...refused, url: 'http://127.0.0.1:8787/actions/send_email', behindWebhook: true };
    expect(runEndCauseWords({ stopped: { sent: 3, left: 10 }, noAnswer: behind })).toBe(
      "Stopped after 3 calls: your handler behind this companion's webhook at http://127.0.0.1:8787/actions/send_email refused the connection (nothing is listening). 10 calls not sent. Start your handler, or point the action's forwarding target elsewhere, and run again.",
    );
    expect(runEndCauseWords({ stopped: null, noAnswer: { ...behind, cause: 'timeout', replays: 2 } })).toBe(
      "All 2 failed replays: your handler behind this companion's webhook at http://127.0.0.1:8787/actions/send_email did not answer in time.",
    );
  });

  it('says the one way every failed replay got no answer, with what to do only when nobody was there', () => {
    expect(runEndCauseWords({ stopped: null, noAnswer: { ...refused, replays: 2 } })).toBe(
      'All 2 failed replays: your handler at http://127.0.0.1:8099/actions/send_email refused the connection (nothing is listening). Start your handler and run again.',
    );
    expect(runEndCauseWords({ stopped: null, noAnswer: { ...refused, cause: 'timeout', replays: 1 } })).toBe(
      'The failed replay: your handler at http://127.0.0.1:8099/actions/send_email did not answer in time.',
    );
    expect(runEndCauseWords({ stopped: null, noAnswer: null })).toBeNull();
  });

  it("never says a password in the handler's URL", () => {
    const withPassword = { ...refused, url: 'http://ada:s3cret@127.0.0.1:8099/actions/send_email' };
    expect(runEndCauseWords({ stopped: { sent: 3, left: 1 }, noAnswer: withPassword })).not.toContain('s3cret');
  });
});
