/**
 * The account part of the in-memory bridge (issue 7): it stands for the core's account
 * service and for Flowent's Gateway behind it, following main/contract/account.ts. Tokens are
 * judged but never kept in what the UI can read; the registration check really lands in the
 * history (as a stored call) while registerHere waits, as Flowent's does.
 */
import type {
  AccountFailure,
  Refused,
  AccountState,
  ActionCreate,
  ActionInputCheck,
  ActionUpdate,
  CallDetail,
  CoreEvent,
  CoreStatus,
  FieldProblem,
  FlowentAction,
  FlowentProfile,
  FollowChange,
  FollowMode,
  FollowRecord,
  LinkedAction,
  ParameterCheck,
  ParameterProblem,
  RegisteredHere,
  RegistrationRecord,
  Result,
  Warned,
} from '../../main/contract/api';
import { makeCall } from './fake-data';

/** What the account needs of the rest of the fake core. */
export interface FakeAccountHost {
  status(): CoreStatus;
  calls(): CallDetail[];
  record(method: string, args: unknown[]): void;
  refusal(method: string): Refusal | null;
  emit(events: CoreEvent[]): void;
  receive(...calls: CallDetail[]): void;
}

type Refusal = Refused<AccountFailure>;

const SESSION_MS = 60 * 60 * 1000;
export const REJECTED_TOKEN = 'revoked-token';

export class FakeAccount {
  profiles: FlowentProfile[] = [{ name: 'default', baseUrl: 'https://api.flowent.chat/api/v1/gateway' }];
  activeProfile = 'default';
  /** Which profiles have a token, and from where (the value itself is only judged, never kept). */
  tokens = new Map<string, { source: 'keychain' | 'environment'; rejected: boolean }>();
  canSetApiToken = true;
  session: AccountState['session'] = { expiresAt: null, lastError: null };
  requestsThisHour = 0;
  followMode: FollowMode = 'ask';
  links: LinkedAction[] = [];
  stale: AccountState['stale'] = [];
  followHistory: FollowRecord[] = [];
  registrations: RegistrationRecord[] = [];
  /** Flowent's actions, per profile. */
  actions = new Map<string, FlowentAction[]>();
  /** Schemas seen in a listing, per profile and action (the offline cache). */
  schemas = new Map<string, Record<string, unknown>>();
  /** While set, registerHere waits for it after the registration check arrived (to see the progress). */
  registrationGate: Promise<void> | null = null;
  /** The status the companion's answer to the registration check had; non-2xx fails the registration. */
  registrationCheckStatus = 200;
  now: () => number = Date.now;

  constructor(private readonly host: FakeAccountHost) {}

  private tokenVariable(): string {
    return this.activeProfile === 'default' ? 'FLOWENT_API_TOKEN' : `FLOWENT_API_TOKEN_${this.activeProfile.toUpperCase()}`;
  }

  state(): AccountState {
    const token = this.tokens.get(this.activeProfile);
    return structuredClone({
      profiles: this.profiles,
      activeProfile: this.activeProfile,
      apiToken: { set: token !== undefined, source: token?.source ?? null },
      canSetApiToken: this.canSetApiToken,
      apiTokenVariable: this.tokenVariable(),
      session: this.session,
      requestsThisHour: this.requestsThisHour,
      followMode: this.followMode,
      links: this.links,
      stale: this.stale,
      followHistory: this.followHistory,
      registrations: this.registrations,
    });
  }

  private begin(method: string, args: unknown[]): Refusal | null {
    this.host.record(method, args);
    return this.host.refusal(method);
  }

  private changed<T>(value: T): Result<T, AccountFailure> {
    this.host.emit([{ type: 'account-changed' }]);
    return { ok: true, value };
  }

  private mine(): FlowentAction[] {
    const list = this.actions.get(this.activeProfile) ?? [];
    this.actions.set(this.activeProfile, list);
    return list;
  }

  /** A Gateway request with a session: the token exchanged first when needed, as the core does. */
  private gateway(countRequest = true): Refusal | null {
    const token = this.tokens.get(this.activeProfile);
    if (!token) return { ok: false, code: 'flowent-no-api-token', profile: this.activeProfile, variable: this.tokenVariable() };
    if (token.rejected) {
      const rejected = { code: 'flowent-api-token-rejected', profile: this.activeProfile, variable: this.tokenVariable() } as const;
      this.session = { expiresAt: null, lastError: rejected };
      this.host.emit([{ type: 'account-changed' }]);
      return { ok: false, ...rejected };
    }
    if (this.session.expiresAt === null || this.session.expiresAt <= this.now()) {
      this.requestsThisHour += 1;
      this.session = { expiresAt: this.now() + SESSION_MS, lastError: null };
    }
    if (countRequest) this.requestsThisHour += 1;
    return null;
  }

