import type { FlowentProfile } from '../../../main/contract/account';
import { inPageWords } from '../page/page-words';

/** The core's rules for a profile (main/core/account/profiles.ts), checked as the user types. */
const PROFILE_NAME = /^[a-z0-9_-]{1,40}$/;

function isGatewayUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export interface ProfileProblems {
  /** What is wrong with each typed field, in the core's words (null: nothing, or not typed yet). */
  name: string | null;
  baseUrl: string | null;
  /** Why the profile cannot be saved yet (null: it can): said beside the disabled button. */
  blocked: string | null;
}

/**
 * Every field's problem at once: the core refuses the first only, so a form that waited for
 * it would show the name's and hide the URL's.
 */
export function checkProfile({ name, baseUrl }: FlowentProfile): ProfileProblems {
  const bad = (field: 'name' | 'baseUrl', value: string) => inPageWords({ code: 'flowent-bad-profile', field, value });
  const nameProblem = name !== '' && !PROFILE_NAME.test(name) ? bad('name', name) : null;
  const urlProblem = baseUrl !== '' && !isGatewayUrl(baseUrl) ? bad('baseUrl', baseUrl) : null;
  const missing = [name === '' ? 'a name' : null, baseUrl === '' ? 'a Gateway URL' : null].filter((m) => m !== null);
  const wrong = [nameProblem ? 'the name' : null, urlProblem ? 'the Gateway URL' : null].filter((m) => m !== null);
  const blocked =
    missing.length > 0
      ? `Give the profile ${missing.join(' and ')} to save it.`
      : wrong.length > 0
        ? `Fix ${wrong.join(' and ')} to save the profile.`
        : null;
  return { name: nameProblem, baseUrl: urlProblem, blocked };
}
