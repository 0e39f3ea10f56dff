import {
  redactUrlCredentials,
  type AccountFailure,
  type AccountState,
  type CompanionApi,
  type FlowentAction,
  type FlowentProfile,
  type RegisteredHere,
  type RegistrationCheckFound,
  type Result,
  type Warned,
} from '../contract/api';
import { apiTokenVariable, gatewayUrlRefusal } from '../core';
import {
  defaultGatewaySourceWords,
  gatewayVariableWinsWords,
  noProfileRemovedWords,
  profileInUseWords,
  profileRemovedWords,
  profileSavedWords,
  registeredWords,
  registrationCheckPassedWords,
  uncheckedUpdateWords,
  updatedWords,
  type ChangedIn,
} from '../contract/words';
import { DEFAULT_PROFILE, printableGatewayUrl } from '../contract/profile-rules';
import { UsageError } from './args';
import { inCliWords } from './cli-words';
import { EXIT, exitCodeOf } from './exit-codes';

/** What a prepared `actions` subcommand runs with. */
export interface Runtime {
  api: CompanionApi;
  finish<T>(result: Result<Warned<T>, AccountFailure>, print: (value: T) => void): number;
  out(line: string): void;
  err(line: string): void;
  json: boolean;
}

/** One line per action: name, webhook_url, description. */
export function actionLine(action: FlowentAction): string {
  return `${action.name}  ${redactUrlCredentials(action.webhook_url)}  ${action.description}`;
}

/**
 * An action as --json prints it: its webhook_url's password as ***, as the text line, the plan's
 * --json and `targets list --json` write a URL's, since what a command prints ends up in logs and
 * scrollback. `extra` adds fields beside the action's own.
 */
export function actionJson(action: FlowentAction, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...action, webhook_url: redactUrlCredentials(action.webhook_url), ...extra });
}

/**
 * The profile the command's lines name a change in: --profile's, always named (the user chose
 * it for this command, and reads back which one it changed, whether or not it is the active
 * one); else the active one, which goes without saying, as on the page.
 */
export async function changesIn(api: CompanionApi, given: string | undefined): Promise<ChangedIn> {
  if (given !== undefined) return { profile: given, implied: null };
  const { activeProfile } = await api.getAccount();
  return { profile: activeProfile, implied: activeProfile };
}

/** What `register --here` did, truthfully: created or updated, and whether Flowent's check ran. */
export function registeredHereLine(done: RegisteredHere, where: ChangedIn): string {
  const change = { action: done.action.name, ...where, webhookUrl: done.webhookUrl };
  if (done.created) return `${registeredWords(change)} (linked; ${registrationCheckPassedWords(false)}).`;
  return `${updatedWords(change)} ${linkedAfterUpdate(change.action, done.webhookUrl, done, 'it existed; ')}`;
}

/** What `update --here` (or `--url`) did: the URL it points at, and whether Flowent's check for it is in the history, as register says it. */
export function updatedHereLine(action: FlowentAction, found: RegistrationCheckFound, where: ChangedIn): string {
  const change = { action: action.name, ...where, webhookUrl: action.webhook_url };
  return `${updatedWords(change)} ${linkedAfterUpdate(action.name, action.webhook_url, found)}`;
}

/**
 * An update that linked the action: whether Flowent's check for it came, and how to send one when
 * none is seen; `first` is said before "linked" (why a register updated).
 */
function linkedAfterUpdate(name: string, webhookUrl: string, found: RegistrationCheckFound, first = ''): string {
  return found.registrationChecked
    ? `(${first}linked; ${registrationCheckPassedWords(true)}).`
    : `(${first}linked). ${uncheckedUpdateWords(found.notInHistoryOf)} To send one now: "flowent-companion send ${name} --test --target ${redactUrlCredentials(webhookUrl)}".`;
}

/**
 * `register --here --json`: what the line says, as fields. With no check in the history, the
 * data folder searched is named as the line names it, under the key a failed registration
 * check's JSON gives it (`actions apply --json`), so a script knows which history to look in.
 */
export function registeredHereJson(done: RegisteredHere): string {
  return actionJson(done.action, { created: done.created, ...linkedFields(done) });
}

/** `update --here --json`: the action, with what updatedHereLine says of the link and the check. */
export function updatedHereJson(action: FlowentAction, found: RegistrationCheckFound): string {
  return actionJson(action, linkedFields(found));
}

function linkedFields(found: RegistrationCheckFound): Record<string, unknown> {
  const searched = found.registrationChecked ? {} : { notInHistoryOf: found.notInHistoryOf };
  return { linked: true, registrationChecked: found.registrationChecked, ...searched };
}

function profileNamed(state: AccountState, name: string): FlowentProfile | undefined {
  return state.profiles.find((profile) => profile.name === name);
}

