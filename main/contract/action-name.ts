/**
 * Flowent's rule for an action's name (in `action_name` and in `POST /actions`). Both sides of
 * the contract check it: the core on every call and argument, the page as the user types.
 */
export const ACTION_NAME_PATTERN = /^[a-z0-9_]{1,100}$/;

/** The same rule in words. */
export const ACTION_NAME_RULE = '1-100 lowercase letters, digits or underscores';

export function isActionName(value: unknown): value is string {
  return typeof value === 'string' && ACTION_NAME_PATTERN.test(value);
}

/** Where a forwarding target takes the call's action name: `http://localhost:8000/actions/{action_name}`. */
export const ACTION_PLACEHOLDER = '{action_name}';

/** The URL a call of `action` reaches at `target`: its `{action_name}` filled in (as it is without an action). */
export function targetForAction(target: string, action: string | null): string {
  return action === null ? target : target.replaceAll(ACTION_PLACEHOLDER, action);
}
