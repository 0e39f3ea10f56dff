/**
 * Flowent's wire facts the companion relies on, each defined once here and imported by
 * everything that needs one (the webhook, forwarding, the answer check, argument checks, the
 * command line through the core's entry). docs/flowent-protocol.md describes the protocol
 * they come from: the call body, the signing styles, the registration check, the answer
 * Flowent expects and the Gateway calls the companion makes.
 */

/** An action's name, as Flowent accepts it in `action_name` and in `POST /actions`. */
export const ACTION_NAME_PATTERN = /^[a-z0-9_]{1,100}$/;
/** The same rule in words, for messages. */
export const ACTION_NAME_RULE = '1-100 lowercase letters, digits or underscores';

/** The largest call body Flowent sends, and the largest answer it accepts. */
export const FLOWENT_BODY_LIMIT_BYTES = 1024 * 1024;

/** How long Flowent waits for an action's answer before the flow sees a failure. */
export const FLOWENT_TIMEOUT_MS = 30_000;

/** Flowent's docs reject calls whose timestamp is older than 5 minutes. */
export const TIMESTAMP_WINDOW_SECONDS = 300;
/** How far ahead a sender's clock may run before a timestamp counts as "in the future". */
export const CLOCK_SKEW_SECONDS = 60;

export function isActionName(value: unknown): value is string {
  return typeof value === 'string' && ACTION_NAME_PATTERN.test(value);
}
