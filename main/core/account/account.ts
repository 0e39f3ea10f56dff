import type { AccountEvent, AccountState, FollowRecord, PointedHere, RegistrationRecord, Warned } from '../../contract/account';
import { failureOf, type AccountFailure, type CoreEvent, type FollowMode, type Result } from '../../contract/api';
import { canSetSecret, secretState, type SecretSource } from '../secret-source';
import { ActionRegistry } from './action-registry';
import { followTunnelEvents } from './follow-tunnel-events';
import { withCheckFacts, type CheckFactSources } from './registration-check-facts';
import { companionWebhookUrl } from './links';
import { apiTokenVariable, type ProfileSecrets } from './profiles';
import type { SettingsScope } from '../store/settings-repository';
import type { FetchLike } from './token-session';
import type { FlowentResult } from './types';

export const REGISTRATIONS_KEPT = 20;

/** Failures that say the session itself is broken (shown on the account screen until one succeeds). */
const SESSION_FAILURES = new Set([
  'flowent-no-api-token',
  'flowent-api-token-rejected',
  'flowent-exchange-failed',
  'flowent-unauthorized',
  'flowent-unreachable',
  'flowent-bad-answer',
]);

export interface AccountOptions {
  /**
   * The account's settings (profiles, links, cached schemas, the follow mode...), read on every
   * use from the store the core opened, so links written by another process count too.
   */
  settings: () => SettingsScope;
  /** Those settings as one text, to tell a change another process made to them (SettingsRepository.scopeText). */
  settingsText: () => string;
  /** Use this profile instead of the stored active one (`actions --profile`). */
  profile?: string;
  /** Each profile's API token: the keychain in the desktop app, FLOWENT_API_TOKEN[_PROFILE] headless. */
  secrets: ProfileSecrets;
  env?: NodeJS.ProcessEnv;
  fetch?: FetchLike;
  /** The open tunnel's public URL, or null. */
  publicUrl: () => string | null;
  /** Every other base URL that reaches the webhook server now (loopback, LAN). */
  localBaseUrls: () => string[];
  /** The webhook and public URLs of the serves running on this data folder (another process's). */
  servesBaseUrls: () => string[];
  /** Where a failed registration check's facts are found: the history, and a connection from this machine. */
  checkFacts?: CheckFactSources;
  emit: (event: AccountEvent) => void;
  subscribe: (listener: (event: CoreEvent) => void) => () => void;
  onError: (error: unknown) => void;
}

/**
 * The Flowent account: its action registry over the store's settings, the session's last
 * failure, the registration records, the follow mode, and linked actions that follow the
 * tunnel. Never holds a token itself.
 */
export class Account {
  readonly registry: ActionRegistry;
  private readonly lastErrors = new Map<string, AccountFailure>();
  private unsubscribe: (() => void)[] = [];
  /** The account's settings as last seen after another process wrote to the history (null: not looked at yet). */
  private settingsSeen: string | null = null;

  constructor(private readonly options: AccountOptions) {
    // The registry lives as long as the core; the store it reads through opens and closes with it.
    const settings: SettingsScope = {
      read: (key, fallback) => this.settings().read(key, fallback),
      write: (key, value) => this.settings().write(key, value),
      remove: (key) => this.settings().remove(key),
      keys: (prefix) => this.settings().keys(prefix),
      scrub: () => this.settings().scrub(),
    };
    this.registry = new ActionRegistry({
      settings,
      profile: options.profile,
      companionUrls: () => this.companionUrls(),
      profileSecret: options.secrets,
      env: options.env ?? {},
      fetch: options.fetch,
      onLinksChanged: () => this.changed(),
    });
  }

  /** Starts following the tunnel's events (once the store is open). */
  open(): void {
    if (this.unsubscribe.length > 0) return;
    this.unsubscribe = [
      followTunnelEvents(this.options.subscribe, this.registry, {
        mode: () => this.followMode(),
        onRecord: (record) => this.followed(record),
        onError: this.options.onError,
      }),
      // Which links are stale depends on the public URL: say so when it comes or goes.
      this.options.subscribe((event) => {
        if (event.type === 'tunnel-status' && this.registry.links.all().length > 0) this.changed();
      }),
    ];
  }

  close(): void {
    this.unsubscribe.splice(0).forEach((stop) => stop());
    this.settingsSeen = null;
  }

  state(): AccountState {
    const profile = this.registry.profile().name;
    const secret = this.options.secrets(profile);
    const links = this.registry.links.all();
    return {
      profiles: this.registry.profiles.list(),
      defaultGateway: this.registry.profiles.defaultGateway(),
      activeProfile: profile,
      apiToken: secretState(secret),
      canSetApiToken: canSetSecret(secret),
      apiTokenVariable: apiTokenVariable(profile),
      session: { expiresAt: this.registry.expiresAt(profile), lastError: this.lastErrors.get(profile) ?? null },
      requestsThisHour: this.registry.requestsThisHour(profile),
      followMode: this.followMode(),
      links,
      stale: this.registry.staleActions(this.companionUrls()),
      followHistory: this.registry.links.history(),
      registrations: this.settings().read<RegistrationRecord[]>('registrations', []),
    };
  }

