import type { PointedHere } from '../../contract/account';
import type { FollowMode } from '../../contract/names-and-limits';
import { failureOf, type AccountFailure, type Result } from '../../contract/api';
import { isProductionGateway } from './action-validation';
import type { ActionListing } from './action-listing';
import { GatewayClient } from './gateway-client';
import { companionWebhookUrl, isUnder, LinkStore, type FollowChange, type FollowRecord, type LinkedAction } from './links';
import { SchemaCache, type SchemaCheck } from './parameter-check';
import { apiTokenVariable, FlowentProfiles, type FlowentProfile, type ProfileSecrets } from './profiles';
import { DEFAULT_PROFILE } from '../../contract/profile-rules';
import { RequestCounter } from './request-counter';
import type { SettingsScope } from '../store/settings-repository';
import { TokenSession, type FetchLike } from './token-session';
import type { ActionCreate, ActionUpdate, FlowentAction, FlowentResult } from './types';

export interface ActionRegistryOptions {
  settings: SettingsScope;
  /** Each profile's API token (keychain in the desktop app, FLOWENT_API_TOKEN[_NAME] headless). */
  profileSecret: ProfileSecrets;
  /** For the default profile's FLOWENT_BASE_URL. */
  env?: NodeJS.ProcessEnv;
  /** Use this profile instead of the stored active one (`--profile`). */
  profile?: string;
  /** Every base URL that reaches this companion now, or a serve on its data folder: what a link may point under. */
  companionUrls: () => string[];
  fetch?: FetchLike;
  now?: () => number;
  /** A link was marked gone or present again by what Flowent answered (to tell the page). */
  onLinksChanged?: () => void;
}

/**
 * The account's actions on Flowent's Gateway, one profile at a time: the session, the
 * registry's operations, actions linked to this companion, following the tunnel, schemas.
 */
export class ActionRegistry {
  readonly profiles: FlowentProfiles;
  readonly links: LinkStore;
  private readonly clients = new Map<string, { baseUrl: string; session: TokenSession; client: GatewayClient }>();
  private override: string | null;

  constructor(private readonly options: ActionRegistryOptions) {
    this.profiles = new FlowentProfiles(options.settings, options.env ?? {});
    this.links = new LinkStore(options.settings);
    this.override = options.profile ?? null;
  }

  /** The profile requests go to. */
  profile(): FlowentProfile {
    return (this.override ? this.profiles.get(this.override) : null) ?? this.profiles.active();
  }

  /** Checks a `--profile` name (or the stored active one) exists. */
  checkProfile(): Result<FlowentProfile, AccountFailure> {
    if (this.override && !this.profiles.get(this.override)) return this.profiles.unknown(this.override);
    return { ok: true, value: this.profile() };
  }

  /** When the current JWT of the profile expires (ms since the epoch), null before the first exchange. */
  expiresAt(profile = this.profile().name): number | null {
    return this.clients.get(profile)?.session.expiresAt ?? null;
  }

  /** Gateway requests counted from this machine in the last hour, for the profile. */
  requestsThisHour(profile = this.profile().name): number {
    return new RequestCounter(this.options.settings, profile, this.options.now).count();
  }

  client(profile = this.profile()): GatewayClient {
    return this.connection(profile).client;
  }

  /** Exchanges the profile's API token now (to test it and learn the expiry). */
  async connect(profile = this.profile()): Promise<FlowentResult<{ expiresAt: number | null }>> {
    const exchanged = await this.connection(profile).session.exchange();
    return exchanged.ok ? { ok: true, value: { expiresAt: this.expiresAt(profile.name) }, warnings: [] } : exchanged;
  }