  async getAccount(): Promise<AccountState> {
    this.host.record('getAccount', []);
    return this.state();
  }

  async saveProfile(profile: FlowentProfile): Promise<Result<AccountState, AccountFailure>> {
    const refused = this.begin('saveProfile', [profile]);
    if (refused) return refused;
    if (!/^[a-z0-9_-]{1,40}$/.test(profile.name)) return { ok: false, code: 'flowent-bad-profile', field: 'name', value: profile.name };
    if (!/^https?:\/\/[^\s/]+/.test(profile.baseUrl))
      return { ok: false, code: 'flowent-bad-profile', field: 'baseUrl', value: profile.baseUrl };
    this.profiles = [...this.profiles.filter((p) => p.name !== profile.name), profile];
    return this.changed(this.state());
  }

  async deleteProfile(name: string): Promise<Result<AccountState, AccountFailure>> {
    const refused = this.begin('deleteProfile', [name]);
    if (refused) return refused;
    if (name === 'default') return { ok: false, code: 'flowent-default-profile' };
    if (!this.profiles.some((p) => p.name === name))
      return { ok: false, code: 'flowent-unknown-profile', name, profiles: this.profiles.map((p) => p.name) };
    this.profiles = this.profiles.filter((p) => p.name !== name);
    this.tokens.delete(name);
    if (this.activeProfile === name) this.activeProfile = 'default';
    return this.changed(this.state());
  }

  async setActiveProfile(name: string): Promise<Result<AccountState, AccountFailure>> {
    const refused = this.begin('setActiveProfile', [name]);
    if (refused) return refused;
    if (!this.profiles.some((p) => p.name === name))
      return { ok: false, code: 'flowent-unknown-profile', name, profiles: this.profiles.map((p) => p.name) };
    this.activeProfile = name;
    this.session = { expiresAt: null, lastError: null };
    return this.changed(this.state());
  }

  async setFlowentApiToken(profile: string, token: string): Promise<Result<AccountState, AccountFailure>> {
    const refused = this.begin('setFlowentApiToken', [profile, token]);
    if (refused) return refused;
    if (!this.canSetApiToken) return { ok: false, code: 'secret-read-only', secret: 'api-token', profile, variable: this.tokenVariable() };
    if (token.trim() === '') return { ok: false, code: 'flowent-no-api-token', profile, variable: this.tokenVariable() };
    this.tokens.set(profile, { source: 'keychain', rejected: token === REJECTED_TOKEN });
    if (profile === this.activeProfile) this.session = { expiresAt: null, lastError: null };
    return this.changed(this.state());
  }

  async clearFlowentApiToken(profile: string): Promise<Result<AccountState, AccountFailure>> {
    const refused = this.begin('clearFlowentApiToken', [profile]);
    if (refused) return refused;
    this.tokens.delete(profile);
    if (profile === this.activeProfile) this.session = { expiresAt: null, lastError: null };
    return this.changed(this.state());
  }

  async connectFlowent(): Promise<Result<AccountState, AccountFailure>> {
    const refused = this.begin('connectFlowent', []) ?? this.gateway(false);
    if (refused) return refused;
    return this.changed(this.state());
  }

  async listActions(): Promise<Result<Warned<FlowentAction[]>, AccountFailure>> {
    const refused = this.begin('listActions', []) ?? this.gateway();
    if (refused) return refused;
    const list = [...this.mine()].sort((a, b) => a.name.localeCompare(b.name));
    for (const a of list) this.schemas.set(`${this.activeProfile}/${a.name}`, a.json_schema);
    return { ok: true, value: { value: structuredClone(list), warnings: [] } };
  }

  async getAction(name: string): Promise<Result<Warned<FlowentAction>, AccountFailure>> {
    const refused = this.begin('getAction', [name]) ?? this.gateway();
    if (refused) return refused;
    const action = this.mine().find((a) => a.name === name);
    if (!action) return { ok: false, code: 'flowent-action-not-found', status: 404, action: name, error: 'Action not found' };
    this.schemas.set(`${this.activeProfile}/${name}`, action.json_schema);
    return { ok: true, value: { value: structuredClone(action), warnings: [] } };
  }

