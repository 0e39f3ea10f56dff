/**
 * What the page's replay editor and simulator say beside their buttons: what did not happen when a
 * request failed (a dialog's overlay hides the error banner), and the toasts of what was sent or
 * saved. The command line says its sends on its own lines (`send`'s "Sent #N to ..."), with where
 * they went; the page's toasts name only the call the list now holds.
 */

/** What did not happen, by what was asked, heading why. */
export const NOT_DONE_WORDS = {
  send: 'Nothing was sent',
  generateParameters: 'No parameters were generated',
  saveSchema: 'The schema was not saved',
  removeSchema: 'The schema was not removed',
} as const;

export type NotDone = (typeof NOT_DONE_WORDS)[keyof typeof NOT_DONE_WORDS];

/** What did not happen because the companion could not be reached, and what to check. */
export function notDoneUnreachableWords(notDone: NotDone): string {
  return `${notDone}: the companion could not be reached. Check that it is still running (the serve command, or the app), then try again.`;
}

/** A replay sent, as the call the list now holds. */
export function replayedAsWords(id: number, edited: boolean): string {
  return edited ? `Replayed with your parameters as call #${id}` : `Replayed as call #${id}`;
}

/** A simulated call sent, as the call the list now holds. */
export function simulatedAsWords(id: number): string {
  return `Sent as call #${id}`;
}

/** An action's schema defined here, saved or (`removed`) removed. */
export function schemaSavedWords(action: string, removed: boolean): string {
  return removed ? `Removed the schema of ${action}` : `Saved the schema of ${action}`;
}

/** Said as the selection leaves a call with kept edits, so the person knows they did not just vanish. */
export function draftKeptWords(callId: number): string {
  return `The edited parameters of call #${callId} are kept: choose the call again to go on with them.`;
}

/** Why a replay has no parameters to edit: a registration check (always sent empty), or a body that is not a JSON object. */
export function noParametersToEditWords(registrationCheck: boolean): string {
  return registrationCheck
    ? 'No parameters to edit: this is Flowent’s registration check, which Flowent only ever sends with empty parameters. Replay it as is or re-signed, or to see what a handler makes of parameters, simulate a call.'
    : "No parameters to edit: this call's body is not a JSON object, so it has none. Replay it as is, or to see what a handler makes of parameters, simulate a call.";
}

/** Over a simulator result the call has changed since. */
export const STALE_RESULT_NOTE = 'The result of the previous send: the call has changed since. Send it to see its answer.';

/** The simulator with no action known to offer: what to do instead. */
export const SIMULATOR_NO_ACTIONS =
  'No action is known yet: none has been called, registered or defined here. Type an action name below (and define its JSON Schema to generate parameters), or send a call to the webhook URL first.';

/** Asked before a schema defined here is removed: it is kept nowhere else. */
export function removeSchemaQuestion(action: string): string {
  return `Remove the schema defined here for ${action}? It is not kept anywhere else.`;
}

/** Over the schema editor when the action picked since is not the one whose schema is edited. */
export function editingSchemaForWords(action: string): string {
  return `Editing the schema for ${action}: Save stores it under that name.`;
}
