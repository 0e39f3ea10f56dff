/**
 * The Flowent account: profiles and their API tokens, the Gateway session, the
 * action registry, actions linked to this companion that follow the tunnel, and the check of
 * a call's parameters against its action's registered JSON Schema.
 */
import type { CallsFailure, SecretFailure, SecretState } from './shared';
import type { NetworkProblem } from './network';
import type * as z from 'zod';
import type { Result } from './result';
import type { accountArguments, actionCreate, actionUpdate, flowentProfile } from './schemas/account';
import type { AnsweredBy, FollowMode } from './names-and-limits';
import type { GatewayUrlExtra } from './profile-rules';
import type { ArgumentsOf } from './schemas/arguments';
/**
 * A refusal from Flowent's Gateway, by HTTP status: `error` and `details` are the Gateway's
 * own fields (empty when it sent none).
 */
export type GatewayFailure =
  /**
   * Flowent's registration check (a POST with `"test": true` to the webhook_url) failed; `said`:
   * how, in Flowent's words. `seen`: the check as this companion stored it, when it reached it;
   * `notInHistoryOf`: the data folder whose history was searched for it and held none (a companion
   * or serve on another data folder keeps the checks it answers in that folder's history);
   * `reach`: what this machine met connecting to the webhook_url when Flowent got no answer from it;
   * `ownTunnel`: the webhook_url is under `url`, a public URL this companion's tunnel had, and the
   * check never reached the companion through it, with `now` the URL its tunnel (or a serve's on
   * its data folder) is open at now, null when none is.
   */
  | {
      code: 'flowent-registration-check-failed';
      status: number;
      webhookUrl: string | null;
      said: string;
      error: string;
      details?: string;
      seen?: RegistrationCheckSeen;
      notInHistoryOf?: string;
      reach?: WebhookReach;
      ownTunnel?: { url: string; now: string | null };
    }
  | { code: 'flowent-bad-request'; status: number; action: string | null; error: string; details?: string }
  /** Still 401 after exchanging the API token again. */
  | { code: 'flowent-unauthorized'; status: number; error: string; details?: string }
  | { code: 'flowent-action-not-found'; status: number; action: string | null; error: string; details?: string }
  | { code: 'flowent-action-exists'; status: number; action: string | null; error: string; details?: string }
  | { code: 'flowent-rate-limited'; status: number; error: string; details?: string }
  | { code: 'flowent-server-error'; status: number; baseUrl: string; error: string; details?: string }
  | { code: 'flowent-unexpected'; status: number; baseUrl: string; error: string; details?: string };

/** Flowent's registration check as this companion stored it: who answered it, with what, and why. */
export interface RegistrationCheckSeen {
  callId: number;
  status: number;
  answeredBy: AnsweredBy;
  /** The action the URL names (`/actions/<name>`). */
  action: string | null;
  /** The body's `action_name` as written, when it is not the URL's action. */
  sentAction: string | null;
  /** Why the companion refused the request (`action-mismatch`...); null when it did not. */
  problem: string | null;
  /** Why forwarding to the handler gave no answer; null when it answered or nothing was forwarded. */
  forwardError: string | null;
}

/** Connecting to a webhook_url from this machine: it connected, or why it could not. */
export type WebhookReach = { connected: true } | { connected: false; problem: NetworkProblem };

/** The Gateway session could not be had: no token, a rejected one, or no usable Gateway. */
export type SessionFailure =
  | { code: 'flowent-no-api-token'; profile: string; variable: string }
  | { code: 'flowent-api-token-rejected'; profile: string; variable: string }
  | { code: 'flowent-exchange-failed'; status: number; baseUrl: string; error: string; details?: string }
  /** The Gateway answered 2xx without what it must send: a `jwt_token`, or an `action`. */
  | { code: 'flowent-bad-answer'; baseUrl: string; missing: 'jwt_token' | 'action'; status: number }
  /** No answer at all: refused, no such name, TLS, too slow... */
  | { code: 'flowent-unreachable'; baseUrl: string; problem: NetworkProblem };