  async checkAction(input: Partial<ActionCreate>, partial: boolean): Promise<ActionInputCheck> {
    this.host.record('checkAction', [input, partial]);
    return checkInput(input, partial);
  }

  private refuseInput(input: Partial<ActionCreate>, partial: boolean): Refusal | null {
    const { problems } = checkInput(input, partial);
    if (problems.length === 0) return null;
    return { ok: false, code: 'flowent-invalid-input', problems };
  }

  async registerAction(input: ActionCreate): Promise<Result<Warned<FlowentAction>, AccountFailure>> {
    const refused = this.begin('registerAction', [input]) ?? this.refuseInput(input, false) ?? this.gateway();
    if (refused) return refused;
    if (this.mine().some((a) => a.name === input.name))
      return { ok: false, code: 'flowent-action-exists', status: 409, action: input.name, error: 'Action already exists' };
    const action = this.newAction(input);
    this.mine().push(action);
    return { ok: true, value: { value: structuredClone(action), warnings: [] } };
  }

  async updateAction(name: string, changes: ActionUpdate): Promise<Result<Warned<FlowentAction>, AccountFailure>> {
    const refused = this.begin('updateAction', [name, changes]) ?? this.refuseInput(changes, true) ?? this.gateway();
    if (refused) return refused;
    const action = this.mine().find((a) => a.name === name);
    if (!action) return { ok: false, code: 'flowent-action-not-found', status: 404, action: name, error: 'Action not found' };
    Object.assign(action, changes, { updated_at: new Date(this.now()).toISOString() });
    return { ok: true, value: { value: structuredClone(action), warnings: [] } };
  }

  async deleteAction(name: string): Promise<Result<{ message: string }, AccountFailure>> {
    const refused = this.begin('deleteAction', [name]) ?? this.gateway();
    if (refused) return refused;
    if (!this.mine().some((a) => a.name === name))
      return { ok: false, code: 'flowent-action-not-found', status: 404, action: name, error: 'Action not found' };
    this.actions.set(
      this.activeProfile,
      this.mine().filter((a) => a.name !== name),
    );
    this.links = this.links.filter((l) => !(l.profile === this.activeProfile && l.action === name));
    this.host.emit([{ type: 'account-changed' }]);
    return { ok: true, value: { message: 'Action deleted successfully' } };
  }

  async registerHere(
    name: string,
    description: string,
    schema: Record<string, unknown>,
    baseUrl: string | null,
  ): Promise<Result<Warned<RegisteredHere>, AccountFailure>> {
    const refused = this.begin('registerHere', [name, description, schema, baseUrl]) ?? this.gateway();
    if (refused) return refused;
    const base = baseUrl ?? (this.host.status().tunnel.state === 'online' ? this.host.status().tunnel.url : null);
    if (!base) return { ok: false, code: 'flowent-no-public-url', forRegistration: true };
    const webhookUrl = `${base.replace(/\/+$/, '')}/actions/${name}`;
    const startedAt = this.now();
    // Flowent's registration check reaches the companion before Flowent answers.
    const id = Math.max(0, ...this.host.calls().map((c) => c.id)) + 1;
    const body = JSON.stringify({ action_name: name, parameters: {}, timestamp: Math.floor(startedAt / 1000), test: true });
    this.host.receive(
      makeCall({
        id,
        receivedAt: startedAt,
        path: `/actions/${name}`,
        action: name,
        test: true,
        verdict: 'unsigned-test',
        answeredBy: 'test-check',
        status: this.registrationCheckStatus,
        requestBody: body,
        requestBodyBase64: Buffer.from(body).toString('base64'),
        response: { status: this.registrationCheckStatus, headers: [], body: '{"result":"ok","error":""}' },
      }),
    );
    if (this.registrationGate) await this.registrationGate;
    const existing = this.mine().find((a) => a.name === name);
    const ok = this.registrationCheckStatus >= 200 && this.registrationCheckStatus < 300;
    const failure: Extract<AccountFailure, { code: 'flowent-registration-check-failed' }> | null = ok
      ? null
      : {
          code: 'flowent-registration-check-failed',
          status: 400,
          webhookUrl,
          said: `returned status ${this.registrationCheckStatus}`,
          error: 'Webhook test failed',
        };
    const record: RegistrationRecord = {
      profile: this.activeProfile,
      action: name,
      webhookUrl,
      startedAt,
      finishedAt: Math.max(this.now(), startedAt),
      ok,
      created: !existing,
      failure,
    };
    this.registrations = [record, ...this.registrations].slice(0, 20);
    this.host.emit([{ type: 'registration-finished', record }]);
    if (failure) return { ok: false, ...failure };
    const action = existing ?? this.newAction({ name, description, json_schema: schema, webhook_url: webhookUrl });
    Object.assign(action, { description, json_schema: schema, webhook_url: webhookUrl });
    if (!existing) this.mine().push(action);
    this.links = [
      ...this.links.filter((l) => !(l.profile === this.activeProfile && l.action === name)),
      { profile: this.activeProfile, action: name, webhookUrl, linkedAt: this.now() },
    ];
    this.host.emit([{ type: 'account-changed' }]);
    // Like Flowent's documented behaviour: the registration check runs when an action is created.
    return {
      ok: true,
      value: { value: { action: structuredClone(action), created: !existing, webhookUrl, registrationChecked: !existing }, warnings: [] },
    };
  }

