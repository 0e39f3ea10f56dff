import type { CallSummary } from '../../../main/contract/api';
import { problemWords, refusalMarkWords, refusedForRequest } from '../../../main/contract/words';

type RefusedCall = Pick<CallSummary, 'answeredBy' | 'problem' | 'verdict' | 'action' | 'sentAction' | 'test' | 'timestamp'>;

/**
 * The companion refused the call for its request and the call reads as a Flowent call: its
 * row's signature cell says that alone. A not-Flowent call's badge says its reason already.
 */
export function showsRefusal(call: Pick<CallSummary, 'answeredBy' | 'problem' | 'verdict'>): boolean {
  return refusedForRequest(call) && call.verdict !== 'not-flowent';
}

/**
 * Why the companion refused a call that reads as a Flowent call (`no parameters`, `action ≠
 * URL`): the row's cause at a glance, in place of its signature's verdict and its marks, which
 * did not decide the answer. Beside them the cause was squeezed to a few letters in a 1024-1600
 * px window and they to one letter each; they are in its title (and whole in the details).
 */
export function RefusalMark({ call }: { call: RefusedCall }) {
  if (!showsRefusal(call)) return null;
  const words = problemWords(call.problem);
  // What the body named, as the action cell's title says it: the two cannot drift apart.
  const text = refusalMarkWords(call);
  return (
    <span className="badge refusal-mark" data-testid="refusal-mark" data-problem={call.problem} role="img" aria-label={text} title={text}>
      {words}
    </span>
  );
}
