/**
 * What the page says while the history holds no call: the URL to register in Flowent, and the
 * sample call to send by hand. `serve` says its webhook URL on its own start lines; the page's
 * empty state is where a first-time user looks instead.
 */

/** The empty state's heading. */
export const NO_CALLS_YET = 'No calls yet';

/** Over the sample call's command: signed with the key, or unsigned while none is set. */
export function sampleLeadWords(unsigned: boolean): string {
  return unsigned ? 'Or send a sample call now:' : 'Or send a correctly signed sample call now:';
}

/** Under an unsigned sample: what it arrives as. */
export const UNSIGNED_SAMPLE_NOTE =
  'This sample is unsigned because no HMAC key is set: it arrives as a call with no signature, a failure, until a key is set.';

/** While the sample is made. */
export const PREPARING_SAMPLE = 'Preparing a sample request…';

/** Before the webhook URL is known. */
export const REGISTER_WITH_WEBHOOK_URL = 'Register your action in Flowent with its webhook URL, one path per action name.';

/** Why the webhook URL is not shown yet (`known`: the page has the companion's status). */
export function webhookUrlPendingWords(known: boolean): string {
  return known ? 'The webhook server is not listening yet.' : 'Asking the companion where it listens…';
}

/** Over the URL to register: the tunnel's public one, or this computer's. */
export function registerUrlLeadWords(isPublic: boolean): string {
  return isPublic
    ? "Register your action in Flowent with the tunnel's public URL, one path per action name:"
    : 'Register your action in Flowent with this webhook URL, one path per action name:';
}

/** Over this computer's own URL, beside the tunnel's. */
export const LOCAL_URL_LEAD = "This computer's own URL, which Flowent in the cloud cannot reach:";

/** In place of an action's URL while no action is named: the base, and what to do. */
export function actionUrlMissingWords(base: string): string {
  return `${base}/actions/… : type the action's name above for its URL.`;
}

/** While the status is unknown: what signatures are checked with. */
export const SIGNATURES_CHECKED_WITH_KEY = 'Signatures are checked with your Flowent HMAC key.';
