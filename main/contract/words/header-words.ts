/**
 * The page header's titles: what its failure count counts (the failure rule, isFailedCall and
 * countsAsFailure in the contract, in words), its request rate's, and what its commands open. `calls --failed`'s help
 * says the same rule in its own lines, wrapped as the help's options are.
 */
import { counted } from './counted';

const FAILURES_EXPLAINED =
  'What counts as a failure: a call from Flowent whose answer was not 2xx (or that got no answer), whose signature is invalid, ' +
  "missing or malformed or that was not a Flowent call at all, or whose answer breaks Flowent's contract. " +
  'Without an HMAC key signatures cannot be checked, and that alone is not a failure. ' +
  'Replays, simulated and imported calls are never counted.';

/** The failure count's title: the rule, then what pressing it does (`failuresOnly`: the list shows only failures). */
export function failureCountTitle(failuresOnly: boolean): string {
  return `${FAILURES_EXPLAINED} ${failuresOnly ? 'Press to list every call again.' : 'Press to list them.'}`;
}

/** The request rate's sparkline: `total` calls in the last 5 minutes, at most `peak` in 10 seconds; its name and its title. */
export function requestRateWords(total: number, peak: number): { label: string; title: string } {
  return {
    label: `Request rate: ${counted(total, 'call')} in the last 5 minutes; at most ${peak} in 10 seconds`,
    title: `Calls per 10 s over the last 5 minutes (${total} in all). Top of the scale: ${peak} per 10 s.`,
  };
}

/** What each of the header's commands opens, for its title. */
export const HEADER_COMMAND_TITLES = {
  answers: 'Mocks and forwarding',
  account: 'Flowent account and actions',
  project: 'The project folder: actions and answers as files, Plan and Apply',
  simulate: 'Send a Flowent call that never happened',
  settings: 'HMAC key, ngrok authtoken, history',
} as const;
