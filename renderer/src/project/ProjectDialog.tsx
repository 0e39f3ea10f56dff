import { useEffect, useRef, type Ref } from 'react';
import {
  actionStateWords,
  type ActionPlan,
  type AnswerSettings,
  type ApplyOutcome,
  type PlannedAction,
  type ProjectProblem,
  type ProjectState,
  type PullOutcome,
} from '../../../main/contract/api';
import {
  appliedStepWords,
  applyStopped,
  companionCommand,
  counted,
  dataDirForCommands,
  fileMistakeMeanwhile,
  flowentEditWords,
  FORWARD_WITHOUT_TARGET_MEANWHILE,
  PROJECT_PART_NAMES,
  forwardWithoutTargetWords,
  nothingAppliedWords,
  nothingPulledWords,
  noUrlForProfileWords,
  planAgainWords,
  planHeadingWords,
  plannedChangeWords,
  planSummaryWords,
  problemPlace,
  pulledAwayWords,
  pulledKeptWords,
  pulledFileWords,
  pulledWithoutPasswordWords,
  stalePlanWords,
  READING_PROJECT,
} from '../../../main/contract/words';
import { leftOutPasswordInFileWords } from '../../../main/contract/words/left-out-password-words';
import { BusyButton } from '../shared/BusyButton';
import { Dialog } from '../shared/Dialog';
import { focusFell } from '../shared/focusable';
import { inPageWords, PAGE_VOCABULARY } from '../page/page-words';
import { closePanel } from '../page/ui-actions';
import { useMetaStore } from '../page/stores';
import { applyProject, loadProject, loadProjectTargets, planProject, pullProject } from './project-actions';
import { DIALOG_STEPS } from './dialog-steps';
import { targetsWithoutPassword } from './left-out-targets';
import { useProjectStore } from './project-store';

/** The open project folder: its files' mistakes, each action's state against Flowent, and Plan / Apply. */
export function ProjectDialog() {
  const { project, answers, plan, planStale, applied, pulled, prune, busy, error, blocking } = useProjectStore();
  // Commands to run name the data folder of the companion the page shows when it is not the default one.
  const dataDir = useMetaStore((s) => dataDirForCommands(s.status));
  useEffect(() => {
    void loadProject();
    void loadProjectTargets();
    return () => useProjectStore.setState({ answers: null });
  }, []);
  const applyOff = !plan?.pending || planStale;
  const appliedView = useRef<HTMLElement>(null);
  // Apply turns unavailable once Flowent matches the files, dropping the keyboard of whoever
  // pressed it: it goes to what Apply did instead of the page's body.
  useEffect(() => {
    if (applied && applyOff && focusFell()) appliedView.current?.focus({ preventScroll: true });
  }, [applied, applyOff]);
  return (
    <Dialog title="Project" closeLabel="Close project" onClose={closePanel} className="wide project-dialog">
      {!project ? (
        <p className="muted">{READING_PROJECT}</p>
      ) : !project.dir ? (
        <p className="muted">
          No project folder is open, so answers live in the history folder. In the desktop app choose File › Open Project Folder…; headless,
          run <code>{companionCommand('serve', dataDir)}</code> where <code>flowent/</code> is, or with <code>--project &lt;dir&gt;</code>.{' '}
          <code>{companionCommand('init', dataDir)}</code> creates one.
        </p>
      ) : (
        <>
          <p>
            Folder <code data-testid="project-dir">{project.dir}</code>: calls are answered from its <code>answers/</code> files, and its{' '}
            <code>actions/</code> files are what Plan compares with Flowent.
          </p>
          <ProblemList project={project} />
          {answers && <TargetsWithoutPassword answers={answers} />}
          <div className="row project-commands">
            <BusyButton busy={busy !== null} onClick={() => void planProject()}>
              {busy === 'plan' ? 'Planning…' : DIALOG_STEPS.plan}
            </BusyButton>
            <BusyButton busy={busy !== null} onClick={() => void applyProject()} disabled={applyOff}>
              {busy === 'apply' ? 'Applying…' : DIALOG_STEPS.apply(false)}
            </BusyButton>
            {/* As "actions pull": Flowent's version of each action into its file, comments kept; a file only here stays. */}
            <BusyButton busy={busy !== null} onClick={() => void pullProject()} title={PROJECT_PART_NAMES.pullTitle}>
              {busy === 'pull' ? 'Pulling…' : DIALOG_STEPS.pull}
            </BusyButton>
            <label className="inline-field">
              <input type="checkbox" checked={prune} onChange={(e) => useProjectStore.setState({ prune: e.target.checked, plan: null })} />
              Delete actions on Flowent that have no file (prune)
            </label>
          </div>
          {blocking && <BlockingView by={blocking.by} blocking={blocking.problems} listed={project.problems} />}
          {error && (
            <p role="alert" className="project-error">
              {error}
            </p>
          )}
          {applied && <AppliedView applied={applied} focusRef={appliedView} />}
          {pulled && <PulledView pulled={pulled} />}
          {planStale && <p className="muted">{stalePlanWords(DIALOG_STEPS)}</p>}
          {plan && <PlanView plan={plan} />}
        </>
      )}
    </Dialog>
  );
}