  /** The profile's session and client, made again when its Gateway URL changed. */
  private connection(profile: FlowentProfile): { baseUrl: string; session: TokenSession; client: GatewayClient } {
    const existing = this.clients.get(profile.name);
    if (existing && existing.baseUrl === profile.baseUrl) return existing;
    const session = new TokenSession({
      baseUrl: profile.baseUrl,
      baseUrlVariable: this.baseUrlVariable(profile),
      profile: profile.name,
      variable: apiTokenVariable(profile.name),
      apiToken: this.options.profileSecret(profile.name),
      fetch: this.options.fetch,
      now: this.options.now,
    });
    const counter = new RequestCounter(this.options.settings, profile.name, this.options.now);
    const made = {
      baseUrl: profile.baseUrl,
      session,
      client: new GatewayClient({ baseUrl: profile.baseUrl, session, counter, fetch: this.options.fetch }),
    };
    this.clients.set(profile.name, made);
    return made;
  }

  /** The variable the profile's Gateway URL was read from: FLOWENT_BASE_URL for the default profile when it is set, else null. */
  private baseUrlVariable(profile: FlowentProfile): string | null {
    if (profile.name !== DEFAULT_PROFILE) return null;
    const gateway = this.profiles.defaultGateway();
    return gateway.from === 'environment' ? gateway.variable : null;
  }

  /** Drops the profile's session (its token changed): the next request exchanges again. */
  forgetSession(profile: string): void {
    this.clients.delete(profile);
  }

  /**
   * Lists the actions and refreshes their cached schemas; a whole list replaces them, so an
   * action deleted on Flowent by another client is no longer checked against its old schema.
   */
  async list(): Promise<FlowentResult<FlowentAction[]>> {
    const listed = await this.client().list();
    if (!listed.ok) return listed;
    this.schemas().rememberListing(listed.value);
    this.judgeLinks(listed.value);
    return { ...listed, value: listed.value.actions };
  }

  /**
   * The profile's links after a list: those it holds are present, and those a whole list leaves
   * out are marked gone. Marked, not dropped: the link keeps its URL and the user decides
   * (register it again, or unlink it), and a list that cannot be told partial would otherwise
   * lose links for good. Flowent documents no paging for `GET /actions`, but a list that says it
   * is partial (see readListing) judges only the actions it holds, as it prunes no schema.
   */
  private judgeLinks({ actions, complete }: ActionListing): void {
    const profile = this.profile().name;
    const listed = new Set(actions.map((action) => action.name));
    let changed = false;
    for (const link of this.links.forProfile(profile)) {
      if (listed.has(link.action)) changed = this.links.markPresent(profile, link.action) || changed;
      else if (complete) changed = this.links.markGone(profile, link.action, this.now()) || changed;
    }
    if (changed) this.options.onLinksChanged?.();
  }

  /** What Flowent answered about one action says whether a link to it is gone (404) or present (found). */
  private judgeLink<T>(profile: string, action: string, result: FlowentResult<T>): FlowentResult<T> {
    const changed = result.ok
      ? this.links.markPresent(profile, action)
      : result.code === 'flowent-action-not-found' && this.links.markGone(profile, action, this.now());
    if (changed) this.options.onLinksChanged?.();
    return result;
  }

  async get(name: string): Promise<FlowentResult<FlowentAction>> {
    return this.judgeLink(this.profile().name, name, this.remembered(await this.client().get(name)));
  }

  /**
   * Registers the action. A link to it (kept, marked gone, since it was deleted on Flowent) is
   * present again and follows the new webhook_url as an update's link does.
   */
  async register(input: ActionCreate, companionBase?: string | null): Promise<FlowentResult<FlowentAction>> {
    const registered = this.remembered(await this.client().register(input));
    return registered.ok ? this.relinked(input.name, registered, companionBase) : registered;
  }

  /**
   * Changes the action. A link follows its new webhook_url while that still reaches the
   * companion (under one of its URLs, or `companionBase`: a base URL the caller points it at as
   * the companion's); pointed elsewhere it is unlinked, or the tunnel would overwrite the URL.
   */
  async update(name: string, changes: ActionUpdate, companionBase?: string | null): Promise<FlowentResult<FlowentAction>> {
    const updated = this.judgeLink(this.profile().name, name, this.remembered(await this.client().update(name, changes)));
    if (!updated.ok || !changes.webhook_url) return updated;
    return this.relinked(name, updated, companionBase);
  }

