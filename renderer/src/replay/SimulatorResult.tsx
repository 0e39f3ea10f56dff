import { useResultArrival } from '../shared/use-result-arrival';
import type { SimulateOutcome } from '../../../main/contract/api';
import {
  answerPasses,
  EMPTY_ANSWER_BODY,
  NOTHING_CAME_BACK,
  refusedVerdictWords,
  STALE_RESULT_NOTE,
  WRONG_SIGNATURE_SENT,
  wrongSignatureRefused,
  wrongSignatureWords,
} from '../../../main/contract/words';
import { cap } from '../../../main/contract/words/said';
import { selectCall } from '../history/calls-actions';
import { closeReplayDialog } from './replay-ui-actions';
import { CopyButton } from '../shared/CopyButton';
import { errorNotSaid, SentError, SentFacts, ViolationList } from './SentFacts';
import { SimulatedHandler } from './SimulatedHandler';

/**
 * What the handler answered to a simulated call, and whether Flowent would accept it. `stale`:
 * the call in the form has changed since this one was sent, so this is not its answer.
 */
export function SimulatorResult({ outcome, stale = false }: { outcome: SimulateOutcome; stale?: boolean }) {
  // Spoiled on purpose, the call passes when the handler refused it, whatever Flowent's contract says of the answer.
  const passed = outcome.wrongSignature ? wrongSignatureRefused(outcome) : answerPasses(outcome);
  const { box, heading } = useResultArrival(outcome);
  return (
    <div
      ref={box}
      role="region"
      aria-label="Simulator result"
      className={`replay-result replay-${passed ? 'passed' : 'failed'}${stale ? ' replay-stale' : ''}`}
      data-stale={stale || undefined}
    >
      <h4 tabIndex={-1} ref={heading}>
        Simulator result
      </h4>
      {stale && (
        <p className="stale-note" role="note">
          {STALE_RESULT_NOTE}
        </p>
      )}
      <SentFacts
        id={outcome.id}
        idLabel="Stored as"
        openLabel="Open call"
        onOpen={() => {
          closeReplayDialog();
          void selectCall(outcome.id);
        }}
        url={outcome.url}
        status={outcome.status}
        answeredBy={outcome.answeredBy}
        durationMs={outcome.durationMs}
      >
        <dt>Signed</dt>
        <dd>
          {outcome.signedStyle
            ? `${outcome.signedStyle} style${outcome.wrongSignature ? `, ${WRONG_SIGNATURE_SENT}` : ''}`
            : 'unsigned (registration check)'}
        </dd>
      </SentFacts>
      <SentError answeredBy={outcome.answeredBy} error={errorNotSaid(outcome)} />
      {outcome.wrongSignature ? (
        <p aria-label="Signature check">{cap(wrongSignatureWords(outcome))}.</p>
      ) : (
        <div aria-label="Contract check">
          {passed ? (
            <p>The answer meets Flowent’s contract.</p>
          ) : outcome.violations.length === 0 ? (
            // A companion's refusal breaks no contract (nothing answered to check), yet fails.
            <p>{cap(refusedVerdictWords(outcome.status))}.</p>
          ) : (
            <ViolationList list={outcome.violations} />
          )}
        </div>
      )}
      <SimulatedHandler id={outcome.id} />
      <div className="copy-row">
        <CopyButton text={outcome.body} what="sent body" label="Copy the body sent" />
        {outcome.answer !== '' && <CopyButton text={outcome.answer} what="answer body" label="Copy the answer" />}
      </div>
      {outcome.answer === '' ? (
        <p className="muted" aria-label="Answer body">
          {outcome.status === 0 ? NOTHING_CAME_BACK : EMPTY_ANSWER_BODY}
        </p>
      ) : (
        <pre className="diff-body" aria-label="Answer body">
          {outcome.answer}
        </pre>
      )}
    </div>
  );
}