  async linkAction(name: string, repoint: boolean): Promise<Result<Warned<LinkedAction>, AccountFailure>> {
    const refused = this.begin('linkAction', [name, repoint]) ?? this.gateway();
    if (refused) return refused;
    const action = this.mine().find((a) => a.name === name);
    if (!action) return { ok: false, code: 'flowent-action-not-found', status: 404, action: name, error: 'Action not found' };
    const link = { profile: this.activeProfile, action: name, webhookUrl: action.webhook_url, linkedAt: this.now() };
    this.links = [...this.links.filter((l) => !(l.profile === this.activeProfile && l.action === name)), link];
    this.host.emit([{ type: 'account-changed' }]);
    return { ok: true, value: { value: link, warnings: [] } };
  }

  async unlinkAction(name: string): Promise<Result<{ unlinked: boolean }, AccountFailure>> {
    const refused = this.begin('unlinkAction', [name]);
    if (refused) return refused;
    const before = this.links.length;
    this.links = this.links.filter((l) => !(l.profile === this.activeProfile && l.action === name));
    this.stale = this.stale.filter((l) => !(l.profile === this.activeProfile && l.action === name));
    return this.changed({ unlinked: this.links.length < before });
  }

  async setFollowMode(mode: FollowMode): Promise<Result<AccountState, AccountFailure>> {
    const refused = this.begin('setFollowMode', [mode]);
    if (refused) return refused;
    this.followMode = mode;
    return this.changed(this.state());
  }

  /** The public URL moved: linked actions are re-pointed (auto) or proposed (ask), as the core does. */
  followTunnel(previous: string, current: string): FollowRecord {
    const mode = this.followMode;
    const changes: FollowChange[] = this.links
      .filter((l) => l.webhookUrl.startsWith(previous))
      .map((l) => ({
        profile: l.profile,
        action: l.action,
        from: l.webhookUrl,
        to: current + l.webhookUrl.slice(previous.length),
        outcome: mode === 'auto' ? 'updated' : 'proposed',
      }));
    if (mode === 'auto') {
      // An action deleted on Flowent meanwhile cannot be re-pointed: Flowent answers 404.
      for (const c of changes) {
        if (this.actions.get(c.profile)?.some((a) => a.name === c.action)) continue;
        c.outcome = 'failed';
        c.failure = { code: 'flowent-action-not-found', status: 404, action: c.action, error: 'Action not found' };
      }
      this.repoint(changes.filter((c) => c.outcome === 'updated'));
    }
    const record: FollowRecord = { at: this.now(), previous, current, mode, changes };
    this.followHistory = [record, ...this.followHistory];
    this.host.emit([{ type: 'actions-followed', record: structuredClone(record) }, { type: 'account-changed' }]);
    return record;
  }

  private repoint(changes: { profile: string; action: string; to: string }[]): void {
    for (const c of changes) {
      const action = this.actions.get(c.profile)?.find((a) => a.name === c.action);
      if (action) action.webhook_url = c.to;
      this.links = this.links.map((l) => (l.profile === c.profile && l.action === c.action ? { ...l, webhookUrl: c.to } : l));
    }
  }

