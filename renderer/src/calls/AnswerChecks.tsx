import type { CallDetail } from '../../../main/contract/api';
import { mockFromCall } from '../answers/answers-actions';

/** How the answer measured up: contract violations, forwarding, the tunnel, and "make it a mock". */
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
      {call.violations.length > 0 && (
        <div className="problem-box" role="note" aria-label="Contract check">
          <ul className="violations">
            {call.violations.map((v) => (
              <li key={v.code + v.message}>Contract check: {v.message}</li>
            ))}
          </ul>
        </div>
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
              {forward.error}
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
