import { extraStart, printableGatewayUrl } from '../profile-rules';
import { redactUrlCredentials } from '../url-credentials';
import type { AccountFailure, DefaultGateway, GatewayFailure, RegistrationCheckSeen, SessionFailure, WebhookReach } from '../account';
import type { CallsFailure, SecretFailure } from '../shared';
import { cap, either, inBrackets, type Catalogue } from './said';
import type { Vocabulary } from './vocabulary';
import { networkInWords } from './network-words';
import { checkAnsweredStatus } from '../registration-check';

type AccountOwnFailure = Exclude<AccountFailure, GatewayFailure | SessionFailure | SecretFailure | CallsFailure>;

/** The host names ngrok gives tunnels (its free and paid domains, and the older ngrok.io). */
const NGROK_HOST = /(^|\.)(ngrok-free\.app|ngrok-free\.dev|ngrok\.app|ngrok\.dev|ngrok\.io)$/i;

function isNgrokUrl(url: string): boolean {
  try {
    return NGROK_HOST.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

const theAction = (action: string | null) => (action ? `"${action}"` : 'the action');
const answered = (status: number, error: string) => `HTTP ${status}${error ? `: ${error}` : ''}`;

/**
 * What to do after a failed registration check, by what Flowent says happened: an answer that
 * was not a 2xx came from something running there; only a webhook Flowent got no answer from is
 * not running.
 */
function registrationCheckAdvice(status: number | null, url: string | null): string {
  // ngrok's edge answers 404 for a host with no tunnel open: there, the path is likely not the cause.
  if (status === 404 && url !== null && isNgrokUrl(url))
    return (
      'that is an ngrok URL, and ngrok answers 404 when no tunnel is open at it (the agent that had it stopped, or its URL changed ' +
      'when it started again), so start the tunnel that should answer there and give the action the URL it has now; ' +
      'if a tunnel is open there, check the path'
    );
  if (status === 404)
    return 'nothing answers at that path (an action name or path mistyped?); check the URL, or make your handler answer there';
  if (status !== null)
    return `it was reached and answered ${status}, so make what answers there (your handler, or the companion's mock for the action) answer {"test": true} with a 2xx`;
  return 'make sure the companion (or your handler) is running and reachable at that URL';
}

/**
 * A check this companion answered, said from its stored call after Flowent's words: who answered
 * it and why, where Flowent's status alone leaves the cause to guess.
 */
function seenCheckWords(seen: RegistrationCheckSeen): { seen: string; todo: string } {
  const call = `call #${seen.callId} in the history`;
  if (seen.problem === 'action-mismatch') {
    // The action registered is the one Flowent's check names in its body.
    const named = unquoted(seen.sentAction);
    return {
      seen: `This companion refused it (${call}): the URL names the action "${seen.action}", but the action is ${named ? `"${named}"` : 'another'}.`,
      todo: `Register it with the webhook_url ending in /actions/${named ?? '<its name>'}: the companion answers an action's calls at the path that names it.`,
    };
  }
  if (seen.answeredBy === 'forward-error')
    return {
      // The forwarding's own words end with what to do about it (start the handler, check its log):
      // said once, with one full stop.
      seen: `This companion forwarded it to your handler, which never answered (${call}): ${(seen.forwardError ?? 'forwarding failed').replace(/\.$/, '')}.`,
      todo: 'Once your handler answers where the action forwards to, try again.',
    };
  if (seen.answeredBy === 'forward')
    return {
      seen: `Your handler answered it ${seen.status} (this companion forwarded it, ${call}).`,
      todo: 'Make your handler answer {"test": true} with any 2xx (its answer in the call may say why it did not), then try again.',
    };
  if (seen.answeredBy === 'mock' || seen.answeredBy === 'fallback-mock' || seen.answeredBy === 'test-check')
    return {
      seen: `The companion's mock for the action answered it ${seen.status} (${call}).`,
      todo: 'Make the mock answer the registration check with a 2xx (or let the companion answer it), then try again.',
    };
  return { seen: `This companion refused it (${seen.status}, ${call}).`, todo: "The call's details say why; fix that, then try again." };
}

/** A failed check Flowent got no answer to, with what this machine met at the URL when it tried. */
function unreachedWords(reach: WebhookReach, url: string, said: string): { what: string; todo: string } {
  const unreached = unreachedSentence(url, said);
  if (reach.connected)
    return {
      what: `${unreached}, yet this computer connects to it.`,
      todo: "Give a URL Flowent can reach from where it runs (a tunnel's public URL, not a loopback or private address), then try again.",
    };
  return {
    what: `${unreached}, nor can this computer: ${networkInWords(reach.problem, url)}.`,
    todo: 'Start what should answer there (the companion, or your handler) or correct the URL, then try again.',
  };
}

/** That Flowent got no answer from the webhook, said as a sentence about Flowent, with Flowent's own words after. */
function unreachedSentence(url: string | null, said: string): string {
  return `Flowent's registration check failed: Flowent got no answer from your webhook${url ? ` at ${url}` : ''}${said ? ` (it said: ${said})` : ''}`;
}

/**
 * A check sent to a URL this companion's tunnel had, which never reached it: the tunnel is not
 * open there (closed, its serve stopped, or open at another URL), so whatever answered was
 * ngrok's edge (404 is its "tunnel not found"), not the action's handler. Reopening the tunnel
 * and giving the action its URL is the fix, not the action's name.
 */
function ownTunnelWords(
  { url, now }: { url: string; now: string | null },
  status: number | null,
  say: Vocabulary,
): { what: string; todo: string } {
  const where =
    now === null
      ? 'no tunnel of this companion is open now'
      : now === url
        ? 'the tunnel was not open there when Flowent checked'
        : `the tunnel is open at ${now} now`;
  const ngrok = status === 404 ? ': ngrok answers 404 for a tunnel it does not have' : '';
  const todo =
    now === null
      ? `${cap(say.reopenTunnel)}, then ${say.giveTunnelUrl}, and try again: without a reserved domain, the tunnel opens at a new URL.`
      : now === url
        ? 'It is open there again now: try again.'
        : `${cap(say.giveTunnelUrl)}, and try again.`;
  return { what: `That is a URL this companion's tunnel had (${url}), and ${where}, so the check never reached it${ngrok}.`, todo };
}

/** That the history of the companions using `dataDir` holds no `check`. */
const notStoredIn = (dataDir: string, check: string) => `No companion using the data folder ${dataDir} has stored ${check}.`;

/**
 * Where this companion looked for a check it did not find: it stores the checks it answers in
 * its data folder's history, and one using another data folder (the tunnel's, say) in that one's.
 */
function notInHistoryWords(dataDir: string): { seen: string; elsewhere: string } {
  return {
    seen: notStoredIn(dataDir, 'that check'),
    elsewhere:
      "If a companion answers at that URL, it uses another data folder: that folder's history holds the check and why it answered so.",
  };
}

/** Where the default profile's Gateway comes from, in words, as the profile list shows it beside the URL. */
export function defaultGatewaySourceWords(gateway: DefaultGateway): string {
  switch (gateway.from) {
    case 'environment':
      return gateway.saved
        ? `(from ${gateway.variable}; the saved ${printableGatewayUrl(gateway.saved)} applies when it is unset)`
        : `(from ${gateway.variable})`;
    case 'saved':
      return `(saved; ${gateway.variable} wins when set)`;
    case 'built-in':
      return `(Flowent's public Gateway; ${gateway.variable} or "profile add default <url>" changes it)`;
    default:
      return gateway.from satisfies never;
  }
}

/**
 * Said when the default profile's URL is saved while FLOWENT_BASE_URL is set: the save took,
 * but this run keeps using the variable's URL, which a "saved" alone would hide.
 */
export function gatewayVariableWinsWords(gateway: DefaultGateway): string {
  return `${gateway.variable} is set (${printableGatewayUrl(gateway.baseUrl)}): it is the default profile's Gateway for this run, and the saved URL applies when it is unset.`;
}

/**
 * An update that pointed an action here with no registration check in this data folder's
 * history since it was sent: Flowent may not check again on an update (it does not say), or its
 * check went where this history does not reach. The command line and the page say it alike.
 */
export function uncheckedUpdateWords(notInHistoryOf: string): string {
  return (
    `${notStoredIn(notInHistoryOf, 'a registration check for this update')} ` +
    'Flowent does not say whether it checks again on an update; if the webhook_url points at your handler, ' +
    'or at a companion using another data folder, look there.'
  );
}

/** `"send_email"` as a body held it, without its quotes; null when it was not a string. */
function unquoted(written: string | null): string | null {
  return written && /^".*"$/.test(written) ? written.slice(1, -1) : null;
}

export const GATEWAY_WORDS: Catalogue<GatewayFailure, Vocabulary> = {
  'flowent-registration-check-failed': ({ webhookUrl, said, seen, notInHistoryOf, reach, ownTunnel }, say) => {
    const url = webhookUrl ? redactUrlCredentials(webhookUrl) : null;
    const status = checkAnsweredStatus(said);
    const notInHistory = notInHistoryOf ? notInHistoryWords(notInHistoryOf) : null;
    if (reach && url) {
      const unreached = unreachedWords(reach, url, said);
      // Something listens there that may be a companion on another data folder; nothing that does not listen stored it.
      return reach.connected && notInHistory ? { ...unreached, what: `${unreached.what} ${notInHistory.seen}` } : unreached;
    }
    const flowentSaid =
      status === null
        ? `${unreachedSentence(url, said)}.`
        : `Flowent's registration check failed: your webhook${url ? ` at ${url}` : ''} ${said}.`;
    if (seen) {
      const known = seenCheckWords(seen);
      return { what: `${flowentSaid} ${known.seen}`, todo: known.todo };
    }
    if (ownTunnel) {
      const tunnel = ownTunnelWords(ownTunnel, status, say);
      return { what: `${flowentSaid} ${tunnel.what}`, todo: tunnel.todo };
    }
    const todo = `Before registering, Flowent POSTs {"test": true} to the webhook_url and needs a 2xx answer: ${registrationCheckAdvice(status, url)}, then try again.`;
    if (notInHistory) return { what: `${flowentSaid} ${notInHistory.seen}`, todo: `${todo} ${notInHistory.elsewhere}` };
    return { what: flowentSaid, todo };
  },
  'flowent-bad-request': ({ action, error, details }) => ({
    what: `Flowent refused ${theAction(action)}: ${error || 'bad request'}${inBrackets(details)}.`,
  }),
  'flowent-unauthorized': ({ error }) => ({
    what: `Flowent did not accept the session even after exchanging the API token again (${error || 'Invalid token'}).`,
    todo: 'Create a new API token in Gateway Management.',
  }),
  'flowent-action-not-found': ({ action, error }, say) => ({
    what: `Flowent has no action ${theAction(action)}${error && error !== 'Action not found' ? ` (${error})` : ''}.`,
    todo: `${cap(say.listActions)}.`,
  }),
  'flowent-action-exists': ({ action }) => ({
    what: `An action ${theAction(action)} already exists on Flowent.`,
    todo: 'Update it instead (or register it with the companion, which updates it).',
  }),
  'flowent-rate-limited': () => ({
    what: 'Flowent refused: too many requests (its limit is 1000 per hour per tenant).',
    todo: 'Wait a while and try again.',
  }),
  'flowent-server-error': ({ baseUrl, status, error }) => ({
    what: `The Flowent Gateway at ${redactUrlCredentials(baseUrl)} failed (${answered(status, error)}).`,
    todo: 'Try again later.',
  }),
  'flowent-unexpected': ({ baseUrl, status, error }) => ({
    what: `The Flowent Gateway at ${redactUrlCredentials(baseUrl)} answered ${answered(status, error)}.`,
  }),
};

/**
 * A profile with no API token, for a command that needs one and for the page's API token
 * section alike: the default profile goes unnamed, as most users have only it.
 */
export function noApiTokenWords(profile: string): string {
  return `No Flowent API token is set${profile === 'default' ? '' : ` for the profile "${profile}"`}.`;
}

/** Where an API token comes from, then `how` the front end takes it ("set FLOWENT_API_TOKEN", "paste it here"). */
export function createApiTokenWords(how: string): string {
  return `Create one in Flowent's Gateway Management (API Tokens) and ${how}.`;
}

export const SESSION_WORDS: Catalogue<SessionFailure, Vocabulary> = {
  'flowent-no-api-token': ({ profile, variable }, say) => ({
    what: noApiTokenWords(profile),
    todo: createApiTokenWords(say.setApiToken(variable)),
  }),
  'flowent-api-token-rejected': ({ variable }, say) => ({
    what: 'Flowent rejected the API token.',
    todo: `Create a new one in Gateway Management (Flowent admin panel) and ${say.setApiToken(variable)}.`,
  }),
  'flowent-exchange-failed': ({ status, baseUrl, error, details }) => ({
    what: `Flowent refused the token exchange (${answered(status, error)}${inBrackets(details)}).`,
    todo: `Check the API token and the Gateway URL ${redactUrlCredentials(baseUrl)}.`,
  }),
  'flowent-bad-answer': ({ baseUrl, missing, status }) =>
    missing === 'jwt_token'
      ? {
          what: `The Gateway at ${redactUrlCredentials(baseUrl)} answered the token exchange without a jwt_token.`,
          todo: 'Check that this is a Flowent Gateway URL (…/api/v1/gateway).',
        }
      : { what: `The Gateway at ${redactUrlCredentials(baseUrl)} answered without an action (HTTP ${status}).` },
  'flowent-unreachable': ({ baseUrl, problem }) => ({
    what: `Cannot reach the Flowent Gateway at ${redactUrlCredentials(baseUrl)}: ${networkInWords(problem, redactUrlCredentials(baseUrl))}.`,
    todo: 'Check the Gateway URL and your internet connection.',
  }),
};

export const ACCOUNT_WORDS: Catalogue<AccountOwnFailure, Vocabulary> = {
  'flowent-invalid-input': ({ problems }) => ({ what: problems.map((problem) => problem.message).join(' ') }),
  'flowent-nothing-to-update': () => ({ what: 'Nothing to update: give a description, a webhook_url or a json_schema.' }),
  'flowent-unknown-profile': ({ name, profiles }, say) => ({
    what: `No Flowent profile named "${name}" (profiles: ${profiles.join(', ')}).`,
    todo: `${cap(say.addProfile(name))}.`,
  }),
  'flowent-default-profile': () => ({
    what: 'The "default" profile cannot be deleted.',
    todo: 'Change its Gateway URL instead ("actions profile add default <url>"); FLOWENT_BASE_URL, when set, wins over it.',
  }),
  'flowent-bad-profile': ({ field, value, variable, savedProfile, credentials, extra }, say) => {
    if (field === 'name') return { what: `"${value}" is not a profile name: use 1-40 lowercase letters, digits, - or _.` };
    // Typed to be saved, read from the environment, or saved with a profile before it was refused.
    const url = variable
      ? `${variable} is "${value}": `
      : savedProfile
        ? `The Gateway URL saved with the profile "${savedProfile}" is "${value}": `
        : `"${value}": `;
    const outcome = variable || savedProfile ? 'nothing was sent' : 'it was not saved';
    const saveAgain = savedProfile ? ` and save the profile again with it (${say.addProfile(savedProfile)})` : '';
    if (extra)
      return {
        what: `${url}a Gateway URL takes no ${extra === 'query' ? 'query string' : 'fragment'} (the Gateway's paths are added after it), so ${outcome}.`,
        todo: `Remove the part from "${extra === 'query' ? '?' : '#'}" on: ${value.slice(0, extraStart(value))}${saveAgain ? `,${saveAgain}` : ''}.`,
      };
    if (credentials)
      return {
        what: `${url}credentials do not belong in the Gateway URL, so ${outcome}.`,
        todo: `Give the URL without them (such as https://api.flowent.chat/api/v1/gateway)${saveAgain}. The API token goes in FLOWENT_API_TOKEN (FLOWENT_API_TOKEN_<PROFILE> for another profile) or, in the desktop app, its keychain (Flowent account > Account).`,
      };
    if (variable)
      return {
        what: `${variable} is "${value}", which is not a Gateway URL, so nothing was sent.`,
        todo: `Set it to an http(s) URL such as https://api.flowent.chat/api/v1/gateway, or unset it.`,
      };
    if (savedProfile)
      return {
        what: `${url}not a Gateway URL, so nothing was sent.`,
        todo: `Give an http(s) URL such as https://api.flowent.chat/api/v1/gateway${saveAgain}.`,
      };
    return { what: `The Gateway URL must be an http(s) URL such as https://api.flowent.chat/api/v1/gateway, not "${value}".` };
  },
  'flowent-no-public-url': ({ forRegistration }, say) => ({
    what: 'The tunnel is not open, so Flowent has no public URL to call this companion at.',
    todo: either(say.openTunnel, forRegistration ? say.useLanUrl : null),
  }),
  'flowent-action-elsewhere': ({ action, webhookUrl, companionUrls, profile, profileInUse }, say) => ({
    what:
      `${action} points at ${redactUrlCredentials(webhookUrl)}, not at this companion (` +
      (companionUrls.length === 0
        ? 'nothing of it is listening on this data folder'
        : `this companion is at ${companionUrls.join(' and ')}`) +
      '), so it was not linked.',
    // The profile it ran with is named where the command again without it would go to another's Flowent.
    todo: `${cap(say.pointActionHere(action, profileInUse ? null : profile))}.`,
  }),
  'flowent-nothing-to-follow': ({ previous }) => ({
    what: previous
      ? `No linked action points under ${previous} any more: nothing to re-point.`
      : 'No linked action is waiting to be re-pointed: the last change of the public URL was already applied.',
  }),
};

/**
 * A linked action Flowent no longer has, and the two ways out, in one line: `unlink` is where the
 * front end unlinks it (the command line's command, the page's button), named as the user meets it.
 */
export function goneLinkWords(link: { action: string; profile: string }, unlink: string): string {
  return `${linkNamed(link)}: Flowent no longer has this action; ${goneLinkWayOut(unlink)}.`;
}

/** The two ways out for a linked action Flowent no longer has; `unlink`: where the front end unlinks it. */
export function goneLinkWayOut(unlink: string): string {
  return `register it again or unlink it (${unlink})`;
}

/** A linked action where its profile matters (a terminal shows every profile's links): `send_email (staging)`. */
export function linkNamed(link: { action: string; profile: string }): string {
  return `${link.action} (${link.profile})`;
}