/** Everything the account's methods can refuse. */
export type AccountFailure =
  | GatewayFailure
  | SessionFailure
  | SecretFailure
  | Exclude<CallsFailure, { code: 'call-without-answer' }>
  /** Flowent's own checks, run before anything is sent (each problem is said in the field's terms). */
  | { code: 'flowent-invalid-input'; problems: FieldProblem[] }
  | { code: 'flowent-nothing-to-update' }
  | { code: 'flowent-unknown-profile'; name: string; profiles: string[] }
  | { code: 'flowent-default-profile' }
  /**
   * A profile name or Gateway URL that is none; `variable`: the environment variable the URL was
   * read from (FLOWENT_BASE_URL); `savedProfile`: the profile it was saved with, refused when used
   * (saved before the rules refused it, or written by hand); `credentials`: the URL holds a user or password (`value` has them as ***);
   * `extra`: the URL has a query string or a fragment, which the Gateway's paths cannot follow
   * (`value` has the query's values and the fragment as ***).
   */
  | {
      code: 'flowent-bad-profile';
      field: 'name' | 'baseUrl';
      value: string;
      variable?: string;
      savedProfile?: string;
      credentials?: boolean;
      extra?: GatewayUrlExtra;
    }
  /** Registering or linking "here" without a URL: the tunnel is closed (`forRegistration`: a LAN URL would do too). */
  | { code: 'flowent-no-public-url'; forRegistration: boolean }
  /**
   * Linking without re-pointing an action whose webhook_url is under none of the URLs that reach
   * this companion (`companionUrls`: its public and local URLs, and those of serves on its data
   * folder): following the tunnel would take over someone else's handler URL. `profile`: the one the
   * link ran with; `profileInUse`: whether that is the profile in use (a `--profile` may name
   * another), for the fix-it to name it only where running it again without would go elsewhere.
   */
  | {
      code: 'flowent-action-elsewhere';
      action: string;
      webhookUrl: string;
      companionUrls: string[];
      profile: string;
      profileInUse: boolean;
    }
  /** Nothing waits to be re-pointed (`previous`: the old URL nothing points under any more; null: nothing proposed). */
  | { code: 'flowent-nothing-to-follow'; previous: string | null };

/** A Flowent instance the user works with (e.g. staging, production). Never holds the token. */
export type FlowentProfile = z.output<typeof flowentProfile>;

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
export type ActionCreate = z.output<typeof actionCreate>;

/** Updating an action: any of its fields but its name. */
export type ActionUpdate = z.output<typeof actionUpdate>;

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
  /** Flowent no longer has the action; absent while it does (or nothing has said otherwise). */
  gone?: LinkGone;
}

/**
 * How this companion learned Flowent no longer has a linked action: a whole list of the profile's
 * actions left it out, or Flowent answered 404 for it. Cleared when Flowent has it again
 * (registered again, or in a later list).
 */
export interface LinkGone {
  /** When it was found gone (ms since the epoch). */
  at: number;
  /** A change of the public URL has said it skipped the link: said once, not at every change. */
  followSaid: boolean;
}

/** One action re-pointed (or to re-point) after the public URL changed. */
export interface FollowChange {
  profile: string;
  action: string;
  from: string;
  to: string;
  /**
   * proposed: follow mode "ask", nothing sent yet; gone: Flowent no longer has the action, so it
   * was not re-pointed (said at the first change after it was found gone, then skipped quietly).
   */
  outcome: 'updated' | 'failed' | 'proposed' | 'gone';
  /** Why Flowent did not take the change, for `failed`. */
  failure?: AccountFailure;
}

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
  /** Why it failed, when it did. */
  failure: AccountFailure | null;
}

/** An action Flowent now calls at the companion's URL: registered there, or updated to point there. */
export interface PointedHere {
  action: FlowentAction;
  /** False when the action existed and was updated to point here. */
  created: boolean;
  webhookUrl: string;
}

/**
 * `registrationChecked`: Flowent's registration check is in this companion's history from the
 * request (and passed, or Flowent would have refused). Always so for a registration; on an
 * update only when Flowent checks again, which it does not document. When none is there,
 * `notInHistoryOf` is the data folder whose history was searched: a check may still have gone
 * to a companion on another data folder, or to a handler the webhook_url reaches directly.
 */
export type RegistrationCheckFound = { registrationChecked: true } | { registrationChecked: false; notInHistoryOf: string };

export type RegisteredHere = PointedHere & RegistrationCheckFound;

/** Where the default profile's Gateway URL comes from: FLOWENT_BASE_URL wins over a saved URL. */
export interface DefaultGateway {
  baseUrl: string;
  from: 'environment' | 'saved' | 'built-in';
  /** The variable that overrides it: FLOWENT_BASE_URL. */
  variable: string;
  /** The saved URL (used when the variable is unset), null when none is saved. */
  saved: string | null;
}

