import type { CallDetail } from '../../../main/contract/api';
import { mockFromCall } from './answers-actions';
import { Prose } from '../shared/Prose';

/** Where the answer came from (forwarding, the tunnel), and "make it a mock"; its contract problems are at the top of the pane. */
export function AnswerChecks({ call }: { call: CallDetail }) {
  const { forward } = call;
  const forwarded = forward.target !== null || forward.error !== null || forward.registrationWouldPass !== null;
  return (
    <>
      {call.forwardedFor && (
        <p className="muted" data-testid="forwarded-for">
          Through the tunnel from {call.forwardedFor}
        </p>
      )}
      {forwarded && (
        <div className="explain-box" role="note" aria-label="Forwarding">
          {forward.target && (
            <p>
              Forwarded to <code data-testid="forward-target">{forward.target}</code>
            </p>
          )}
          {forward.error && (
            <p className="form-error" data-testid="forward-error">
              <Prose text={forward.error} />
            </p>
          )}
          {forward.registrationWouldPass !== null && (
            <p data-testid="registration-would-pass">
              Flowent&apos;s registration check would {forward.registrationWouldPass ? 'pass' : 'fail'} with this answer.
            </p>
          )}
        </div>
      )}
      {call.action && (
        <div className="button-row">
          <button type="button" onClick={() => void mockFromCall(call.id)}>
            Make a mock from this answer
          </button>
        </div>
      )}
    </>
  );
}
