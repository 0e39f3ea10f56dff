// Under a replay's target field, in the shared words as the page said them itself.
import { describe, expect, it } from 'vitest';
import { emptyTargetWords, parametersOverLimitWords, withoutTargetWords } from '../../../main/contract/words';

describe('a target field left empty', () => {
  it("says where one action's call goes, its target's password as ***", () => {
    expect(
      emptyTargetWords({ mode: 'forward', target: 'http://me:pw@localhost:8000/actions/{action_name}', mock: 'built-in' }, 'send_email'),
    ).toBe('Left empty, it goes to http://me:***@localhost:8000/actions/send_email, the forwarding target of send_email.');
    expect(emptyTargetWords({ mode: 'mock', target: null, mock: 'own' }, 'send_email')).toBe(
      'Left empty, nothing is sent: send_email is answered by its own mock, not a handler. Choose "This companion" for that answer.',
    );
  });

  it('names the actions a bulk replay would not send, as a person lists them', () => {
    expect(withoutTargetWords(['charge_card', 'refund', 'send_email'])).toBe(
      'Left empty, the calls of charge_card, refund and send_email are not sent: those actions have no handler to send to ' +
        '(no forwarding target, or the companion answers them itself). Give a target URL, choose "This companion", or set a forwarding target in Answers.',
    );
  });
});

it('says parameters over the limit in bytes, and the limit as people say it', () => {
  expect(parametersOverLimitWords(1_048_577)).toBe(
    'The parameters are 1,048,577 bytes, over Flowent’s limit of 1 MB for a whole call: Flowent never sends one that big. Make them smaller.',
  );
});