/** Where a mistake is, as the command line names it: the file, its line and column. */
function ProblemPlace({ problem }: { problem: ProjectProblem }) {
  return <code>{problemPlace(problem)}</code>;
}

function ProblemList({ project }: { project: ProjectState }) {
  if (project.problems.length === 0) return null;
  return (
    <section aria-label={PROJECT_PART_NAMES.mistakes} className="project-problems">
      <h3>{PROJECT_PART_NAMES.mistakesHeading}</h3>
      <ul>
        {project.problems.map((problem, index) =>
          problem.warning === 'folder-removed' ? (
            <li key={index}>
              <code>{project.dir}</code>: {problem.message}
              <KeptFiles label="Answer files still answering" files={project.answers} />
              <KeptFiles label="Action files still checking parameters" files={project.actions} />
            </li>
          ) : (
            <li key={index}>
              <ProblemPlace problem={problem} />{' '}
              {problem.warning === 'forward-without-target'
                ? `${forwardWithoutTargetWords(problem, PAGE_VOCABULARY)} (${FORWARD_WITHOUT_TARGET_MEANWHILE})`
                : `${problem.message} (${fileMistakeMeanwhile(problem.file, project.stale)})`}
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

/** Answer files whose forward target's password is *** with none kept here, in the words serve, send and replay refuse them in. */
function TargetsWithoutPassword({ answers }: { answers: AnswerSettings }) {
  const targets = targetsWithoutPassword(answers);
  if (targets.length === 0) return null;
  return (
    <section aria-label={PROJECT_PART_NAMES.leftOutPasswords} className="project-problems">
      <h3>{PROJECT_PART_NAMES.leftOutPasswords}</h3>
      <ul>
        {targets.map(({ file, action, target }) => (
          <li key={file}>{leftOutPasswordInFileWords(file, action, target, answers.fallbackToMock)}</li>
        ))}
      </ul>
    </section>
  );
}

/** Files whose last version stays in use while the project folder is gone, as `serve` names them; nothing when there are none. */
function KeptFiles({ label, files }: { label: string; files: string[] }) {
  if (files.length === 0) return null;
  return (
    <p className="muted">
      {label}:{' '}
      {files.map((file, index) => (
        <span key={file}>
          {index > 0 && ', '}
          <code>{file}</code>
        </span>
      ))}
      .
    </p>
  );
}

/**
 * The mistakes that stopped Plan (Apply, Pull) said once: by count when the list above shows
 * them, listed here only those it does not show yet (it is read again as files change).
 */
function BlockingView({ by, blocking, listed }: { by: string; blocking: ProjectProblem[]; listed: ProjectProblem[] }) {
  const shown = (problem: ProjectProblem) =>
    listed.some((other) => other.file === problem.file && other.line === problem.line && other.message === problem.message);
  const unlisted = blocking.filter((problem) => !shown(problem));
  const mistakes = counted(blocking.length, 'mistake');
  return (
    <div role="alert" className="project-error" data-testid="plan-blocked">
      <p>
        {by} needs the files under actions/ fixed first ({mistakes}
        {unlisted.length === 0 ? ', marked above' : ''}). Mistakes under answers/ do not stop it.
      </p>
      {unlisted.length > 0 && (
        <ul>
          {unlisted.map((problem, index) => (
            <li key={index}>
              <ProblemPlace problem={problem} /> {problem.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What Pull wrote, in the command line's words. */
function PulledView({ pulled }: { pulled: PullOutcome }) {
  const { written, removed, perProfile, credentialsLeftOut, keptChanged, overwritten } = pulled;
  return (
    <section aria-label="Pulled" className="project-applied">
      {written.length + removed.length + keptChanged.length === 0 && <p>{nothingPulledWords(DIALOG_STEPS)}</p>}
      {written.map((file) => (
        <p key={file}>{pulledFileWords(file, { perProfile: perProfile.includes(file), overwritten: overwritten.includes(file) })}</p>
      ))}
      {removed.map((file) => (
        <p key={file}>{pulledAwayWords(file)}</p>
      ))}
      {keptChanged.map((file) => (
        <p key={file}>{pulledKeptWords(file, DIALOG_STEPS)}</p>
      ))}
      {credentialsLeftOut.map((file) => (
        <p key={file} className="muted">
          {pulledWithoutPasswordWords(file, DIALOG_STEPS)}
        </p>
      ))}
      <p className="muted">{planAgainWords(DIALOG_STEPS)}</p>
    </section>
  );
}

/** What Apply did, in the command line's words: the page applies in the active profile, which goes without saying. */
function AppliedView({ applied, focusRef }: { applied: ApplyOutcome; focusRef: Ref<HTMLElement> }) {
  const where = { profile: applied.plan.profile, implied: applied.plan.profile };
  return (
    <section aria-label="Applied" className="project-applied" tabIndex={-1} ref={focusRef}>
      {applied.done.length === 0 && !applied.refused && <p>{nothingAppliedWords(applied.plan)}.</p>}
      {applied.done.map((step) => (
        <p key={step.name}>{appliedStepWords(step, where)}.</p>
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
      <h3>{planHeadingWords(plan)}</h3>
      <div data-testid="plan-summary">
        {planSummaryWords(plan, DIALOG_STEPS).map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      {plan.hereNote && (
        <p className="muted" data-testid="plan-here-note">
          Note: {plan.hereNote}
        </p>
      )}
      <table className="project-plan">
        <thead>
          <tr>
            <th>Action</th>
            <th>State</th>
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          {plan.actions.map((action) => (
            <PlanRow key={action.name} action={action} profile={plan.profile} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function PlanRow({ action, profile }: { action: PlannedAction; profile: string }) {
  const flowentEdit = flowentEditWords(action, DIALOG_STEPS);
  return (
    <>
      <tr data-testid={`plan-${action.name}`}>
        <td>
          <code>{action.name}</code>
        </td>
        <td>{actionStateWords(action)}</td>
        <td>{plannedChangeWords(action)}</td>
      </tr>
      {action.state === 'no-url-for-profile' && (
        <tr className="plan-diff">
          <td colSpan={3} className="muted" data-testid={`plan-${action.name}-no-url`}>
            {noUrlForProfileWords(action.file ?? action.name, profile)}
          </td>
        </tr>
      )}
      {flowentEdit !== null && (
        <tr className="plan-diff">
          <td colSpan={3} className="muted" data-testid={`plan-${action.name}-flowent-edit`}>
            {flowentEdit}
          </td>
        </tr>
      )}
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
