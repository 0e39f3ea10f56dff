import type {
  AccountFailure,
  AccountState,
  CompanionApi,
  DefaultGateway,
  FlowentAction,
  FlowentProfile,
  Result,
  Warned,
} from '../contract/api';
import { apiTokenVariable, DEFAULT_PROFILE } from '../core';
import { UsageError } from './args';
import { inCliWords } from './cli-words';

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
  return `${action.name}  ${action.webhook_url}  ${action.description}`;
}

/** Where the default profile's Gateway comes from, in words. */
function defaultSource(gateway: DefaultGateway): string {
  switch (gateway.from) {
    case 'environment':
      return gateway.saved
        ? `(from ${gateway.variable}; the saved ${gateway.saved} applies when it is unset)`
        : `(from ${gateway.variable})`;
    case 'saved':
      return `(saved; ${gateway.variable} wins when set)`;
    case 'built-in':
      return `(Flowent's public Gateway; ${gateway.variable} or "profile add default <url>" changes it)`;
    default:
      return gateway.from satisfies never;
  }
}

function profileNamed(state: AccountState, name: string): FlowentProfile | undefined {
  return state.profiles.find((profile) => profile.name === name);
}

/** `actions profile list|add|use|remove`, checked before anything is opened. */
export function profileCommand(args: string[]): (runtime: Runtime) => Promise<number> {
  const [verb, name, url, ...extra] = args;
  const expect = (count: number, usage: string) => {
    if ([name, url].filter((value) => value !== undefined).length !== count || extra.length > 0)
      throw new UsageError(`usage: actions profile ${usage}`);
  };
  switch (verb) {
    case 'list':
      expect(0, 'list');
      return async ({ api, out, json }) => {
        const { profiles, activeProfile, defaultGateway } = await api.getAccount();
        for (const profile of profiles) {
          const from = profile.name === DEFAULT_PROFILE ? defaultGateway : null;
          out(
            json
              ? JSON.stringify({ ...profile, active: profile.name === activeProfile, ...(from && { from: from.from, saved: from.saved }) })
              : `${profile.name === activeProfile ? '*' : ' '} ${profile.name}  ${profile.baseUrl}${from ? `  ${defaultSource(from)}` : ''}`,
          );
        }
        return 0;
      };
    case 'add':
      expect(2, 'add <name> <gateway-url>');
      return async ({ api, out, err }) => {
        const saved = await api.saveProfile({ name: name ?? '', baseUrl: url ?? '' });
        if (!saved.ok) throw new UsageError(inCliWords(saved));
        const profile = profileNamed(saved.value, name ?? '');
        out(`Profile ${name}: ${profile?.baseUrl ?? url}.`);
        const { defaultGateway } = saved.value;
        if (name === DEFAULT_PROFILE && defaultGateway.from === 'environment')
          err(`Note: ${defaultGateway.variable} is set (${defaultGateway.baseUrl}) and wins over the saved URL while it is.`);
        err(`Its API token is read from ${apiTokenVariable(name ?? '')} (never stored).`);
        return 0;
      };
    case 'use':
      expect(1, 'use <name>');
      return async ({ api, out }) => {
        const used = await api.setActiveProfile(name ?? '');
        if (!used.ok) throw new UsageError(inCliWords(used));
        out(`Active profile: ${name} (${profileNamed(used.value, name ?? '')?.baseUrl ?? ''}).`);
        return 0;
      };
    case 'remove':
      expect(1, 'remove <name>');
      return async ({ api, out, err }) => {
        const removed = await api.deleteProfile(name ?? '');
        if (removed.ok) out(`Removed profile ${name}.`);
        else if (removed.code === 'flowent-unknown-profile') out(`No stored profile named ${name}.`);
        else {
          err(`flowent-companion actions: ${inCliWords(removed)}`);
          return 1;
        }
        return 0;
      };
    default:
      throw new UsageError('actions profile needs list, add, use or remove.');
  }
}