  /** Every base URL that reaches this companion now, or a serve on its data folder: public, local, the serves'. */
  companionUrls(): string[] {
    const publicUrl = this.options.publicUrl();
    return [...new Set([...(publicUrl ? [publicUrl] : []), ...this.options.localBaseUrls(), ...this.options.servesBaseUrls()])];
  }

  followMode(): FollowMode {
    return this.settings().read<FollowMode>('follow-mode', 'ask') === 'auto' ? 'auto' : 'ask';
  }

  setFollowMode(mode: FollowMode): void {
    this.settings().write('follow-mode', mode);
    this.changed();
  }

  /**
   * Runs a Gateway operation of the active profile, keeping the session's last failure (or
   * clearing it) and telling the UI when the session changed.
   */
  async tracked<T>(operation: () => Promise<FlowentResult<T>>): Promise<FlowentResult<T>> {
    const profile = this.registry.profile().name;
    const lastError = () => JSON.stringify(this.lastErrors.get(profile) ?? null);
    const before = { expiresAt: this.registry.expiresAt(profile), error: lastError() };
    const since = Date.now();
    let result = await operation();
    if (!result.ok && result.code === 'flowent-registration-check-failed' && this.options.checkFacts)
      result = await withCheckFacts(result, since, this.options.checkFacts);
    if (!result.ok && SESSION_FAILURES.has(result.code)) this.lastErrors.set(profile, failureOf(result));
    else if (result.ok) this.lastErrors.delete(profile);
    if (before.expiresAt !== this.registry.expiresAt(profile) || before.error !== lastError()) this.changed();
    return result;
  }

  /** A profile's token changed: its session starts over. */
  tokenChanged(profile: string): void {
    this.registry.forgetSession(profile);
    this.lastErrors.delete(profile);
    this.changed();
  }

  /** Sets (or clears, with null) a profile's API token where this mode keeps it. */
  setToken(profile: string, token: string | null): Result<void, AccountFailure> {
    const secret = this.options.secrets(profile);
    const outcome = token === null ? secret.clear?.() : secret.set?.(token);
    return outcome ?? { ok: false, code: 'secret-read-only', secret: 'api-token', profile, variable: apiTokenVariable(profile) };
  }

  tokenSource(profile: string): SecretSource['source'] {
    return this.options.secrets(profile).source;
  }

  publicUrl(): string | null {
    return this.options.publicUrl();
  }

  /** Registers (or updates) the action to point here, links it, and keeps a record of the outcome. */
  async registerHere(
    name: string,
    description: string,
    schema: Record<string, unknown>,
    baseUrl: string,
  ): Promise<Result<Warned<PointedHere>, AccountFailure>> {
    const profile = this.registry.profile().name;
    const startedAt = Date.now();
    const result = await this.tracked(() => this.registry.registerHere(name, description, schema, baseUrl));
    const webhookUrl = companionWebhookUrl(baseUrl, name);
    const base = { profile, action: name, webhookUrl, startedAt, finishedAt: Date.now() };
    this.addRegistration(
      result.ok
        ? { ...base, ok: true, created: result.value.created, failure: null }
        : { ...base, ok: false, created: false, failure: failureOf(result) },
    );
    return result.ok ? { ok: true, value: { value: result.value, warnings: result.warnings } } : result;
  }

  /** Re-points what the newest "ask" record proposed, to the tunnel's URL now (it may have moved on). */
  async applyFollow(): Promise<Result<FollowRecord, AccountFailure>> {
    const newest = this.registry.links.history()[0];
    if (!newest || newest.mode !== 'ask' || newest.changes.length === 0)
      return { ok: false, code: 'flowent-nothing-to-follow', previous: null };
    const record = await this.registry.followTunnel({ previous: newest.previous, current: this.publicUrl() ?? newest.current }, 'auto');
    if (record.changes.length === 0) return { ok: false, code: 'flowent-nothing-to-follow', previous: newest.previous };
    this.followed(record);
    return { ok: true, value: record };
  }

  addRegistration(record: RegistrationRecord): void {
    const kept = this.settings().read<RegistrationRecord[]>('registrations', []);
    this.settings().write('registrations', [record, ...kept].slice(0, REGISTRATIONS_KEPT));
    this.options.emit({ type: 'registration-finished', record });
    this.changed();
  }

  followed(record: FollowRecord): void {
    if (record.changes.length === 0) return;
    this.options.emit({ type: 'actions-followed', record });
    this.changed();
  }

  changed(): void {
    // A change made here is seen: only one made by another process is told at its next commit.
    if (this.settingsSeen !== null) this.settingsSeen = this.options.settingsText();
    this.options.emit({ type: 'account-changed' });
  }

  /**
   * Another process wrote to the history (`actions link` in a terminal, another serve): when the
   * account's settings read otherwise than when last seen, the account is told changed, so an
   * open page reads it again. The first look only notes them.
   */
  noticeSettingsElsewhere(): void {
    const before = this.settingsSeen;
    this.settingsSeen = this.options.settingsText();
    if (before !== null && before !== this.settingsSeen) this.changed();
  }

  private settings(): SettingsScope {
    return this.options.settings();
  }
}