  /**
   * A linked action Flowent now has at `updated`'s webhook_url: the link follows it while it reaches
   * the companion (its gone mark cleared), else it is unlinked, and a warning says so.
   */
  private relinked(
    name: string,
    updated: { ok: true; value: FlowentAction; warnings: string[] },
    companionBase?: string | null,
  ): FlowentResult<FlowentAction> {
    const link = this.links.find(this.profile().name, name);
    if (!link) return updated;
    const webhookUrl = updated.value.webhook_url;
    if (this.reachesCompanion(webhookUrl, companionBase)) {
      const { gone: _gone, ...present } = link;
      this.links.upsert({ ...present, webhookUrl });
      if (link.gone) this.options.onLinksChanged?.();
      return updated;
    }
    this.links.remove(link.profile, name);
    const unlinked = `${name} was linked to this companion; ${webhookUrl} is not one of its URLs, so it was unlinked and will not follow the tunnel.`;
    return { ...updated, warnings: [...updated.warnings, unlinked] };
  }

  /** True when `webhookUrl` is under one of the companion's URLs, or under `alsoBase`. */
  private reachesCompanion(webhookUrl: string, alsoBase?: string | null): boolean {
    return [...this.options.companionUrls(), ...(alsoBase ? [alsoBase] : [])].some((base) => isUnder(webhookUrl, base));
  }

  async delete(name: string): Promise<FlowentResult<{ message: string }>> {
    const deleted = await this.client().delete(name);
    if (deleted.ok) {
      this.schemas().forget(name);
      this.links.remove(this.profile().name, name);
    }
    return deleted;
  }

  /**
   * Registers `name` with webhook_url `<publicBaseUrl>/actions/<name>` (the tunnel or LAN URL
   * of this companion), or updates it when it already exists, and links it. Flowent's
   * registration check arrives at the companion's webhook server while this waits.
   */
  async registerHere(
    name: string,
    description: string,
    schema: Record<string, unknown>,
    publicBaseUrl: string,
  ): Promise<FlowentResult<PointedHere>> {
    const webhookUrl = companionWebhookUrl(publicBaseUrl, name);
    const warnings = this.reachabilityWarnings(publicBaseUrl);
    let created = true;
    let result = await this.register({ name, description, webhook_url: webhookUrl, json_schema: schema }, publicBaseUrl);
    if (!result.ok && result.code === 'flowent-action-exists') {
      created = false;
      result = await this.update(name, { description, webhook_url: webhookUrl, json_schema: schema }, publicBaseUrl);
    }
    if (!result.ok) return result;
    this.links.upsert({ profile: this.profile().name, action: name, webhookUrl: result.value.webhook_url, linkedAt: this.now() });
    return { ok: true, value: { action: result.value, created, webhookUrl }, warnings: [...warnings, ...result.warnings] };
  }

  /**
   * Links an action already on Flowent; with `publicBaseUrl`, re-points it here first. Without,
   * its webhook_url must already reach the companion (or be under `companionBase`), or following
   * the tunnel would take over someone else's handler URL.
   */
  async link(name: string, publicBaseUrl?: string, companionBase?: string | null): Promise<FlowentResult<LinkedAction>> {
    const action = publicBaseUrl
      ? await this.update(name, { webhook_url: companionWebhookUrl(publicBaseUrl, name) }, publicBaseUrl)
      : await this.get(name);
    if (!action.ok) return action;
    if (!publicBaseUrl && !this.reachesCompanion(action.value.webhook_url, companionBase)) {
      const companionUrls = [...new Set(this.options.companionUrls())];
      const profile = this.profile().name;
      const profileInUse = profile === this.profiles.active().name;
      return {
        ok: false,
        code: 'flowent-action-elsewhere',
        action: name,
        webhookUrl: action.value.webhook_url,
        companionUrls,
        profile,
        profileInUse,
      };
    }
    const link = { profile: this.profile().name, action: name, webhookUrl: action.value.webhook_url, linkedAt: this.now() };
    this.links.upsert(link);
    return {
      ok: true,
      value: link,
      warnings: publicBaseUrl ? [...this.reachabilityWarnings(publicBaseUrl), ...action.warnings] : action.warnings,
    };
  }