/** Everything the account screen shows, for the active profile. */
export interface AccountState {
  profiles: FlowentProfile[];
  defaultGateway: DefaultGateway;
  activeProfile: string;
  /** The active profile's API token (never its value). */
  apiToken: SecretState;
  /** Whether the API token can be set from the UI in this mode. */
  canSetApiToken: boolean;
  /** The environment variable the active profile's token can come from, e.g. FLOWENT_API_TOKEN_STAGING. */
  apiTokenVariable: string;
  session: {
    /** When the current session token expires (ms since the epoch); null before the first exchange. */
    expiresAt: number | null;
    /** Why the last exchange failed, until one succeeds. */
    lastError: AccountFailure | null;
  };
  /** Gateway requests sent from this machine in the last hour (Flowent limits them). */
  requestsThisHour: number;
  followMode: FollowMode;
  /** Linked actions of every profile. */
  links: LinkedAction[];
  /**
   * Linked actions that no longer reach the companion (neither the public URL nor a LAN URL), Flowent
   * still having them: each front end says so in staleLinksWords, with its own way to point them here.
   */
  stale: LinkedAction[];
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

/**
 * The schema a call's parameters were checked against, in the order they are looked for (the
 * simulator uses the same): the open project's action file (e.g. actions/send_email.yaml), the
 * one defined in the simulator (an action Flowent does not have yet, or a change to try before
 * registering it), the copy cached from Flowent. The developer's own copies come first: they
 * are what the next registration will send.
 */
export type CheckedSchema =
  { from: 'project'; file: string; savedAt: number } | { from: 'flowent'; fetchedAt: number } | { from: 'simulator' };

export type ParameterCheck =
  | { status: 'checked'; problems: ParameterProblem[]; schema: CheckedSchema }
  /**
   * No schema known for this action. `flowentAccount`: the active profile has an API token, so
   * listing the actions (online) caches the schema; without one, an account or a schema defined
   * in the simulator is what gives one. `listedAt`: when the profile's list of actions was last
   * fetched (ms since the epoch): with no schema cached since, the action was not in it; null
   * before the first listing.
   */
  | { status: 'no-schema'; problems: []; flowentAccount: boolean; listedAt: number | null }
  | { status: 'bad-schema'; problems: []; message: string };

type Args = ArgumentsOf<typeof accountArguments>;

export interface AccountMethods {
  getAccount(...args: Args['getAccount']): Promise<AccountState>;
  /** Adds or changes a profile (name, Gateway base URL). */
  saveProfile(...[profile]: Args['saveProfile']): Promise<Result<AccountState, AccountFailure>>;
  /** "default" cannot be deleted; deleting the active profile makes "default" active. */
  deleteProfile(...[name]: Args['deleteProfile']): Promise<Result<AccountState, AccountFailure>>;
  setActiveProfile(...[name]: Args['setActiveProfile']): Promise<Result<AccountState, AccountFailure>>;
  /** The API token of a profile, kept in the OS keychain (desktop) or for this run (headless). */
  setFlowentApiToken(...[profile, token]: Args['setFlowentApiToken']): Promise<Result<AccountState, AccountFailure>>;
  clearFlowentApiToken(...[profile]: Args['clearFlowentApiToken']): Promise<Result<AccountState, AccountFailure>>;
  /** Exchanges the active profile's API token for a session now (to test it and show the expiry). */
  connectFlowent(...args: Args['connectFlowent']): Promise<Result<AccountState, AccountFailure>>;

  listActions(...args: Args['listActions']): Promise<Result<Warned<FlowentAction[]>, AccountFailure>>;
  /** One action as Flowent has it now (its schema is cached for the parameter check). */
  getAction(...[name]: Args['getAction']): Promise<Result<Warned<FlowentAction>, AccountFailure>>;
  /** Flowent's own validation, run locally: every problem at once, nothing sent. */
  checkAction(...[input, partial]: Args['checkAction']): Promise<ActionInputCheck>;
  registerAction(...[input]: Args['registerAction']): Promise<Result<Warned<FlowentAction>, AccountFailure>>;
  /**
   * Changes the action on Flowent. A linked action given a webhook_url under none of the
   * companion's URLs, nor under `companionBase` (a URL the user gives as the companion's), is
   * unlinked (a warning says so): the tunnel would otherwise overwrite it.
   */
  updateAction(...[name, changes, companionBase]: Args['updateAction']): Promise<Result<Warned<FlowentAction>, AccountFailure>>;
  deleteAction(...[name]: Args['deleteAction']): Promise<Result<{ message: string }, AccountFailure>>;
  /**
   * Registers (or updates) the action with webhook_url = `baseUrl` (null: the public tunnel URL)
   * + `/actions/<name>`, and links it. Flowent's registration check arrives while this waits.
   */
  registerHere(...[name, description, schema, baseUrl]: Args['registerHere']): Promise<Result<Warned<RegisteredHere>, AccountFailure>>;
  /**
   * Links an existing action; with `repoint`, first points it at `baseUrl` + `/actions/<name>`
   * (absent or null: the public tunnel URL). Without `repoint`, its webhook_url must be under one
   * of the companion's URLs, or under `baseUrl` when given (a URL the user says reaches it).
   */
  linkAction(...[name, repoint, baseUrl]: Args['linkAction']): Promise<Result<Warned<LinkedAction>, AccountFailure>>;
  /**
   * Unlinks the profile's action, whichever profile is active: the Account tab lists every
   * profile's links, and a link Flowent no longer has is unlinked where it is listed.
   */
  unlinkAction(...[name, profile]: Args['unlinkAction']): Promise<Result<{ unlinked: boolean }, AccountFailure>>;
  /** auto: linked actions are re-pointed when the public URL changes; ask: they are proposed, see applyFollow. */
  setFollowMode(...[mode]: Args['setFollowMode']): Promise<Result<AccountState, AccountFailure>>;
  /** Re-points the actions the newest "ask" record proposed (the one click). */
  applyFollow(...args: Args['applyFollow']): Promise<Result<FollowRecord, AccountFailure>>;
  /** A call's parameters against its action's cached schema. */
  checkParameters(...[callId]: Args['checkParameters']): Promise<Result<ParameterCheck, AccountFailure>>;
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
