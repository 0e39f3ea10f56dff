/**
 * What became of a change to the Flowent account itself (a profile saved, removed or put in use,
 * the API token, the follow mode, linked actions re-pointed), in one sentence the command line
 * prints and the page's toast shows where both say the event, so the two cannot drift apart. As
 * in action-change-words.ts, each front end adds only what is its own after it.
 */
import type { AccountState, FollowChange, FollowRecord, LinkedAction, RegistrationRecord } from '../account';
import type { FollowMode } from '../names-and-limits';
import { DEFAULT_PROFILE, printableGatewayUrl } from '../profile-rules';
import { redactUrlCredentials } from '../url-credentials';
import type { CodePart } from './code-parts';
import { counted } from './counted';
import { cap } from './said';
import type { Vocabulary } from './vocabulary';

/**
 * The Gateway URL saved with a profile: the default profile's may not be the one in use
 * (FLOWENT_BASE_URL wins, and gatewayVariableWinsWords says so beside this), so its saved one.
 */
function savedGatewayUrl(account: AccountState, name: string): string | null {
  if (name === DEFAULT_PROFILE) return account.defaultGateway.saved;
  return account.profiles.find((profile) => profile.name === name)?.baseUrl ?? null;
}

/** `Profile staging saved: https://…`: the URL as saved, read back from the account the save returned. */
export function profileSavedWords(account: AccountState, name: string): string {
  const url = savedGatewayUrl(account, name);
  return url === null ? `Profile ${name} saved` : `Profile ${name} saved: ${printableGatewayUrl(url)}`;
}

/** `Using profile staging (https://…)`: the Gateway its commands and the page now go to. */
export function profileInUseWords(account: AccountState, name: string): string {
  const url = account.profiles.find((profile) => profile.name === name)?.baseUrl;
  return url === undefined ? `Using profile ${name}` : `Using profile ${name} (${printableGatewayUrl(url)})`;
}

/** A profile removed (the page's Delete, the command line's `profile remove`). */
export function profileRemovedWords(name: string): string {
  return `Removed profile ${name}`;
}

/** A removal of a profile there is not: the state asked for, said as done. */
export function noProfileRemovedWords(name: string): string {
  return `There is no profile ${name}: nothing was removed`;
}

/** The page's API token, saved to the system keychain (the command line reads it from the environment only). */
export const API_TOKEN_SAVED = 'API token saved';

/** Connect exchanged the API token for a session. */
export const CONNECTED_TO_FLOWENT = 'Connected to Flowent';

/** What the follow mode just set means for the linked actions from now on. */
export function followModeSetWords(mode: FollowMode): string {
  return mode === 'auto' ? 'Linked actions now follow the public URL' : 'You will be asked before linked actions are updated';
}

/**
 * No action is registered on the Gateway (`gateway`, where the front end does not go without
 * saying it), and where the front end registers one: `register` and `registerHere` read on after
 * "register one with" and "pointed at this companion with".
 */
export function noActionsWords(gateway: string | null, register: string, registerHere: string): string {
  return `No actions registered ${gateway === null ? 'in Flowent' : `on ${gateway}`} yet: register one with ${register}, pointed at this companion with ${registerHere}.`;
}

/**
 * The linked actions a change of the public URL would re-point, under the follow mode: each with
 * its profile, and marked when Flowent no longer has it; none, with `registerHere`, where the
 * front end links an action (it reads on after "No linked actions: ").
 */
export function linkedActionsWords(links: readonly Pick<LinkedAction, 'action' | 'profile' | 'gone'>[], registerHere: string): string {
  if (links.length === 0) return `No linked actions: ${registerHere} links an action to this companion.`;
  const named = links.map((link) => `${link.action} (${link.profile}${link.gone ? ', gone from Flowent' : ''})`);
  return `${counted(links.length, 'linked action')}: ${named.join(', ')}.`;
}

/**
 * What the follow mode means, as `serve --tunnel` says it at its start: what becomes of the
 * linked actions when the public URL changes.
 */
export function followModeWords(mode: FollowMode): string {
  return mode === 'auto'
    ? 'linked Flowent actions are re-pointed when the public URL changes'
    : 'linked Flowent actions are listed when the public URL changes (--follow auto re-points them)';
}

/**
 * Linked actions left at the old URL `change.from` by follow mode "ask" (or a change of the public
 * URL not yet applied), named as the front end names them, with the URL `change.to` to re-point
 * them to: `wayOut` is where the front end does it (serve's inspector or --follow auto, the page's
 * banner button), reading on after "re-point them to <url> ".
 */
export function repointProposedWords(names: readonly string[], change: { from: string; to: string }, wayOut: string): string {
  const [verb, them] = names.length === 1 ? ['points', 'it'] : ['point', 'them'];
  return `${names.join(', ')} still ${verb} at the old URL ${redactUrlCredentials(change.from)}: re-point ${them} to ${redactUrlCredentials(change.to)} ${wayOut}.`;
}

/**
 * An action registered (or updated) to point at this companion, named as the front end names it,
 * or why Flowent refused it (the failure in the front end's words; null when it gave no reason):
 * serve's line and the page's note beside Flowent's registration check.
 */
export function registrationFinishedWords(
  name: string,
  record: Pick<RegistrationRecord, 'ok' | 'created' | 'webhookUrl'>,
  why: string | null,
): string {
  if (!record.ok) return `Registration of ${name}: refused by Flowent: ${why ?? 'no reason given'}`;
  const done = record.created ? 'registered' : 'updated';
  return `Registration of ${name}: accepted by Flowent (${done} with webhook_url ${redactUrlCredentials(record.webhookUrl)})`;
}

