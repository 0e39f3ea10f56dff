import type { FlowentProfile } from '../../../main/contract/account';
import { gatewayUrlProblem, printableGatewayUrl, PROFILE_NAME } from '../../../main/contract/profile-rules';
import { inPageWords } from '../page/page-words';
import { profileBlockedWords } from '../../../main/contract/words';

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
  // The core's own rules (main/core/account/profiles.ts), in its words, as the user types.
  const nameProblem =
    name !== '' && !PROFILE_NAME.test(name) ? inPageWords({ code: 'flowent-bad-profile', field: 'name', value: name }) : null;
  const gatewayProblem = baseUrl === '' ? null : gatewayUrlProblem(baseUrl);
  const urlProblem =
    gatewayProblem === null
      ? null
      : inPageWords({
          code: 'flowent-bad-profile',
          field: 'baseUrl',
          // As the core repeats it: a token may be in the password, a query value or the fragment.
          value: printableGatewayUrl(baseUrl),
          credentials: gatewayProblem === 'credentials',
          ...(gatewayProblem === 'query' || gatewayProblem === 'fragment' ? { extra: gatewayProblem } : {}),
        });
  const missing = [name === '' ? 'a name' : null, baseUrl === '' ? 'a Gateway URL' : null].filter((m) => m !== null);
  const wrong = [nameProblem ? 'the name' : null, urlProblem ? 'the Gateway URL' : null].filter((m) => m !== null);
  return { name: nameProblem, baseUrl: urlProblem, blocked: profileBlockedWords(missing, wrong) };
}
