/**
 * What the page says while the history holds no call: the URL to register in Flowent, and the
 * sample call to send by hand. `serve` says its webhook URL on its own start lines; the page's
 * empty state is where a first-time user looks instead.
 */
import type { CodePart } from './code-parts';

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

/** A button inside a sentence, by its label: the words say where it goes, the page places it and what it opens. */
export interface ButtonPart {
  button: string;
}

/** A sentence of the empty state, in pieces: words, code, and the buttons it holds. */
export type EmptyStatePart = CodePart | ButtonPart;

/** The link to the panel that opens a tunnel, as the header names it. */
export const PUBLIC_URL_PANEL = 'Public URL';

/** The link to Settings, where the page sets the key. */
export const SETTINGS = 'Settings';

/** Under a URL that is this computer's own: Flowent cannot reach it, and where to get one it can. */
export const LOCAL_URL_NOTE: readonly EmptyStatePart[] = [
  { text: "It is this computer's own URL, which Flowent in the cloud cannot reach: open a tunnel in " },
  { button: PUBLIC_URL_PANEL },
  { text: ' for one it can.' },
];

/**
 * Which key signatures are checked with: where it comes from when one is set (`source`, as
 * sourceLabel says it; empty: only that it is set), and where to set it only when none is
 * (telling someone whose key is already in the environment to set it sends them looking for a
 * problem they do not have). `canSet`: the page can set it (Settings); `variable`: the
 * environment variable that sets it otherwise.
 */
export function keyLineParts(key: { set: true; source: string } | { set: false }, canSet: boolean, variable: string): EmptyStatePart[] {
  if (key.set)
    return [
      { text: `Signatures are checked with your Flowent HMAC key (${key.source || 'set'}` },
      ...(canSet ? [{ text: '; change it in ' }, { button: SETTINGS }] : []),
      { text: ').' },
    ];
  const none = { text: 'Signatures are checked with your Flowent HMAC key, and none is set yet. ' };
  return canSet
    ? [none, { text: 'Set it in ' }, { button: SETTINGS }, { text: ' (or ' }, { code: variable }, { text: ' in headless mode).' }]
    : [none, { text: 'Set it with the ' }, { code: variable }, { text: ' environment variable before starting the companion.' }];
}

/** The copy buttons' names for what they copy: the action's URL the tunnel makes public, or this computer's. */
export function actionUrlWhat(isPublic: boolean): string {
  return isPublic ? 'public action URL' : 'local action URL';
}
