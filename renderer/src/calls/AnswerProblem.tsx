import { ANSWER_PROBLEM_HEADING, answerErrorWords, noAnswerCause, noAnswerHeading } from '../../../main/contract/words';
import type { CallDetail } from '../../../main/contract/api';
import { Prose } from '../shared/Prose';

/**
 * Whether the answer's problem is why the call failed, and so opens its details above the
 * verdict line: when the signature's verdict names no failure of its own (valid, or not checked
 * for want of a key), a green "Valid signature" first would answer "why did this call fail"
 * with what went right.
 */
export function answerProblemLeads(call: CallDetail): boolean {
  return call.violations.length > 0 && (call.verdict === 'valid' || call.verdict === 'no-key');
}

/** What the answer breaks of Flowent's contract, or how no answer came, with the answer's own reason quoted. */
export function AnswerProblem({ call }: { call: CallDetail }) {
  if (call.violations.length === 0) return null;
  const said = answerErrorWords(call);
  // Nothing answered (refused, timed out, closed): said as that, not as a problem with an answer.
  const unanswered = noAnswerCause(call.violations) !== null;
  return (
    <div className="problem-box" role="note" aria-label={unanswered ? 'No answer' : 'Contract check'}>
      <strong>{unanswered ? `${noAnswerHeading(call.answeredBy)}:` : `${ANSWER_PROBLEM_HEADING}:`}</strong>
      <ul className="violations">
        {call.violations.map((v) => (
          <li key={v.code + v.message}>
            <Prose text={v.message} />
          </li>
        ))}
      </ul>
      {/* The answer's own reason, quoted as plain text: it is whatever the handler wrote. */}
      {said && (
        <p className="answer-error" data-testid="answer-error">
          {said}
        </p>
      )}
    </div>
  );
}
