import * as z from 'zod';
import { ACTION_NAME_PATTERN, ACTION_NAME_RULE } from '../action-name';
import { FLOWENT_BODY_LIMIT_BYTES, MAX_JSON_TEXT } from '../names-and-limits';
import { nonBlankSecret } from '../secret-variables';

/**
 * The rules several methods share. Each schema's description is what its value "must be", in
 * the words a developer reads when a check fails ("`id` must be a call id (a positive integer)").
 */

export const MAX_SECRET_LENGTH = 1024;
export const MAX_URL_LENGTH = 2048;

/** A number with thousands separators, for limits in words. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}

export const callId = z.int().positive().describe('a call id (a positive integer)');

export const actionName = z.string().regex(ACTION_NAME_PATTERN).describe(`an action name of ${ACTION_NAME_RULE}`);

/** An action name, or null for "every action" (the default). */
export const actionKey = actionName.nullable().describe(`an action name of ${ACTION_NAME_RULE}, or null for every action`);

export const flag = z.boolean().describe('true or false');

/** A whole number that seeds generated parameters. */
export const seed = z.int().describe('a whole number');

/** A secret to keep: never blank, which holds none (the rule every other place a secret is given follows). */
export const secret = z
  .string()
  .max(MAX_SECRET_LENGTH)
  .refine((value) => nonBlankSecret(value) !== null)
  .describe(`a non-blank string of at most ${MAX_SECRET_LENGTH} characters`);

export const jsonText = z
  .string()
  .max(MAX_JSON_TEXT)
  .describe(`JSON text of at most ${count(MAX_JSON_TEXT)} characters`);

/**
 * Parameters for a call to send (simulated, or a replay with new ones): up to Flowent's own 1 MB,
 * as the README promises. A text of more characters is more bytes, so it could only make a call
 * Flowent never sends; one under it that makes a call over 1 MB with the rest of the body is
 * refused by the core, in its own words (`over-flowent-limit`).
 */
export const MAX_PARAMETERS_TEXT = FLOWENT_BODY_LIMIT_BYTES;

export const parametersText = z
  .string()
  .max(MAX_PARAMETERS_TEXT)
  .describe(`JSON text of at most ${count(MAX_PARAMETERS_TEXT)} characters (Flowent's 1 MB limit)`);

/** A URL, or null for what `nullMeans` says (the forwarding target, the tunnel...). */
export function urlOrNull(nullMeans: string) {
  return z.string().max(MAX_URL_LENGTH).nullable().describe(`a URL of at most ${MAX_URL_LENGTH} characters, or null ${nullMeans}`);
}
