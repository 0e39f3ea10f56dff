/**
 * The Flowent account: profiles and their API tokens, the Gateway session, the
 * action registry, actions linked to this companion that follow the tunnel, and the check of
 * a call's parameters against its action's registered JSON Schema.
 */
import type { Result } from './result';
import type { SecretState } from './status';

/** A Flowent instance the user works with (e.g. staging, production). Never holds the token. */
export interface FlowentProfile {
  /** 1-40 lowercase letters, digits, `_` or `-`; "default" always exists. */
  name: string;
  /** The Gateway's base URL, e.g. https://api.flowent.chat/api/v1/gateway */
  baseUrl: string;
}

/** An action as Flowent's Gateway returns it. */
export interface FlowentAction {
  id: string;
  tenant_id: string;
  name: string;
  description: string;
  json_schema: Record<string, unknown>;
  webhook_url: string;
  created_at: string;
  updated_at: string;
}

/** Registering an action: every field is required. */
export interface ActionCreate {
  name: string;
  description: string;
  webhook_url: string;
  json_schema: Record<string, unknown>;
}

/** Updating an action: any of these. */
export type ActionUpdate = Partial<Omit<ActionCreate, 'name'>>;

/** A field Flowent would refuse, said the way the user fixes it. */
export interface FieldProblem {
  field: 'name' | 'description' | 'webhook_url' | 'json_schema';
  message: string;
}

/** What Flowent would say about an action before anything is sent. */
export interface ActionInputCheck {
  problems: FieldProblem[];
  /** Accepted by Flowent but worth saying (an http webhook_url for a production instance). */
  warnings: string[];
}

/** A Gateway answer that went through, with what is worth saying about it. */
export interface Warned<T> {
  value: T;
  warnings: string[];
}

/** An action registered with a webhook_url that reaches this companion. */
export interface LinkedAction {
  profile: string;
  action: string;
  webhookUrl: string;
  linkedAt: number;
}

/** A linked action whose webhook_url no longer reaches this companion. */
export interface StaleAction extends LinkedAction {
  message: string;
}

/** One action re-pointed (or to re-point) after the public URL changed. */
export interface FollowChange {
  profile: string;
  action: string;
  from: string;
  to: string;
  /** proposed: follow mode "ask", nothing sent yet. */
  outcome: 'updated' | 'failed' | 'proposed';
  message?: string;
}

export type FollowMode = 'auto' | 'ask';

/** What happened to linked actions after one change of the public URL. */
export interface FollowRecord {
  at: number;
  previous: string;
  current: string;
  mode: FollowMode;
  changes: FollowChange[];
}

/** The outcome of one "register against the companion", kept to show next to Flowent's registration check. */
export interface RegistrationRecord {
  profile: string;
  action: string;
  webhookUrl: string;
  /** When the request to Flowent was sent and when its answer came, ms since the epoch. */
  startedAt: number;
  finishedAt: number;
  ok: boolean;
  /** false: the action existed and was updated to point here. */
  created: boolean;
  /** Flowent's refusal in words, when it refused. */
  message: string | null;
}

export interface RegisteredHere {
  action: FlowentAction;
  created: boolean;
  webhookUrl: string;
}

/** Everything the account screen shows, for the active profile. */
export interface AccountState {
  profiles: FlowentProfile[];
  activeProfile: string;
  /** The active profile's API token (never its value). */
  apiToken: SecretState;
  /** Whether the API token can be set from the UI in this mode. */
  canSetApiToken: boolean;
  /** Where the user sets the token when the UI cannot, e.g. the FLOWENT_API_TOKEN_STAGING variable. */
  apiTokenHint: string;
  session: {
    /** When the current session token expires (ms since the epoch); null before the first exchange. */
    expiresAt: number | null;
    /** Why the last exchange failed, in words (e.g. "API token rejected: ..."), until one succeeds. */
    lastError: { code: string; message: string } | null;
  };
  /** Gateway requests sent from this machine in the last hour (Flowent limits them). */
  requestsThisHour: number;
  followMode: FollowMode;
  /** Linked actions of every profile. */
  links: LinkedAction[];
  /** Linked actions that no longer reach the companion (neither the public URL nor a LAN URL). */
  stale: StaleAction[];
  /** Newest first. */
  followHistory: FollowRecord[];
  /** Newest first, the last 20. */
  registrations: RegistrationRecord[];
}

