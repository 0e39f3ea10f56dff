/**
 * The page's Flowent account dialog in words, beside the catalogue's failures (account-words.ts):
 * the API token's state, why a profile or an action cannot be saved yet, and where to see what
 * to do about links Flowent no longer has. A missing token is said in the words of the
 * catalogue's failure (no-api-token), which the command line's `actions` says when it needs one.
 */
import type { SecretState } from '../api';
import { notRepointedWords } from './account-change-words';
import { createApiTokenWords, noApiTokenWords } from './account-words';
import { sourceLabel } from './secret-state-words';

/** The profile's API token, set (and where from) or not, with where to get one. `variable`: the environment variable that sets it. */
export function apiTokenNowWords(profile: string, token: Pick<SecretState, 'set' | 'source'>, variable: string): string {
  // Here, beside the field a token is pasted into, that is how it is set.
  if (!token.set) return `${noApiTokenWords(profile)} ${createApiTokenWords('paste it here')}`;
  return `An API token is set for ${profile}${token.source ? ` (${sourceLabel(token.source, variable)})` : ''}.`;
}

/** Why a profile cannot be saved yet: fields left empty (`missing`: "a name"), else fields that are wrong (`wrong`: "the name"). */
export function profileBlockedWords(missing: readonly string[], wrong: readonly string[]): string | null {
  if (missing.length > 0) return `Give the profile ${missing.join(' and ')} to save it.`;
  if (wrong.length > 0) return `Fix ${wrong.join(' and ')} to save the profile.`;
  return null;
}

/** An action whose name, description or schema has a problem: Register and Check wait for it. */
export const FIX_ACTION_FIRST = 'Fix the name, description and schema first.';

/** Links Flowent no longer has, in a toast: the Account tab lists each with its ways out. */
export function notRepointedToastWords(actions: readonly string[]): string {
  return `${notRepointedWords(actions)} (Flowent account > Account says what to do)`;
}

/** Register here before the webhook server listens. */
export const NO_URL_TO_REGISTER = 'The companion is not listening yet: there is no URL to register.';
