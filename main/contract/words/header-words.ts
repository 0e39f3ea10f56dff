/**
 * The page header's titles: what its failure count counts (the failure rule, isFailedCall and
 * countsAsFailure in the contract, in words) and what its commands open. `calls --failed`'s help
 * says the same rule in its own lines, wrapped as the help's options are.
 */

const FAILURES_EXPLAINED =
  'What counts as a failure: a call from Flowent whose answer was not 2xx (or that got no answer), whose signature is invalid, ' +
  "missing or malformed or that was not a Flowent call at all, or whose answer breaks Flowent's contract. " +
  'Without an HMAC key signatures cannot be checked, and that alone is not a failure. ' +
  'Replays, simulated and imported calls are never counted.';

/** The failure count's title: the rule, then what pressing it does (`failuresOnly`: the list shows only failures). */
export function failureCountTitle(failuresOnly: boolean): string {
  return `${FAILURES_EXPLAINED} ${failuresOnly ? 'Press to list every call again.' : 'Press to list them.'}`;
}

/** What each of the header's commands opens, for its title. */
export const HEADER_COMMAND_TITLES = {
  answers: 'Mocks and forwarding',
  account: 'Flowent account and actions',
  project: 'The project folder: actions and answers as files, Plan and Apply',
  simulate: 'Send a Flowent call that never happened',
  settings: 'HMAC key, ngrok authtoken, history',
} as const;
