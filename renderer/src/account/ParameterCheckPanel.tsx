import { useEffect, useState } from 'react';
import type { CallDetail, CheckedSchema } from '../../../main/contract/api';
import { parameterSchemaWords } from '../../../main/contract/words';
import { formatDateTime } from '../shared/format';
import { checkCallParameters, type ParameterCheckOutcome } from './account-registry';
import { useAccountStore } from './account-store';
import { openPanel } from '../page/ui-actions';
import { useProjectStore } from '../project/project-store';

/**
 * Whether the call's parameters fit its action's JSON Schema: the project's action file, the one
 * defined in the simulator or the copy cached from Flowent (so offline too), in that order.
 */
interface Props {
  call: CallDetail;
  /** Opens the simulator, where a schema can be defined (the simulator is not this floor's to open). */
  openSimulator: () => void;
}

export function ParameterCheckPanel({ call, openSimulator }: Props) {
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
      <ParameterOutcome outcome={outcome} action={call.action ?? ''} openSimulator={openSimulator} />
    </div>
  );
}

/** That the parameters meet the schema, and which one: a file's save date, Flowent's fetch date, or the simulator's. */
function matchWords(schema: CheckedSchema, action: string): string {
  switch (schema.from) {
    case 'project':
      return `match the schema in the project's ${schema.file} (saved ${formatDateTime(schema.savedAt)}).`;
    case 'flowent':
      return `match the schema of ${action} (as fetched ${formatDateTime(schema.fetchedAt)}).`;
    case 'simulator':
      return `match the schema defined in the simulator for ${action}.`;
    default: {
      const never: never = schema;
      return never;
    }
  }
}

function ParameterOutcome({
  outcome,
  action,
  openSimulator,
}: {
  outcome: ParameterCheckOutcome;
  action: string;
  openSimulator: () => void;
}) {
  // With a project open its action file is where the schema belongs, not Flowent's listing.
  const project = useProjectStore((s) => s.project);
  const projectOpen = project?.dir != null;
  const projectBroken = project?.problems.some((problem) => problem.file === actionFile(action)) ?? false;
  switch (outcome.status) {
    case 'checked':
      return outcome.problems.length === 0 ? (
        <span className="ok-text">{matchWords(outcome.schema, action)}</span>
      ) : (
        <>
          <ul className="parameter-problems" aria-label="Parameter problems">
            {outcome.problems.map((p) => (
              <li key={`${p.path}-${p.keyword}`} data-keyword={p.keyword}>
                {p.message}
              </li>
            ))}
          </ul>
          {/* Flowent's own schema goes without saying; another one is named, as Flowent would not check against it. */}
          {outcome.schema.from !== 'flowent' && <span className="muted">({parameterSchemaWords(outcome, action)})</span>}
        </>
      );
    case 'no-schema':
      return projectOpen ? (
        <ProjectFileMissing action={action} broken={projectBroken} />
      ) : outcome.flowentAccount && outcome.listedAt !== null ? (
        // Listed and still no schema: the action is not on Flowent, which no going online changes.
        <span className="muted">
          Flowent&apos;s list of actions (fetched {formatDateTime(outcome.listedAt)}) does not include {action}: register it in{' '}
          <AccountActionsLink />, or check the action name the call was sent with.
        </span>
      ) : outcome.flowentAccount ? (
        <span className="muted">
          no schema cached for {action}: open <AccountActionsLink /> once online.
        </span>
      ) : (
        // No account to list the actions with: "once online" would never come. Either way gives a schema.
        <span className="muted">
          no schema known for {action}: connect a Flowent account in{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => {
              useAccountStore.setState({ tab: 'account' });
              openPanel('account');
            }}
          >
            Account
          </button>
          , or{' '}
          <button type="button" className="link-button" onClick={openSimulator}>
            define one in the simulator
          </button>
          .
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

const actionFile = (action: string) => `actions/${action}.yaml`;

/** Opens Account → Actions, where the actions are listed (caching their schemas) and registered. */
function AccountActionsLink() {
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => {
        useAccountStore.setState({ tab: 'actions' });
        openPanel('account');
      }}
    >
      Account → Actions
    </button>
  );
}

/** No schema in a project: the project's file for the action would hold it; how it gets there. */
function ProjectFileMissing({ action, broken }: { action: string; broken: boolean }) {
  const openProject = (
    <button type="button" className="link-button" onClick={() => openPanel('project')}>
      {broken ? 'Project' : 'Project → Pull'}
    </button>
  );
  return broken ? (
    <span className="muted">
      no schema known for {action}: the project&apos;s <code>{actionFile(action)}</code> has a mistake (see {openProject}); once it is
      fixed, its json_schema checks the parameters.
    </span>
  ) : (
    <span className="muted">
      no schema known for {action}: the project has no <code>{actionFile(action)}</code>. Add one (version, description, json_schema,
      webhook_url) to check the parameters against its json_schema; for an action on Flowent, {openProject} writes it.
    </span>
  );
}
