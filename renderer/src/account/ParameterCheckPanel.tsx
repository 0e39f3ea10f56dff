import { useEffect, useState } from 'react';
import type { CallDetail } from '../../../main/contract/api';
import { parameterSchemaWords } from '../../../main/contract/words';
import { formatDateTime } from '../shared/format';
import { checkCallParameters, type ParameterCheckOutcome } from './account-registry';
import { useAccountStore } from './account-store';
import { openPanel } from '../page/ui-actions';

/** Whether the call's parameters fit its action's registered JSON Schema (a cached copy, so offline too). */
export function ParameterCheckPanel({ call }: { call: CallDetail }) {
  const [outcome, setOutcome] = useState<ParameterCheckOutcome | null>(null);
  const applies = call.action !== null && !call.test && call.verdict !== 'not-flowent';
  // A new listing of the actions refreshes the cached schemas: check again then.
  const actions = useAccountStore((s) => s.actions);
  useEffect(() => {
    if (!applies) return;
    let current = true;
    void checkCallParameters(call.id).then((result) => current && setOutcome(result));
    return () => {
      current = false;
    };
  }, [applies, call.id, actions]);
  if (!applies || !outcome) return null;
  return (
    <div className="parameter-check" aria-label="Parameters" role="group" data-testid="parameter-check">
      <strong>Parameters: </strong>
      <ParameterOutcome outcome={outcome} action={call.action ?? ''} />
    </div>
  );
}

function ParameterOutcome({ outcome, action }: { outcome: ParameterCheckOutcome; action: string }) {
  switch (outcome.status) {
    case 'checked':
      return outcome.problems.length === 0 ? (
        <span className="ok-text">
          {outcome.schemaFile
            ? `match the schema in the project's ${outcome.schemaFile} (saved ${formatDateTime(outcome.schemaFetchedAt)}).`
            : `match the schema of ${action} (as fetched ${formatDateTime(outcome.schemaFetchedAt)}).`}
        </span>
      ) : (
        <>
          <ul className="parameter-problems" aria-label="Parameter problems">
            {outcome.problems.map((p) => (
              <li key={`${p.path}-${p.keyword}`} data-keyword={p.keyword}>
                {p.message}
              </li>
            ))}
          </ul>
          {outcome.schemaFile && <span className="muted">({parameterSchemaWords(outcome, action)})</span>}
        </>
      );
    case 'no-schema':
      return (
        <span className="muted">
          no schema cached for {action}: open{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              useAccountStore.setState({ tab: 'actions' });
              openPanel('account');
            }}
          >
            Account → Actions
          </button>{' '}
          once online.
        </span>
      );
    case 'bad-schema':
    case 'error':
      return <span className="form-error">{outcome.message}</span>;
    default: {
      const never: never = outcome;
      return never;
    }
  }
}