  async applyFollow(): Promise<Result<FollowRecord, AccountFailure>> {
    const refused = this.begin('applyFollow', []);
    if (refused) return refused;
    const newest = this.followHistory[0];
    const proposed = newest?.changes.filter((c) => c.outcome === 'proposed') ?? [];
    if (!newest || proposed.length === 0) return { ok: false, code: 'flowent-nothing-to-follow', previous: null };
    this.repoint(proposed);
    // As the core does: the re-pointing is a new "auto" record, announced like one.
    const record: FollowRecord = {
      ...newest,
      at: this.now() + 1,
      mode: 'auto',
      changes: proposed.map((c) => ({ ...c, outcome: 'updated' })),
    };
    this.followHistory = [record, ...this.followHistory];
    this.host.emit([{ type: 'actions-followed', record: structuredClone(record) }]);
    return this.changed(structuredClone(record));
  }

  async checkParameters(callId: number): Promise<Result<ParameterCheck, AccountFailure>> {
    const refused = this.begin('checkParameters', [callId]);
    if (refused) return refused;
    const call = this.host.calls().find((c) => c.id === callId);
    if (!call) return { ok: false, code: 'call-not-found', id: callId };
    if (!call.action) return { ok: false, code: 'call-without-action', id: callId, wanted: 'parameter-check' };
    const schema = this.schemas.get(`${this.activeProfile}/${call.action}`);
    if (!schema) return { ok: true, value: { status: 'no-schema', problems: [] } };
    let parameters: unknown;
    try {
      parameters = (JSON.parse(call.requestBody) as { parameters?: unknown }).parameters;
    } catch {
      parameters = undefined;
    }
    return { ok: true, value: { status: 'checked', problems: checkAgainst(schema, parameters, 'parameters'), schemaFetchedAt: 1 } };
  }

  private newAction(input: ActionCreate): FlowentAction {
    const at = new Date(this.now()).toISOString();
    return {
      id: `act-${this.activeProfile}-${input.name}`,
      tenant_id: 'tenant-1',
      ...structuredClone(input),
      created_at: at,
      updated_at: at,
    };
  }
}

/** Flowent's documented rules (name, description, webhook_url, json_schema), every problem at once. */
function checkInput(input: Partial<ActionCreate>, partial: boolean): ActionInputCheck {
  const problems: FieldProblem[] = [];
  const missing = (field: FieldProblem['field'], value: unknown) => {
    if (value !== undefined && value !== '') return false;
    if (!partial || value === '') problems.push({ field, message: `${field} is required.` });
    return true;
  };
  if (!missing('name', input.name) && !/^[a-z0-9_]{1,100}$/.test(input.name ?? '')) {
    problems.push({
      field: 'name',
      message: `"${input.name}" is not an action name: use 1-100 lowercase letters, digits or underscores (e.g. send_email).`,
    });
  }
  if (!missing('description', input.description) && (input.description ?? '').length > 500) {
    problems.push({ field: 'description', message: `description must be 1-500 characters (it has ${input.description?.length}).` });
  }
  if (!missing('webhook_url', input.webhook_url) && !/^https?:\/\/[^\s/]+/.test(input.webhook_url ?? '')) {
    problems.push({
      field: 'webhook_url',
      message: `webhook_url must be an absolute URL such as https://example.com/actions/send_email, not "${input.webhook_url}".`,
    });
  }
  if (!missing('json_schema', input.json_schema)) {
    const type = input.json_schema?.type;
    if (type !== undefined && !['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'].includes(String(type))) {
      problems.push({ field: 'json_schema', message: `json_schema is not a valid JSON Schema: "${String(type)}" is not a type.` });
    }
  }
  const warnings = input.webhook_url?.startsWith('http://') ? ['webhook_url uses http: Flowent in production calls https URLs only.'] : [];
  return { problems, warnings };
}

/** The part of JSON Schema the renderer tests need: required properties and primitive types. */
function checkAgainst(schema: Record<string, unknown>, value: unknown, path: string): ParameterProblem[] {
  const problems: ParameterProblem[] = [];
  const type = schema.type;
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  if (typeof type === 'string' && type !== actual && !(type === 'integer' && Number.isInteger(value))) {
    return [
      {
        path,
        keyword: 'type',
        message: `${path} should be ${type === 'object' || type === 'array' || type === 'integer' ? 'an' : 'a'} ${type}.`,
      },
    ];
  }
  if (actual !== 'object' || value === null) return problems;
  const record = value as Record<string, unknown>;
  for (const name of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
    if (!(name in record))
      problems.push({ path: `${path}.${name}`, keyword: 'required', message: `${path}.${name} is missing (the schema requires it).` });
  }
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  for (const [name, sub] of Object.entries(properties)) {
    if (name in record) problems.push(...checkAgainst(sub, record[name], `${path}.${name}`));
  }
  return problems;
}
