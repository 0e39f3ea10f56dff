/**
 * What became of a Flowent action the user changed (registered, updated, deleted, linked,
 * unlinked), in one sentence the command line prints and the page's toast shows, so the two
 * cannot drift apart. Each front end adds only what is its own after it: the command line and
 * the page's Register here result their remarks on Flowent's check (registrationCheckPassedWords,
 * framed as each must), the toasts nothing.
 */
import type { ActionPlan, ApplyStep } from '../project';
import { redactUrlCredentials } from '../url-credentials';

/** The profile a change was made in, and whether a reader is told it. */
export interface ChangedIn {
  profile: string;
  /**
   * The profile a reader need not be told: the page's active one, the command line's when no
   * --profile was given. Null when the profile is always named: with --profile the user chose
   * a profile for this one command, and reads back which one it changed.
   */
  implied: string | null;
}

/** An action the user changed, and where. */
export interface ActionChange extends ChangedIn {
  action: string;
  /** Where the action points now, where it is said with the change (the command line, Register here's result; a toast leaves it to the action's view). */
  webhookUrl?: string;
}

/**
 * The action, with its profile in brackets unless it goes without saying, as the list of gone
 * links names it: `send_email (staging)`; then `→ <url>` when the front end says where it points.
 */
function changed({ action, profile, implied, webhookUrl }: ActionChange): string {
  const which = profile === implied ? action : `${action} (${profile})`;
  return webhookUrl === undefined ? which : `${which} → ${redactUrlCredentials(webhookUrl)}`;
}

/** `Registered send_email (staging) → <url>`. */
export function registeredWords(change: ActionChange): string {
  return `Registered ${changed(change)}`;
}

/** `Updated send_email (staging) → <url>`. */
export function updatedWords(change: ActionChange): string {
  return `Updated ${changed(change)}`;
}

/** `Deleted send_email (staging)`. */
export function deletedWords(change: ActionChange): string {
  return `Deleted ${changed(change)}`;
}

/**
 * A delete of what Flowent does not have: the state asked for, said as done. Named with its
 * profile as a delete is: on another profile's Flowent the action may well exist.
 */
export function notDeletedWords(change: ActionChange): string {
  return `Flowent has no action ${changed(change)}: nothing was deleted`;
}

/**
 * A link: from now on the action is re-pointed when the public URL changes (the tunnel's, as
 * the README's account section and the page's Public URL panel call it).
 */
export function linkedWords(change: ActionChange): string {
  return `Linked ${changed(change)}: it follows the public URL`;
}

/**
 * An unlink: the action keeps its webhook_url but no longer follows the public URL. Unlink acts
 * on any profile's link (a gone one of another profile, from the Account tab; --profile's on the
 * command line), so the profile is named unless it is the implied one.
 */
export function unlinkedWords(change: ActionChange): string {
  return `Unlinked ${changed(change)}: it no longer follows the public URL`;
}

/** An unlink of an action that was not linked in that profile: the state asked for, said as done. */
export function notLinkedWords(change: ActionChange): string {
  return `${changed(change)} was not linked`;
}

/**
 * A step `actions apply` (the page's Apply) took to make Flowent match the project's files: a
 * create is a register, said as one, so a change reads alike however it was made. No URL: the
 * plan beside it shows each.
 */
export function appliedStepWords(step: ApplyStep, where: ChangedIn): string {
  const change = { action: step.name, ...where };
  switch (step.change) {
    case 'create':
      return registeredWords(change);
    case 'update':
      return updatedWords(change);
    case 'delete':
      return deletedWords(change);
    default:
      return step.change satisfies never;
  }
}

/**
 * An apply that had nothing to send. Flowent matches the files unless a file gives no URL for
 * the profile: then the front end says which, and that apply left it alone, beside this.
 */
export function nothingAppliedWords(plan: ActionPlan): string {
  return plan.actions.some((action) => action.state === 'no-url-for-profile')
    ? 'Nothing to do'
    : 'Nothing to do: Flowent matches the files';
}

/**
 * That Flowent's registration check passed for a register or update that pointed the action
 * here: the command line says it in brackets after its line, the page's Register here result as
 * a sentence. `again`: an update, which Flowent checked again; a check not in the history is
 * uncheckedUpdateWords' to say.
 */
export function registrationCheckPassedWords(again: boolean): string {
  return again ? 'Flowent ran its registration check again, and it passed' : "Flowent's registration check passed";
}
