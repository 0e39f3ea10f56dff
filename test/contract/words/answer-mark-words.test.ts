import { describe, expect, it } from 'vitest';
import { answerMarkWord, noAnswerHeading, noAnswerPhrase } from '../../../main/contract/words';
import { NO_ANSWER_CAUSES, VIOLATION_CODES } from '../../../main/contract/api';
import { problemWords, REQUEST_PROBLEMS } from '../../../main/contract/words/call-problem-words';

const v = (code: string, cause?: (typeof NO_ANSWER_CAUSES)[number]) => ({ code, message: `${code} said whole`, ...(cause && { cause }) });

describe("the list's word for an answer's problem", () => {
  it('says how no answer came, before anything else', () => {
    expect(answerMarkWord([v('no-answer', 'refused')])).toBe('no listener');
    expect(answerMarkWord([v('too-slow', 'timeout')])).toBe('timed out');
    expect(answerMarkWord([v('no-answer', 'closed')])).toBe('closed');
    // A history from before causes were kept: the code's own word.
    expect(answerMarkWord([v('no-answer')])).toBe('no answer');
  });

  it('leads with what the status beside it does not say', () => {
    // A 500 in HTML: "not JSON" beside the 500, not "not 2xx".
    expect(answerMarkWord([v('not-2xx'), v('not-json')])).toBe('not JSON');
    expect(answerMarkWord([v('result-missing')])).toBe('no result');
    expect(answerMarkWord([v('not-2xx')])).toBe('not 2xx');
    expect(answerMarkWord([v('too-slow'), v('result-not-string')])).toBe('too slow');
    expect(answerMarkWord([])).toBeNull();
    // A code this version does not know (a newer history): still marked.
    expect(answerMarkWord([v('something-new')])).toBe('contract');
  });

  it('has a short word for every code and cause', () => {
    for (const code of VIOLATION_CODES) expect(answerMarkWord([v(code)])!.length).toBeLessThanOrEqual(11);
    for (const cause of NO_ANSWER_CAUSES) expect(answerMarkWord([v('no-answer', cause)])!.length).toBeLessThanOrEqual(11);
  });

  // The page shows both in one row at 1024 px (a request's reason beside the verdict, the
  // answer's word beside the status), and the command line prints "400 refused: <reason>".
  it('never says a word a refused request\'s reason says, nor "refused"', () => {
    const answerWords = [
      ...VIOLATION_CODES.map((code) => answerMarkWord([v(code)])),
      ...NO_ANSWER_CAUSES.map((cause) => answerMarkWord([v('no-answer', cause)])),
    ];
    const requestWords = REQUEST_PROBLEMS.map((problem) => problemWords(problem));
    expect(answerWords.filter((word) => requestWords.includes(word))).toEqual([]);
    expect(answerWords).not.toContain('refused');
    expect(requestWords).toContain('body not JSON');
  });

  it('says who never answered, and how', () => {
    expect(noAnswerHeading('forward-error')).toBe('Your handler never answered');
    expect(noAnswerHeading('companion-error')).toBe("This companion's webhook never answered");
    expect(noAnswerHeading('mock')).toBe('The mock never answered');
    expect(noAnswerPhrase('forward-error', 'refused')).toBe('your handler refused the connection');
    expect(noAnswerPhrase('companion-error', 'timeout')).toBe("this companion's webhook did not answer in time");
    // A handler that sent its headers and then reset the connection had started an answer.
    expect(noAnswerPhrase('forward-error', 'closed')).toBe('your handler closed the connection before finishing its answer');
  });
});