/** What `actions profile` does: the list its refusal names, and its shell completion offers. */
export const PROFILE_SUBCOMMANDS = ['list', 'add', 'use', 'remove'] as const;
type ProfileSubcommand = (typeof PROFILE_SUBCOMMANDS)[number];
const isProfileSubcommand = (word: string | undefined): word is ProfileSubcommand =>
  (PROFILE_SUBCOMMANDS as readonly (string | undefined)[]).includes(word);

/** `actions profile list|add|use|remove`, checked before anything is opened. */
export function profileCommand(args: string[]): (runtime: Runtime) => Promise<number> {
  const [verb, name, url, ...extra] = args;
  if (!isProfileSubcommand(verb))
    throw new UsageError(
      verb === undefined
        ? `actions profile needs a subcommand: ${inList(PROFILE_SUBCOMMANDS)}.`
        : `unknown subcommand "${verb}": actions profile takes ${inList(PROFILE_SUBCOMMANDS)}.`,
    );
  const expect = (count: number, usage: string) => {
    if ([name, url].filter((value) => value !== undefined).length !== count || extra.length > 0)
      throw new UsageError(`usage: actions profile ${usage}`);
  };
  switch (verb) {
    case 'list':
      expect(0, 'list');
      return async ({ api, out, err, json }) => {
        const { profiles, activeProfile, defaultGateway } = await api.getAccount();
        for (const stored of profiles) {
          // A Gateway URL saved with credentials or a query before they were refused, or FLOWENT_BASE_URL's, is printed without them.
          const profile = { ...stored, baseUrl: printableGatewayUrl(stored.baseUrl) };
          const from = profile.name === DEFAULT_PROFILE ? defaultGateway : null;
          out(
            json
              ? JSON.stringify({
                  ...profile,
                  active: profile.name === activeProfile,
                  ...(from && { from: from.from, saved: from.saved && printableGatewayUrl(from.saved) }),
                })
              : `${profile.name === activeProfile ? '*' : ' '} ${profile.name}  ${profile.baseUrl}${from ? `  ${defaultGatewaySourceWords(from)}` : ''}`,
          );
        }
        // Listed as the Gateway that applies, FLOWENT_BASE_URL's may be one every other command
        // refuses: refused here too, in their words, so a script checking profiles sees it.
        const refused =
          defaultGateway.from === 'environment' ? gatewayUrlRefusal(defaultGateway.baseUrl, { variable: defaultGateway.variable }) : null;
        if (refused === null) return 0;
        err(`flowent-companion actions: ${inCliWords(refused)}`);
        return exitCodeOf(refused);
      };
    case 'add':
      expect(2, 'add <name> <gateway-url>');
      return async ({ api, out, err, json }) => {
        const saved = await api.saveProfile({ name: name ?? '', baseUrl: url ?? '' });
        if (!saved.ok) throw new UsageError(inCliWords(saved));
        const { defaultGateway } = saved.value;
        // The default profile's effective URL may be FLOWENT_BASE_URL's: say the one saved.
        const baseUrl = (name === DEFAULT_PROFILE ? defaultGateway.saved : profileNamed(saved.value, name ?? '')?.baseUrl) ?? url;
        const variable = apiTokenVariable(name ?? '');
        out(json ? JSON.stringify({ name, baseUrl, apiTokenVariable: variable }) : `${profileSavedWords(saved.value, name ?? '')}.`);
        if (name === DEFAULT_PROFILE && defaultGateway.from === 'environment') err(`Note: ${gatewayVariableWinsWords(defaultGateway)}`);
        err(`Its API token is read from ${variable} (never stored).`);
        return 0;
      };
    case 'use':
      expect(1, 'use <name>');
      return async ({ api, out, json }) => {
        const used = await api.setActiveProfile(name ?? '');
        if (!used.ok) throw new UsageError(inCliWords(used));
        const baseUrl = printableGatewayUrl(profileNamed(used.value, name ?? '')?.baseUrl ?? '');
        out(json ? JSON.stringify({ name, baseUrl, active: true }) : `${profileInUseWords(used.value, name ?? '')}.`);
        return 0;
      };
    case 'remove':
      expect(1, 'remove <name>');
      return async ({ api, out, err, json }) => {
        const removed = await api.deleteProfile(name ?? '');
        // No such profile is the state asked for: done, and said (the rule in exit-codes.ts).
        if (!removed.ok && removed.code === 'flowent-unknown-profile') {
          out(json ? JSON.stringify({ name, removed: false }) : `${noProfileRemovedWords(name ?? '')}.`);
          return EXIT.done;
        }
        if (!removed.ok) {
          err(`flowent-companion actions: ${inCliWords(removed)}`);
          return exitCodeOf(removed);
        }
        out(json ? JSON.stringify({ name, removed: true }) : `${profileRemovedWords(name ?? '')}.`);
        return 0;
      };
    default:
      return verb satisfies never;
  }
}

/** "a, b, c or d". */
const inList = (words: readonly string[]) => `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
