/**
 * What a plan of the project's actions says, and what a pull wrote: the command line's `actions
 * plan` and `actions pull` print these sentences and the Project dialog shows them, each naming
 * the step to take in its own terms (a command; a button).
 */
import type { ActionPlan, PlannedAction } from '../project';
import { REDACTED_CREDENTIAL, redactUrlCredentials } from '../url-credentials';
import { cap } from './said';

/** How a front end names the project's three steps: the command line's commands, the Project dialog's buttons. */
export interface PlanStepsVocabulary {
  /** Comparing the files with Flowent: `"flowent-companion actions plan"`, or Plan. */
  plan: string;
  /** Making Flowent match the files; `prune`: deleting the actions that have no file too. */
  apply(prune: boolean): string;
  /** Writing Flowent's actions into the files. */
  pull: string;
  /** Writing Flowent's actions into the files, over the files changed since the last apply or pull too. */
  pullOver: string;
}

/** The plan's heading: the profile it is for and the Gateway it compared with (without a password). */
export function planHeadingWords(plan: Pick<ActionPlan, 'profile' | 'gateway'>): string {
  return `Plan for profile ${plan.profile} (${redactUrlCredentials(plan.gateway)})`;
}

/** What apply does to one action, beside its state: `create`, `link to this companion` (an update of nothing but the link), `left alone`... */
export function plannedChangeWords(action: PlannedAction): string {
  switch (action.change) {
    case 'create':
      return 'create';
    case 'update':
      return action.fields.length === 0 ? 'link to this companion' : 'update';
    case 'delete':
      return 'delete';
    case 'none':
      return action.state === 'in-sync' ? 'no change' : 'left alone';
    default:
      return action.change satisfies never;
  }
}

/** An action only on Flowent, which apply without prune does nothing to. */
export function isLeftAlone(action: PlannedAction): boolean {
  return action.state === 'only-there' && action.change === 'none';
}

/** An action whose file gives no URL for the plan's profile: apply does nothing to it for that profile. */
export function hasNoUrl(action: PlannedAction): boolean {
  return action.state === 'no-url-for-profile';
}

/**
 * The plan in sentences, under its rows: what apply would change and which step does it, or
 * that there is nothing to apply; then the actions only on Flowent that apply leaves alone.
 */
export function planSummaryWords(plan: ActionPlan, say: PlanStepsVocabulary): string[] {
  const count = (change: PlannedAction['change']) => plan.actions.filter((action) => action.change === change).length;
  const left = plan.actions.filter(isLeftAlone).map((action) => action.name);
  const lines = [
    plan.pending
      ? `${count('create')} to create, ${count('update')} to update, ${count('delete')} to delete. ${cap(say.apply(plan.prune))} does it.`
      : left.length === 0 && !plan.actions.some(hasNoUrl)
        ? 'Nothing to do: Flowent matches the files.'
        : 'Nothing to apply: the files ask Flowent for no change.',
  ];
  if (left.length > 0) lines.push(`Only on Flowent, left alone: ${left.join(', ')} (${leftAloneAdvice(left.length, say)}).`);
  return lines;
}

/** After an apply without prune: the actions it left on Flowent, having no file, and what does something about them. */
export function leftOnFlowentWords(names: string[], say: PlanStepsVocabulary): string {
  return `Left on Flowent without a file: ${names.join(', ')} (${leftAloneAdvice(names.length, say)}).`;
}

function leftAloneAdvice(count: number, say: PlanStepsVocabulary): string {
  const one = count === 1;
  return `${say.pull} writes ${one ? 'its file' : 'their files'}; ${say.apply(true)} deletes ${one ? 'it' : 'them'} from Flowent`;
}

/**
 * Under an action changed on Flowent alone: the plan's update would undo that edit (the file is
 * what apply sends), and pull takes it into the file instead. Null for any other state.
 */
export function flowentEditWords(action: PlannedAction, say: PlanStepsVocabulary): string | null {
  if (action.state !== 'changed-on-flowent') return null;
  return (
    `${action.name} was changed on Flowent since the last apply or pull: ${say.apply(false)} would undo that edit, ` +
    `setting it back to what ${action.file ?? 'its file'} says; ${say.pull} writes Flowent's version into the file instead.`
  );
}

/** Why an action whose file writes its URL's password as *** keeps Flowent's URL. */
export function keptPasswordWords(action: PlannedAction): string {
  return `${action.file ?? action.name}: its webhook_url has the password left out (${REDACTED_CREDENTIAL}), so Flowent keeps the registered URL with its password.`;
}

/**
 * One file a pull wrote; `perProfile`: its webhook_url became one per profile; `overwritten`: it
 * was changed in the files since the last apply or pull, and force wrote Flowent's over that.
 */
export function pulledFileWords(file: string, { perProfile, overwritten }: { perProfile: boolean; overwritten: boolean }): string {
  const wrote = overwritten
    ? `Overwrote ${file} with Flowent's version: the change made in it since the last apply or pull is gone`
    : `Wrote ${file}`;
  // After the overwrite's own colon, a semicolon: one sentence, not a chain of colons.
  return perProfile
    ? `${wrote}${overwritten ? ';' : ':'} its webhook_url is now one per profile (Flowent has another URL for this profile; the others keep the file's).`
    : `${wrote}.`;
}

/** A file a pull did not write: changed in the files since the last apply or pull, an edit not yet sent, and not in git yet perhaps. */
export function pulledKeptWords(file: string, say: PlanStepsVocabulary): string {
  return (
    `Kept ${file}: it was changed in the files since the last apply or pull, and pull does not write over that ` +
    `(${say.apply(false)} sends it to Flowent; ${say.pullOver} writes Flowent's over it instead, and the change is lost).`
  );
}

/** One file a pull with prune removed: its action is not on Flowent. */
export function pulledAwayWords(file: string): string {
  return `Removed ${file}.`;
}

/** A pull that wrote nothing. */
export function nothingPulledWords(say: PlanStepsVocabulary): string {
  return `Nothing to write: every action Flowent has matches its file (${say.plan} shows what only the files have).`;
}

/** A pulled file whose webhook_url Flowent holds with a password, written without it (as `mocks export` does for answer files). */
export function pulledWithoutPasswordWords(file: string, say: PlanStepsVocabulary): string {
  return (
    `${file}: the password in its webhook_url is written as ${REDACTED_CREDENTIAL} (action files are meant for git; ` +
    `Flowent keeps the URL with it, and ${say.apply(false)} leaves it as it is while the file says the same URL but for the password).`
  );
}

/** A plan shown while the files changed after it was made: apply would not do what it says. */
export function stalePlanWords(say: PlanStepsVocabulary): string {
  return `The files changed since this plan: ${say.plan} again before applying.`;
}

/** After a pull: the plan shown before it no longer compares what the files hold now. */
export function planAgainWords(say: PlanStepsVocabulary): string {
  return `${cap(say.plan)} again to compare the files with Flowent now.`;
}
