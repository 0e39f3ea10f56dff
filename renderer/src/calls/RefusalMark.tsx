import type { CallSummary } from '../../../main/contract/api';
import { problemWords, refusedForRequest } from '../../../main/contract/words';

type RefusedCall = Pick<CallSummary, 'answeredBy' | 'problem' | 'verdict' | 'action' | 'sentAction'>;

/**
 * Why the companion refused a call that reads as a Flowent call (`no parameters`, `action ≠
 * URL`): the row's cause at a glance, before its signature's verdict, which did
 * not decide the answer. Null for any other call; a not-Flowent call's badge says it already.
 */
export function RefusalMark({ call }: { call: RefusedCall }) {
  if (!refusedForRequest(call) || call.verdict === 'not-flowent') return null;
  const words = problemWords(call.problem);
  const claimed =
    call.problem === 'action-mismatch' && call.sentAction !== null && call.action !== null
      ? ` The body's action_name is ${call.sentAction}; the URL names ${call.action}.`
      : '';
  const text = `Refused by the companion: ${words}.${claimed}`;
  return (
    <span className="badge refusal-mark" data-testid="refusal-mark" data-problem={call.problem} role="img" aria-label={text} title={text}>
      {words}
    </span>
  );
}
