// Sentences the page said in words of its own, now in the shared words any front end can use:
// the follow history's line per linked action, and whose error a failed answer quotes.
import { describe, expect, it } from 'vitest';
import type { CallDetail, FollowChange } from '../../../main/contract/api';
import { answerErrorWords, followChangeWords, quotedAnswerError } from '../../../main/contract/words';

describe("a linked action's part in a change of the public URL", () => {
  const change = (outcome: FollowChange['outcome']): FollowChange => ({
    profile: 'default',
    action: 'send_email',
    from: 'https://old.test/actions/send_email',
    to: 'https://new.test/actions/send_email',
    outcome,
  });

  it('says what became of it, with why Flowent refused in the front end words', () => {
    expect(followChangeWords(change('updated'), null)).toBe('send_email: now https://new.test/actions/send_email');
    expect(followChangeWords(change('failed'), 'Flowent refused "send_email": bad URL.')).toBe(
      'send_email: not updated: Flowent refused "send_email": bad URL.',
    );
    expect(followChangeWords(change('failed'), null)).toBe('send_email: not updated: Flowent refused');
    expect(followChangeWords(change('proposed'), null)).toBe('send_email: still https://old.test/actions/send_email');
    expect(followChangeWords(change('gone'), null)).toBe('send_email: not re-pointed: Flowent no longer has it');
  });
});

describe("a failed answer's own error", () => {
  const answered = (answeredBy: CallDetail['answeredBy'], violations: CallDetail['violations'] = []) => ({
    answeredBy,
    response: { status: 500, headers: [], body: '{"result":"","error":"database is down"}' },
    violations,
  });

  it('is quoted as the words of whoever wrote the answer', () => {
    expect(answerErrorWords(answered('forward'))).toBe("Your handler's error: “database is down”");
    expect(answerErrorWords(answered('mock'))).toBe("The mock's error: “database is down”");
    expect(answerErrorWords(answered('fallback-mock'))).toBe("The mock's error: “database is down”");
    expect(answerErrorWords(answered('companion'))).toBe("The answer's error: “database is down”");
    expect(quotedAnswerError(answered('forward'))).toBe('database is down');
  });

  it("is not quoted of the companion's own answers, nor where the contract check quotes it", () => {
    expect(answerErrorWords(answered('forward-error'))).toBeNull();
    expect(answerErrorWords(answered('signature-check'))).toBeNull();
    const onSuccess = answered('forward', [{ code: 'error-on-success', message: 'error on a 2xx' }]);
    expect(answerErrorWords(onSuccess)).toBeNull();
    expect(quotedAnswerError(onSuccess)).toBeNull();
  });
});
