import type { AccountFailure, AccountMethods, AccountState, RegisteredHere, Warned } from '../../contract/account';
import type { Refused, Result } from '../../contract/api';
import type { Account } from '../account/account';
import { checkActionInput, isProductionGateway } from '../account/action-validation';
import type { FlowentResult } from '../account/types';
import { validateAgainstFile, validateAgainstSimulatorSchema, type FileSchemas } from '../account/parameter-check';
import type { CallsRepository } from '../store/calls-repository';

export interface AccountDeps {
  account: Account;
  calls: () => CallsRepository;
  /** The data folder whose history `calls` reads. */
  dataDir: string;
  /** The open project's schema for an action (its action file), which takes the place of Flowent's copy. */
  projectSchema: (action: string) => { path: string; schema: Record<string, unknown>; modifiedAt: number } | null;
  /** The schema defined in the simulator for an action: its calls are checked against it when Flowent has none. */
  simulatorSchema: (action: string) => Record<string, unknown> | null;
}

const noTunnel = (forRegistration: boolean): Refused<AccountFailure> => ({ ok: false, code: 'flowent-no-public-url', forRegistration });

/** The Flowent account: profiles, tokens, the session, the action registry, links and schemas. */
export function createAccountApi({ account, calls, dataDir, projectSchema, simulatorSchema }: AccountDeps): AccountMethods {
  const registry = account.registry;
  /** Action files and simulator schemas compiled so far (see FileSchemas). */
  const fileSchemas: FileSchemas = new Map();
  const state = (): Result<AccountState, AccountFailure> => ({ ok: true, value: account.state() });
  const gateway = async <T>(operation: () => Promise<FlowentResult<T>>): Promise<Result<Warned<T>, AccountFailure>> => {
    const result = await account.tracked(operation);
    return result.ok ? { ok: true, value: { value: result.value, warnings: result.warnings } } : result;
  };
  const changedAfter = <T>(result: Result<T, AccountFailure>): Result<T, AccountFailure> => {
    if (result.ok) account.changed();
    return result;
  };
  const withProfile = (name: string, change: () => Result<unknown, AccountFailure>): Result<AccountState, AccountFailure> => {
    if (!registry.profiles.get(name)) return registry.profiles.unknown(name);
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
      if (name === 'default') return { ok: false, code: 'flowent-default-profile' };
      if (!registry.profiles.get(name)) return registry.profiles.unknown(name);
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
      return connected.ok ? state() : connected;
    },
    listActions: async () => gateway(() => registry.list()),
    getAction: async (name) => gateway(() => registry.get(name)),
    checkAction: async (input, partial) =>
      checkActionInput(input, { partial, production: isProductionGateway(registry.profile().baseUrl) }),
    registerAction: async (input) => gateway(() => registry.register(input)),
    updateAction: async (name, changes, companionBase = null) =>
      changedAfter(await gateway(() => registry.update(name, changes, companionBase))),
    deleteAction: async (name) => {
      const deleted = await gateway(() => registry.delete(name));
      return deleted.ok ? changedAfter({ ok: true, value: deleted.value.value }) : deleted;
    },
    registerHere: async (name, description, schema, baseUrl) => {
      const base = baseUrl ?? account.publicUrl();
      if (!base) return noTunnel(true);
      const since = Date.now();
      const registered = await account.registerHere(name, description, schema, base);
      if (!registered.ok) return registered;
      const { value, warnings } = registered.value;
      // A check that reached a companion on this data folder is stored before it is answered:
      // when Flowent's answer to the update comes, the history already holds it. One that went
      // elsewhere (another data folder's companion, a handler) is not here to see.
      const checked = value.created || calls().list({ action: name, test: true, since, limit: 1 }).calls.length > 0;
      const done: RegisteredHere = checked
        ? { ...value, registrationChecked: true }
        : { ...value, registrationChecked: false, notInHistoryOf: dataDir };
      return { ok: true, value: { value: done, warnings } };
    },
    linkAction: async (name, repoint, baseUrl = null) => {
      const base = repoint ? (baseUrl ?? account.publicUrl()) : undefined;
      if (base === null) return noTunnel(false);
      return changedAfter(await gateway(() => registry.link(name, base, baseUrl)));
    },
    unlinkAction: async (name, profile) => {
      if (!registry.profiles.get(profile)) return registry.profiles.unknown(profile);
      const unlinked = registry.unlink(profile, name);
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
      if (!call) return { ok: false, code: 'call-not-found', id: callId };
      if (!call.action) return { ok: false, code: 'call-without-action', id: callId, wanted: 'parameter-check' };
      let body: unknown;
      try {
        body = JSON.parse(call.requestBody.toString('utf8'));
      } catch {
        return { ok: false, code: 'call-not-json', id: callId };
      }
      const parameters = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).parameters : undefined;
      const file = projectSchema(call.action);
      if (file) return { ok: true, value: validateAgainstFile(file, parameters ?? null, fileSchemas) };
      const defined = simulatorSchema(call.action);
      if (defined) return { ok: true, value: validateAgainstSimulatorSchema(call.action, defined, parameters ?? null, fileSchemas) };
      const cached = registry.validateParameters(call.action, parameters ?? null);
      if (cached) return { ok: true, value: cached };
      const profile = registry.profile().name;
      return {
        ok: true,
        value: {
          status: 'no-schema',
          problems: [],
          flowentAccount: account.tokenSource(profile) !== null,
          listedAt: registry.actionsListedAt(profile),
        },
      };
    },
  };
}
