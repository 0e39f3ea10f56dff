import { useEffect } from 'react';
import { actionStateWords, type ActionPlan, type ApplyOutcome, type PlannedAction } from '../../../main/contract/api';
import { applyStopped } from '../../../main/contract/words';
import { Dialog } from '../shared/Dialog';
import { inPageWords } from '../page/page-words';
import { closePanel } from '../page/ui-actions';
import { applyProject, loadProject, planProject } from './project-actions';
import { useProjectStore } from './project-store';

const CHANGE_WORDS: Record<PlannedAction['change'], string> = { create: 'create', update: 'update', delete: 'delete', none: 'no change' };

/** The open project folder: its files' mistakes, each action's state against Flowent, and Plan / Apply. */
export function ProjectDialog() {
  const { project, plan, planStale, applied, prune, busy, error } = useProjectStore();
  useEffect(() => {
    void loadProject();
  }, []);
  return (
    <Dialog title="Project" closeLabel="Close project" onClose={closePanel} className="wide project-dialog">
      {!project ? (
        <p className="muted">Reading the project folder…</p>
      ) : !project.dir ? (
        <p className="muted">
          No project folder is open, so answers live in the history folder. In the desktop app choose File › Open Project Folder…; headless,
          run <code>flowent-companion serve</code> where <code>flowent/</code> is, or with <code>--project &lt;dir&gt;</code>.{' '}
          <code>flowent-companion init</code> creates one.
        </p>
      ) : (
        <>
          <p>
            Folder <code data-testid="project-dir">{project.dir}</code>: calls are answered from its <code>answers/</code> files, and its{' '}
            <code>actions/</code> files are what Plan compares with Flowent.
          </p>
          {project.problems.length > 0 && (
            <section aria-label="Mistakes in the files" className="project-problems">
              <h3>Files with mistakes</h3>
              <ul>
                {project.problems.map((problem, index) => (
                  <li key={index}>
                    <code>
                      {problem.file}
                      {problem.line !== null ? `:${problem.line}` : ''}
                    </code>{' '}
                    {problem.message}{' '}
                    {project.stale.includes(problem.file) ? '(its last good version keeps answering)' : '(not used until fixed)'}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <div className="row project-commands">
            <button type="button" onClick={() => void planProject()} disabled={busy !== null}>
              {busy === 'plan' ? 'Planning…' : 'Plan'}
            </button>
            <button type="button" onClick={() => void applyProject()} disabled={busy !== null || !plan?.pending || planStale}>
              {busy === 'apply' ? 'Applying…' : 'Apply'}
            </button>
            <label className="inline-field">
              <input type="checkbox" checked={prune} onChange={(e) => useProjectStore.setState({ prune: e.target.checked, plan: null })} />
              Delete actions on Flowent that have no file (prune)
            </label>
          </div>
          {error && (
            <p role="alert" className="project-error">
              {error}
            </p>
          )}
          {applied && <AppliedView applied={applied} />}
          {planStale && <p className="muted">The files changed since this plan: Plan again before applying.</p>}
          {plan && <PlanView plan={plan} />}
        </>
      )}
    </Dialog>
  );
}

function AppliedView({ applied }: { applied: ApplyOutcome }) {
  return (
    <section aria-label="Applied" className="project-applied">
      {applied.done.length === 0 && !applied.refused && <p>Nothing to do: Flowent matches the files.</p>}
      {applied.done.map((step) => (
        <p key={step.name}>
          {step.change === 'create' ? 'Created' : step.change === 'delete' ? 'Deleted' : 'Updated'} {step.name}.
        </p>
      ))}
      {applied.refused && (
        <p role="alert" className="project-error">
          {applyStopped(applied.refused)}: {inPageWords(applied.refused.failure)}
        </p>
      )}
      {[...applied.notes, ...applied.warnings].map((line) => (
        <p key={line} className="muted">
          {line}
        </p>
      ))}
    </section>
  );
}

function PlanView({ plan }: { plan: ActionPlan }) {
  return (
    <section aria-label="Plan">
      <h3>
        Plan for profile {plan.profile} <span className="muted">({plan.gateway})</span>
      </h3>
      <p data-testid="plan-summary">
        {plan.pending
          ? 'Flowent and the files differ: Apply makes Flowent match the files.'
          : plan.actions.some((action) => action.state === 'only-there')
            ? 'Nothing to apply. Actions only on Flowent are left alone: Pull writes their files; Apply with prune deletes them.'
            : 'Nothing to do: Flowent matches the files.'}
      </p>
      <table className="project-plan">
        <thead>
          <tr>
            <th>Action</th>
            <th>State</th>
            <th>Apply will</th>
          </tr>
        </thead>
        <tbody>
          {plan.actions.map((action) => (
            <PlanRow key={action.name} action={action} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PlanRow({ action }: { action: PlannedAction }) {
  return (
    <>
      <tr data-testid={`plan-${action.name}`}>
        <td>
          <code>{action.name}</code>
        </td>
        <td>{actionStateWords(action)}</td>
        <td>
          {action.state === 'only-there' && action.change === 'none'
            ? 'leave it (prune deletes it; pull writes its file)'
            : CHANGE_WORDS[action.change]}
        </td>
      </tr>
      {action.change !== 'delete' &&
        action.fields.map((field) => (
          <tr key={field.field} className="plan-diff">
            <td colSpan={3}>
              <div className="muted">{field.field}</div>
              <pre aria-label={`${action.name} ${field.field} diff`}>
                {field.diff.map((line, index) => (
                  <span
                    key={index}
                    className={`diff-line${line.startsWith('+') ? ' diff-added' : line.startsWith('-') ? ' diff-removed' : ''}`}
                  >
                    {line}
                  </span>
                ))}
              </pre>
            </td>
          </tr>
        ))}
    </>
  );
}
