import type { AccountMethods, AccountState, Warned } from '../../contract/account';
import type { Result } from '../../contract/api';
import type { Account } from '../account/account';
import { checkActionInput, isProductionGateway } from '../account/action-validation';
import type { FlowentResult } from '../account/types';
import { validateAgainstFile } from '../account/parameter-check';
import type { CallsRepository } from '../store/calls-repository';

export interface AccountDeps {
  account: Account;
  calls: () => CallsRepository;
  /** The open project's schema for an action (its action file), which takes the place of Flowent's copy. */
  projectSchema: (action: string) => { path: string; schema: Record<string, unknown>; modifiedAt: number } | null;
}

const NO_TUNNEL = 'The tunnel is not open, so Flowent has no public URL to call this companion at: open the tunnel first';
const noTunnel = (orLan: boolean) =>
  ({
    ok: false,
    code: 'flowent-no-public-url',
    message: `${NO_TUNNEL}${orLan ? ' (or register against a LAN URL such as http://192.168.1.20:8787).' : '.'}`,
  }) as const;

/** The Flowent account: profiles, tokens, the session, the action registry, links and schemas. */
export function createAccountApi({ account, calls, projectSchema }: AccountDeps): AccountMethods {
  const registry = account.registry;
  const state = (): Result<AccountState> => ({ ok: true, value: account.state() });
  const gateway = async <T>(operation: () => Promise<FlowentResult<T>>): Promise<Result<Warned<T>>> => {
    const result = await account.tracked(operation);
    return result.ok
      ? { ok: true, value: { value: result.value, warnings: result.warnings } }
      : { ok: false, code: result.code, message: result.message };
  };
  const changedAfter = <T>(result: Result<T>): Result<T> => {
    if (result.ok) account.changed();
    return result;
  };
  const withProfile = (name: string, change: () => Result<unknown>): Result<AccountState> => {
    if (!registry.profiles.get(name))
      return { ok: false, code: 'flowent-unknown-profile', message: `No Flowent profile named "${name}": add it first.` };
    const changed = change();
    if (!changed.ok) return changed;
    account.tokenChanged(name);
    return state();
  };

  return {
    getAccount: async () => account.state(),
    saveProfile: async (profile) => {
      const saved = registry.profiles.save(profile);
      if (!saved.ok) return saved;
      account.tokenChanged(saved.value.name);
      return state();
    },
    deleteProfile: async (name) => {
      if (name === 'default')
        return {
          ok: false,
          code: 'flowent-default-profile',
          message: 'The "default" profile cannot be deleted: change its Gateway URL instead.',
        };
      if (!registry.profiles.get(name))
        return { ok: false, code: 'flowent-unknown-profile', message: `No Flowent profile named "${name}".` };
      registry.profiles.remove(name);
      // A token kept for the profile (keychain or this run) goes with it; a variable stays.
      if (account.tokenSource(name) !== 'environment') account.setToken(name, null);
      account.tokenChanged(name);
      return state();
    },
    setActiveProfile: async (name) => {
      const set = registry.profiles.setActive(name);
      if (!set.ok) return set;
      account.changed();
      return state();
    },
    setFlowentApiToken: async (profile, token) => withProfile(profile, () => account.setToken(profile, token)),
    clearFlowentApiToken: async (profile) => withProfile(profile, () => account.setToken(profile, null)),
    connectFlowent: async () => {
      const connected = await account.tracked(() => registry.connect());
      return connected.ok ? state() : { ok: false, code: connected.code, message: connected.message };
    },
    listActions: async () => gateway(() => registry.list()),
    getAction: async (name) => gateway(() => registry.get(name)),
    checkAction: async (input, partial) =>
      checkActionInput(input, { partial, production: isProductionGateway(registry.profile().baseUrl) }),
    registerAction: async (input) => gateway(() => registry.register(input)),
    updateAction: async (name, changes) => changedAfter(await gateway(() => registry.update(name, changes))),
    deleteAction: async (name) => {
      const deleted = await gateway(() => registry.delete(name));
      return deleted.ok ? changedAfter({ ok: true, value: deleted.value.value }) : deleted;
    },
    registerHere: async (name, description, schema, baseUrl) => {
      const base = baseUrl ?? account.publicUrl();
      if (!base) return noTunnel(true);
      return account.registerHere(name, description, schema, base);
    },
    linkAction: async (name, repoint, baseUrl = null) => {
      const base = repoint ? (baseUrl ?? account.publicUrl()) : undefined;
      if (base === null) return noTunnel(false);
      return changedAfter(await gateway(() => registry.link(name, base)));
    },
    unlinkAction: async (name) => {
      const unlinked = registry.unlink(name);
      if (unlinked) account.changed();
      return { ok: true, value: { unlinked } };
    },
    setFollowMode: async (mode) => {
      account.setFollowMode(mode);
      return state();
    },
    applyFollow: async () => account.applyFollow(),
    checkParameters: async (callId) => {
      const call = calls().get(callId);
      if (!call)
        return { ok: false, code: 'call-not-found', message: `There is no call ${callId} in the history (it may have been cleared).` };
      if (!call.action)
        return {
          ok: false,
          code: 'call-without-action',
          message: `Call ${callId} names no action, so there is no schema to check it against.`,
        };
      let body: unknown;
      try {
        body = JSON.parse(call.requestBody.toString('utf8'));
      } catch {
        return { ok: false, code: 'call-not-json', message: `Call ${callId}'s body is not JSON, so its parameters cannot be checked.` };
      }
      const parameters = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).parameters : undefined;
      const file = projectSchema(call.action);
      if (file) return { ok: true, value: validateAgainstFile(file, parameters ?? null) };
      return { ok: true, value: registry.validateParameters(call.action, parameters ?? null) };
    },
  };
}