/** How a call's parameters compare with its action's registered JSON Schema (cached, so offline too). */
export interface ParameterProblem {
  /** JSON path from the call body, e.g. `parameters.recipient`. */
  path: string;
  /** The schema keyword that failed: `required`, `type`, `format`, `enum`... */
  keyword: string;
  message: string;
}

export type ParameterCheck =
  /** `schemaFile`: checked against the open project's action file (e.g. actions/send_email.yaml), not Flowent's copy. */
  | { status: 'checked'; problems: ParameterProblem[]; schemaFetchedAt: number; schemaFile?: string }
  /** No schema cached for this action: list the actions from Flowent once (online). */
  | { status: 'no-schema'; problems: [] }
  | { status: 'bad-schema'; problems: []; message: string };

export interface AccountMethods {
  getAccount(): Promise<AccountState>;
  /** Adds or changes a profile (name, Gateway base URL). */
  saveProfile(profile: FlowentProfile): Promise<Result<AccountState>>;
  /** "default" cannot be deleted; deleting the active profile makes "default" active. */
  deleteProfile(name: string): Promise<Result<AccountState>>;
  setActiveProfile(name: string): Promise<Result<AccountState>>;
  /** The API token of a profile, kept in the OS keychain (desktop) or for this run (headless). */
  setFlowentApiToken(profile: string, token: string): Promise<Result<AccountState>>;
  clearFlowentApiToken(profile: string): Promise<Result<AccountState>>;
  /** Exchanges the active profile's API token for a session now (to test it and show the expiry). */
  connectFlowent(): Promise<Result<AccountState>>;

  listActions(): Promise<Result<Warned<FlowentAction[]>>>;
  /** One action as Flowent has it now (its schema is cached for the parameter check). */
  getAction(name: string): Promise<Result<Warned<FlowentAction>>>;
  /** Flowent's own validation, run locally: every problem at once, nothing sent. */
  checkAction(input: Partial<ActionCreate>, partial: boolean): Promise<ActionInputCheck>;
  registerAction(input: ActionCreate): Promise<Result<Warned<FlowentAction>>>;
  updateAction(name: string, changes: ActionUpdate): Promise<Result<Warned<FlowentAction>>>;
  deleteAction(name: string): Promise<Result<{ message: string }>>;
  /**
   * Registers (or updates) the action with webhook_url = `baseUrl` (null: the public tunnel URL)
   * + `/actions/<name>`, and links it. Flowent's registration check arrives while this waits.
   */
  registerHere(
    name: string,
    description: string,
    schema: Record<string, unknown>,
    baseUrl: string | null,
  ): Promise<Result<Warned<RegisteredHere>>>;
  /**
   * Links an existing action; with `repoint`, first points it at `baseUrl` + `/actions/<name>`
   * (absent or null: the public tunnel URL).
   */
  linkAction(name: string, repoint: boolean, baseUrl?: string | null): Promise<Result<Warned<LinkedAction>>>;
  unlinkAction(name: string): Promise<Result<{ unlinked: boolean }>>;
  /** auto: linked actions are re-pointed when the public URL changes; ask: they are proposed, see applyFollow. */
  setFollowMode(mode: FollowMode): Promise<Result<AccountState>>;
  /** Re-points the actions the newest "ask" record proposed (the one click). */
  applyFollow(): Promise<Result<FollowRecord>>;
  /** A call's parameters against its action's cached schema. */
  checkParameters(callId: number): Promise<Result<ParameterCheck>>;
}

export const ACCOUNT_METHOD_NAMES = [
  'getAccount',
  'saveProfile',
  'deleteProfile',
  'setActiveProfile',
  'setFlowentApiToken',
  'clearFlowentApiToken',
  'connectFlowent',
  'listActions',
  'getAction',
  'checkAction',
  'registerAction',
  'updateAction',
  'deleteAction',
  'registerHere',
  'linkAction',
  'unlinkAction',
  'setFollowMode',
  'applyFollow',
  'checkParameters',
] as const satisfies readonly (keyof AccountMethods)[];

export type AccountEvent =
  /** Profiles, tokens, the session, links or the follow mode changed: read getAccount again. */
  | { type: 'account-changed' }
  /** Linked actions were re-pointed (auto) or proposed (ask) after the public URL changed. */
  | { type: 'actions-followed'; record: FollowRecord }
  /** A "register against the companion" finished (Flowent's registration check came in before). */
  | { type: 'registration-finished'; record: RegistrationRecord };
