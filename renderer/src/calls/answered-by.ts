import type { CallDetail } from '../../../main/contract/api';
import { mockChoiceWords, NO_HANDLER_ANSWER, noAnswerCause, noAnswerPhrase, problemWords } from '../../../main/contract/words';
import { ANSWERED_BY_LABEL } from '../shared/format';

/**
 * What answered a call, said truthfully: whose mock and which of its rules, or the built-in
 * answer when the action has no mock. Calls stored before the choice was recorded say so
 * rather than guess.
 */
export function describeAnsweredBy(
  call: Pick<CallDetail, 'answeredBy' | 'action' | 'mockChoice'> & Partial<Pick<CallDetail, 'status' | 'violations' | 'problem'>>,
): string {
  if (call.answeredBy === 'forward-error' || call.answeredBy === 'companion-error') return describeForwardError(call.answeredBy, call);
  if ((call.answeredBy === 'error' || call.answeredBy === 'signature-check') && call.status !== undefined) return describeRefusal(call);
  if (call.answeredBy !== 'mock' && call.answeredBy !== 'fallback-mock') return ANSWERED_BY_LABEL[call.answeredBy];
  const answer = call.mockChoice
    ? mockChoiceWords(call.mockChoice, call.action)
    : 'a mock or the built-in answer (which one was not recorded for this call)';
  return call.answeredBy === 'fallback-mock' ? `${answer}, because ${NO_HANDLER_ANSWER}` : answer;
}

/**
 * Forwarding that gave no answer: "no answer" when nothing was sent back (a replay, a sent
 * call), else the companion's own 502/504; with how it failed when that was recorded.
 */
function describeForwardError(
  answeredBy: 'forward-error' | 'companion-error',
  call: Partial<Pick<CallDetail, 'status' | 'violations'>>,
): string {
  const cause = noAnswerCause(call.violations ?? []);
  const why = cause ? noAnswerPhrase(answeredBy, cause) : null;
  if (call.status === undefined) return ANSWERED_BY_LABEL[answeredBy];
  if (call.status === 0)
    return `no answer: ${why ?? (answeredBy === 'forward-error' ? 'forwarding to your handler failed' : "sending to this companion's webhook failed")}`;
  return `this companion's ${call.status} error answer, because ${why ?? 'forwarding to your handler failed'}`;
}

/**
 * The companion's own 4xx to a request it refused, in the same form as its 502/504 for a handler
 * that gave no answer: "an error answer" alone did not say whose, nor why.
 */
function describeRefusal(call: Partial<Pick<CallDetail, 'answeredBy' | 'status' | 'problem'>>): string {
  if (call.answeredBy === 'signature-check')
    return `this companion's ${call.status}, refusing a call without a valid signature (signatures are enforced)`;
  const why = problemWords(call.problem ?? null);
  return `this companion's ${call.status} error answer, refusing the request${why ? ` (${why})` : ''}`;
}