  unlink(profile: string, name: string): boolean {
    return this.links.remove(profile, name);
  }

  /**
   * After the tunnel came back with another URL: linked actions (every profile) whose
   * webhook_url is under `previous` are re-pointed under `current` (`auto`), or only listed
   * (`ask`, for the UI to confirm with mode `auto`). The record is kept in a history of 50.
   */
  async followTunnel(change: { previous: string; current: string }, mode: FollowMode): Promise<FollowRecord> {
    const changes: FollowChange[] = [];
    for (const link of this.links.all()) {
      if (!isUnder(link.webhookUrl, change.previous)) continue;
      const to = change.current.replace(/\/+$/, '') + link.webhookUrl.slice(change.previous.replace(/\/+$/, '').length);
      const base = { profile: link.profile, action: link.action, from: link.webhookUrl, to };
      // Flowent no longer has it: nothing to re-point, said at the first change only.
      if (link.gone) {
        if (this.links.markGone(link.profile, link.action, link.gone.at, true)) changes.push({ ...base, outcome: 'gone' });
        continue;
      }
      if (mode === 'ask') {
        changes.push({ ...base, outcome: 'proposed' });
        continue;
      }
      const profile = this.profiles.get(link.profile);
      const updated = profile ? await this.client(profile).update(link.action, { webhook_url: to }) : this.profiles.unknown(link.profile);
      if (updated.ok) this.links.upsert({ ...link, webhookUrl: updated.value.webhook_url });
      // A 404 says the action is gone: the link is marked so (and this change says it), not retried at every change.
      if (!updated.ok && updated.code === 'flowent-action-not-found' && this.links.markGone(link.profile, link.action, this.now(), true))
        changes.push({ ...base, outcome: 'gone' });
      else changes.push(updated.ok ? { ...base, outcome: 'updated' } : { ...base, outcome: 'failed', failure: failureOf(updated) });
    }
    const record: FollowRecord = { at: this.now(), previous: change.previous, current: change.current, mode, changes };
    if (changes.length > 0) this.links.addHistory(record);
    return record;
  }

  /**
   * Linked actions whose webhook_url is under none of the URLs that reach the companion now;
   * not those Flowent no longer has, which no URL would bring calls from.
   */
  staleActions(currentBaseUrls: string[]): LinkedAction[] {
    return this.links.all().filter((link) => !link.gone && !currentBaseUrls.some((base) => isUnder(link.webhookUrl, base)));
  }

  /** Checks a call's parameters against the action's cached schema (works offline). */
  validateParameters(action: string, parameters: unknown, profile = this.profile().name): SchemaCheck | null {
    return new SchemaCache(this.options.settings, profile, this.options.now).validate(action, parameters);
  }

  /** When the profile's list of actions was last fetched; null before the first listing. */
  actionsListedAt(profile = this.profile().name): number | null {
    return new SchemaCache(this.options.settings, profile, this.options.now).listedAt();
  }

  private schemas(): SchemaCache {
    return new SchemaCache(this.options.settings, this.profile().name, this.options.now);
  }

  private remembered(result: FlowentResult<FlowentAction>): FlowentResult<FlowentAction> {
    if (result.ok) this.schemas().remember([result.value]);
    return result;
  }

  private reachabilityWarnings(publicBaseUrl: string): string[] {
    const local = !isProductionGateway(publicBaseUrl);
    if (local && isProductionGateway(this.profile().baseUrl)) {
      return [
        `${publicBaseUrl} is this machine's loopback address: Flowent in the cloud cannot call it. Open a tunnel and use its public URL.`,
      ];
    }
    return [];
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