/** A registration sent, Flowent's answer not yet in (its registration check arrives before it answers). */
export function registrationWaitingWords(name: string): string {
  return `Registration of ${name}: waiting for Flowent's answer…`;
}

/**
 * Linked actions whose webhook_url no longer reaches this companion (a restart on another port, a
 * tunnel closed), serve's lines and the page's banner alike. One is said with the URL it points
 * at; several by name. `closedTunnel`: the tunnel URL they point under, when its closing is why.
 * `wayOut`: where the front end points them here again, a lowercase instruction about "it" or "them".
 */
export function staleLinksWords(
  links: readonly { name: string; webhookUrl: string }[],
  wayOut: (them: 'it' | 'them') => string,
  closedTunnel: string | null = null,
): string {
  const [verb, them] = links.length === 1 ? (['points', 'it'] as const) : (['point', 'them'] as const);
  const only = links.length === 1 ? links[0] : undefined;
  const at =
    closedTunnel !== null
      ? `the tunnel's URL ${redactUrlCredentials(closedTunnel)}, which is closed`
      : only
        ? `${redactUrlCredentials(only.webhookUrl)}, which no longer reaches this companion`
        : 'URLs that no longer reach this companion';
  return `${links.map((link) => link.name).join(', ')} still ${verb} at ${at}: Flowent's calls to ${them} fail. ${cap(wayOut(them))}.`;
}

/** Linked actions re-pointed at the public URL `url` after it changed. */
export function repointedWords(actions: readonly string[], url: string): string {
  return `Pointed ${actions.join(', ')} at ${redactUrlCredentials(url)} in Flowent`;
}

/** Linked actions Flowent no longer has, so nothing re-pointed them (the front end says where to see what to do). */
export function notRepointedWords(actions: readonly string[]): string {
  return `Flowent no longer has ${actions.join(', ')}: not re-pointed`;
}

/**
 * A linked action Flowent refused to re-point at the new public URL `to`: why (the failure in the
 * front end's words; null when Flowent gave no reason), then the way to point it here once fixed,
 * naming its profile where it is not `activeProfile` (null where the front end does not know it,
 * as serve, whose profile in use may change while it runs).
 */
export function repointFailedWords(
  change: { action: string; profile: string; to: string },
  why: string | null,
  say: Pick<Vocabulary, 'pointActionHere'>,
  activeProfile: string | null,
): string {
  const profile = change.profile === activeProfile ? null : change.profile;
  return (
    `Could not point ${change.action} at the new public URL ${redactUrlCredentials(change.to)}. ${why ?? 'Flowent gave no reason.'} ` +
    `Once that is fixed, ${say.pointActionHere(change.action, profile)}.`
  );
}

/**
 * Heads a change of the public URL in the follow history: when (`time` writes a moment as the
 * front end shows it), the URL before and after, as code, and the follow mode it ran under.
 */
export function followRecordHeading(
  record: Pick<FollowRecord, 'at' | 'previous' | 'current' | 'mode'>,
  time: (ms: number) => string,
): CodePart[] {
  return [
    { text: `${time(record.at)}: ` },
    { code: redactUrlCredentials(record.previous) },
    { text: ' → ' },
    { code: redactUrlCredentials(record.current) },
    { text: ` (${record.mode})` },
  ];
}

/**
 * One linked action's part in a change of the public URL, as the follow history lists it under
 * the change (`send_email: now <url>`); `why`: a refusal in the front end's words (null when
 * Flowent gave no reason).
 */
export function followChangeWords(change: FollowChange, why: string | null): string {
  switch (change.outcome) {
    case 'updated':
      return `${change.action}: now ${redactUrlCredentials(change.to)}`;
    case 'failed':
      return `${change.action}: not updated: ${why ?? 'Flowent refused'}`;
    case 'proposed':
      return `${change.action}: still ${redactUrlCredentials(change.from)}`;
    case 'gone':
      return `${change.action}: not re-pointed: Flowent no longer has it`;
    default: {
      const never: never = change.outcome;
      return never;
    }
  }
}

/**
 * The Account tab's Flowent session: none yet, one that runs out in `countdown` ("42:10") and is
 * renewed before then, or one that ran out.
 */
export function sessionWords(session: { state: 'none' } | { state: 'live'; countdown: string } | { state: 'expired' }): string {
  switch (session.state) {
    case 'none':
      return 'Not connected yet: Connect exchanges the API token for a session.';
    case 'live':
      return `Session expires in ${session.countdown} (renewed before it runs out).`;
    case 'expired':
      return 'Session expired: it is exchanged again with the next request.';
    default: {
      const never: never = session;
      return never;
    }
  }
}

/** The Actions tab without an API token: where to set one (`variable`: where it comes from, when the page cannot set it). */
export function actionsNeedTokenWords(variable: string | null): string {
  return `Set your API token (Account tab) to see your actions${variable === null ? '' : `: here it comes from ${variable}`}.`;
}

/** While Register here waits: Flowent checks the URL before it answers. */
export const REGISTER_HERE_WAITING =
  'Waiting for Flowent: it sends its registration check to this companion (watch the history) before it answers…';

/** What an action's badges mean, for their titles. */
export const ACTION_BADGE_TITLES = {
  linked: 'Follows this companion when the public URL changes',
  stale: 'Its webhook_url no longer reaches this companion',
} as const;
