import type { CallDetail } from '../calls';
import type { AnsweredBy } from '../names-and-limits';
import { NO_HANDLER_ANSWER } from './answered-by-words';
import { noAnswerCause, noAnswerPhrase } from './answer-mark-words';
import { problemWords } from './call-problem-words';
import { mockChoiceWords } from './mock-choice-words';

/** What answered, in a few words: a mock's answer and the companion's own error answers are told in full by answererWords. */
const ANSWERER_LABEL: Record<AnsweredBy, string> = {
  mock: 'a mock',
  'test-check': 'the registration-check answer',
  'signature-check': 'this companion, refusing a call without a valid signature',
  error: "this companion's error answer to a request it refused",
  forward: 'your handler',
  'fallback-mock': `a mock, because ${NO_HANDLER_ANSWER}`,
  // Timeouts and answers that are not HTTP end here too, not only handlers that cannot be reached.
  'forward-error': 'an error answer: forwarding to your handler failed',
  // A replay or simulated call sent to "This companion": its webhook answered as it answers Flowent.
  companion: "this companion's webhook (its mock, or the handler it forwards this action to)",
  'companion-error': "no answer: sending to this companion's webhook failed",
};

type AnsweredCall = Pick<CallDetail, 'answeredBy' | 'action' | 'mockChoice'> &
  Partial<Pick<CallDetail, 'status' | 'violations' | 'problem'>>;

/**
 * What answered a call, said truthfully, as the page's details ("Answered by") and `calls <id>`
 * (its Answer line) say it: whose mock and which of its rules, or the built-in answer when the
 * action has no mock; the companion's own error answers with why. Calls stored before the
 * mock's choice was recorded say so rather than guess.
 */
export function answererWords(call: AnsweredCall): string {
  if (call.answeredBy === 'forward-error' || call.answeredBy === 'companion-error') return forwardErrorWords(call.answeredBy, call);
  if ((call.answeredBy === 'error' || call.answeredBy === 'signature-check') && call.status !== undefined) return refusalWords(call);
  if (call.answeredBy !== 'mock' && call.answeredBy !== 'fallback-mock') return ANSWERER_LABEL[call.answeredBy];
  const answer = call.mockChoice
    ? mockChoiceWords(call.mockChoice, call.action)
    : 'a mock or the built-in answer (which one was not recorded for this call)';
  return call.answeredBy === 'fallback-mock' ? `${answer}, because ${NO_HANDLER_ANSWER}` : answer;
}

/**
 * Forwarding that gave no answer: "no answer" when nothing was sent back (a replay, a sent
 * call), else the companion's own 502/504; with how it failed when that was recorded.
 */
function forwardErrorWords(
  answeredBy: 'forward-error' | 'companion-error',
  call: Partial<Pick<CallDetail, 'status' | 'violations'>>,
): string {
  const cause = noAnswerCause(call.violations ?? []);
  const why = cause ? noAnswerPhrase(answeredBy, cause) : null;
  if (call.status === undefined) return ANSWERER_LABEL[answeredBy];
  if (call.status === 0)
    return `no answer: ${why ?? (answeredBy === 'forward-error' ? 'forwarding to your handler failed' : "sending to this companion's webhook failed")}`;
  return `this companion's ${call.status} error answer, because ${why ?? 'forwarding to your handler failed'}`;
}

/**
 * The companion's own 4xx to a request it refused, in the same form as its 502/504 for a handler
 * that gave no answer: "an error answer" alone did not say whose, nor why.
 */
function refusalWords(call: Partial<Pick<CallDetail, 'answeredBy' | 'status' | 'problem'>>): string {
  if (call.answeredBy === 'signature-check')
    return `this companion's ${call.status}, refusing a call without a valid signature (signatures are enforced)`;
  const why = problemWords(call.problem ?? null);
  return `this companion's ${call.status} error answer, refusing the request${why ? ` (${why})` : ''}`;
}
