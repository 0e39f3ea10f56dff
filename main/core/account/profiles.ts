import type { DefaultGateway, FlowentProfile } from '../../contract/account';
import type { AccountFailure, Refused, Result } from '../../contract/api';
import { DEFAULT_PROFILE, gatewayUrlProblem, printableGatewayUrl, PROFILE_NAME } from '../../contract/profile-rules';
import { LinkStore } from './links';
import { SchemaCache } from './parameter-check';
import { RequestCounter } from './request-counter';
import { sessionSecret, type SecretSource } from '../secret-source';
import type { SettingsScope } from '../store/settings-repository';
import { DEFAULT_FLOWENT_BASE_URL, FLOWENT_API_TOKEN_ENV, FLOWENT_BASE_URL_ENV } from './types';

export type { DefaultGateway, FlowentProfile } from '../../contract/account';

/**
 * Where a Gateway URL being checked comes from: typed to be saved (null), the environment
 * variable it was read from, or the profile it was saved with (before the rules refused it, or
 * written into the settings by hand).
 */
export type GatewayUrlSource = { variable: string } | { savedProfile: string } | null;

/**
 * The refusal of a Gateway URL that is none (see gatewayUrlProblem), null for a good one. The
 * refusal repeats the URL without its password, query values and fragment: it is printed.
 */
export function gatewayUrlRefusal(baseUrl: string, source: GatewayUrlSource = null): Refused<AccountFailure> | null {
  const problem = gatewayUrlProblem(baseUrl);
  if (problem === null) return null;
  return {
    ok: false,
    code: 'flowent-bad-profile',
    field: 'baseUrl',
    value: printableGatewayUrl(baseUrl),
    ...source,
    ...(problem === 'credentials' ? { credentials: true } : {}),
    ...(problem === 'query' || problem === 'fragment' ? { extra: problem } : {}),
  };
}

/** Where each profile's API token comes from: the keychain in the desktop app, the environment headless. */
export type ProfileSecrets = (profile: string) => SecretSource;

/** The environment variable holding a profile's API token: FLOWENT_API_TOKEN, or FLOWENT_API_TOKEN_STAGING for "staging". */
export function apiTokenVariable(profile: string): string {
  return profile === DEFAULT_PROFILE ? FLOWENT_API_TOKEN_ENV : `${FLOWENT_API_TOKEN_ENV}_${profile.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * The headless command's tokens, one variable per profile. No fallback from a named profile
 * to FLOWENT_API_TOKEN: that would send one instance's token to another instance.
 */
export function environmentProfileSecrets(env: NodeJS.ProcessEnv): ProfileSecrets {
  const cache = new Map<string, SecretSource>();
  return (profile) => {
    let secret = cache.get(profile);
    if (!secret) cache.set(profile, (secret = sessionSecret(env, apiTokenVariable(profile))));
    return secret;
  };
}

/** Profiles stored in `settings` (`flowent.profiles`, `flowent.active-profile`). */
export class FlowentProfiles {
  constructor(
    private readonly settings: SettingsScope,
    private readonly env: NodeJS.ProcessEnv = {},
  ) {}

  /**
   * Stored profiles, with "default" first. The default profile's Gateway is FLOWENT_BASE_URL
   * when it is set (for this run, over a saved URL, as FLOWENT_API_TOKEN is), else the saved
   * one, else Flowent's public Gateway.
   */
  list(): FlowentProfile[] {
    const stored = this.settings.read<FlowentProfile[]>('profiles', []);
    const others = stored.filter((profile) => profile.name !== DEFAULT_PROFILE);
    return [{ name: DEFAULT_PROFILE, baseUrl: this.defaultGateway().baseUrl }, ...others];
  }

  /** Where the default profile's Gateway URL comes from, and the saved one (null when none is saved). */
  defaultGateway(): DefaultGateway {
    const saved = this.settings.read<FlowentProfile[]>('profiles', []).find((profile) => profile.name === DEFAULT_PROFILE) ?? null;
    const variable = this.env[FLOWENT_BASE_URL_ENV];
    const savedUrl = saved?.baseUrl ?? null;
    if (variable) return { baseUrl: variable.replace(/\/+$/, ''), from: 'environment', variable: FLOWENT_BASE_URL_ENV, saved: savedUrl };
    if (savedUrl) return { baseUrl: savedUrl, from: 'saved', variable: FLOWENT_BASE_URL_ENV, saved: savedUrl };
    return { baseUrl: DEFAULT_FLOWENT_BASE_URL, from: 'built-in', variable: FLOWENT_BASE_URL_ENV, saved: null };
  }

  get(name: string): FlowentProfile | null {
    return this.list().find((profile) => profile.name === name) ?? null;
  }

  activeName(): string {
    const name = this.settings.read<string>('active-profile', DEFAULT_PROFILE);
    return this.get(name) ? name : DEFAULT_PROFILE;
  }

  active(): FlowentProfile {
    return this.get(this.activeName()) ?? { name: DEFAULT_PROFILE, baseUrl: DEFAULT_FLOWENT_BASE_URL };
  }

  save(profile: FlowentProfile): Result<FlowentProfile, AccountFailure> {
    if (!PROFILE_NAME.test(profile.name)) return { ok: false, code: 'flowent-bad-profile', field: 'name', value: profile.name };
    const badUrl = gatewayUrlRefusal(profile.baseUrl);
    if (badUrl) return badUrl;
    const clean = { name: profile.name, baseUrl: profile.baseUrl.replace(/\/+$/, '') };
    const others = this.settings.read<FlowentProfile[]>('profiles', []).filter((stored) => stored.name !== clean.name);
    this.settings.write('profiles', [...others, clean]);
    return { ok: true, value: clean };
  }

  setActive(name: string): Result<FlowentProfile, AccountFailure> {
    const profile = this.get(name);
    if (!profile) return this.unknown(name);
    this.settings.write('active-profile', name);
    return { ok: true, value: profile };
  }

  /** The refusal for a profile that does not exist, with the ones that do. */
  unknown(name: string): Refused<AccountFailure> {
    return { ok: false, code: 'flowent-unknown-profile', name, profiles: this.list().map((profile) => profile.name) };
  }

  /**
   * Removes the profile with all the companion kept of it: cached schemas and listing time, its
   * actions' links and its Gateway request counts. A new profile of the same name starts
   * without them (links would be followed and said stale against another instance).
   */
  remove(name: string): Result<{ removed: boolean }, AccountFailure> {
    const stored = this.settings.read<FlowentProfile[]>('profiles', []);
    const kept = stored.filter((profile) => profile.name !== name);
    this.settings.write('profiles', kept);
    new SchemaCache(this.settings, name).clear();
    new LinkStore(this.settings).removeProfile(name);
    new RequestCounter(this.settings, name).clear();
    if (this.settings.read<string>('active-profile', DEFAULT_PROFILE) === name) this.settings.remove('active-profile');
    return { ok: true, value: { removed: kept.length !== stored.length } };
  }
}
