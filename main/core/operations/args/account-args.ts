import type { AccountMethods, ActionCreate, ActionUpdate, FlowentProfile } from '../../../contract/account';
import { isActionName, isPositiveInteger, isSecret, isUrlOrNull, MAX_URL_LENGTH, noArguments, type ArgsCheckers } from './predicates';

/** A schema is typed or pasted by hand: 256 KB is far more than any real one. */
const MAX_SCHEMA_TEXT = 256 * 1024;
/** Far above Flowent's own limits (name 100, description 500), so the core can say which was passed in words. */
const MAX_TEXT = 16 * 1024;
const PROFILE_NAME = /^[a-z0-9_-]{1,40}$/;
const FIELDS = ['name', 'description', 'webhook_url', 'json_schema'];

/**
 * Only shapes are checked here; Flowent's own rules (name pattern, lengths, URL, a valid JSON
 * Schema) are the core's checkAction, which answers every problem at once in words.
 */
export const accountArgs: ArgsCheckers<AccountMethods> = {
  getAccount: noArguments,
  connectFlowent: noArguments,
  listActions: noArguments,
  getAction: (args) => (args.length === 1 && isActionName(args[0]) ? [args[0]] : 'expects an action name.'),
  applyFollow: noArguments,
  saveProfile: (args) =>
    args.length === 1 && isProfile(args[0]) ? [{ name: args[0].name, baseUrl: args[0].baseUrl }] : 'expects a profile {name, baseUrl}.',
  deleteProfile: (args) => (args.length === 1 && isProfileName(args[0]) ? [args[0]] : 'expects a profile name.'),
  setActiveProfile: (args) => (args.length === 1 && isProfileName(args[0]) ? [args[0]] : 'expects a profile name.'),
  setFlowentApiToken: (args) =>
    args.length === 2 && isProfileName(args[0]) && isSecret(args[1])
      ? [args[0], args[1]]
      : 'expects a profile name and the API token as a non-empty string.',
  clearFlowentApiToken: (args) => (args.length === 1 && isProfileName(args[0]) ? [args[0]] : 'expects a profile name.'),
  checkAction: (args) => {
    if (args.length !== 2 || typeof args[1] !== 'boolean') return 'expects the action fields and true or false (an update).';
    const input = checkFields(args[0], true);
    return typeof input === 'string' ? input : [input, args[1]];
  },
  registerAction: (args) => {
    const input = args.length === 1 ? checkFields(args[0], false) : 'expects one action {name, description, webhook_url, json_schema}.';
    return typeof input === 'string' ? input : [input as ActionCreate];
  },
  updateAction: (args) => {
    if (args.length !== 2 || !isActionName(args[0]))
      return 'expects an action name and the changes {description, webhook_url, json_schema}.';
    const changes = checkFields(args[1], true);
    if (typeof changes === 'string') return changes;
    if (changes.name !== undefined) return 'an action cannot be renamed: register it under the new name and delete the old one.';
    return [args[0], changes as ActionUpdate];
  },
  deleteAction: (args) => (args.length === 1 && isActionName(args[0]) ? [args[0]] : 'expects an action name.'),
  registerHere: (args) =>
    args.length === 4 && isText(args[0]) && isText(args[1]) && isSchema(args[2]) && isUrlOrNull(args[3])
      ? [args[0], args[1], args[2], args[3]]
      : 'expects an action name, a description, its JSON Schema (an object) and a base URL (or null for the tunnel).',
  linkAction: (args) =>
    (args.length === 2 || args.length === 3) && isActionName(args[0]) && typeof args[1] === 'boolean' && isUrlOrNull(args[2] ?? null)
      ? [args[0], args[1], args[2] ?? null]
      : 'expects an action name, true or false (re-point it here) and a base URL (or null for the tunnel).',
  unlinkAction: (args) => (args.length === 1 && isActionName(args[0]) ? [args[0]] : 'expects an action name.'),
  setFollowMode: (args) => (args.length === 1 && (args[0] === 'auto' || args[0] === 'ask') ? [args[0]] : 'expects "auto" or "ask".'),
  checkParameters: (args) => (args.length === 1 && isPositiveInteger(args[0]) ? [args[0]] : 'expects one call id (a positive integer).'),
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isProfileName(value: unknown): value is string {
  return typeof value === 'string' && PROFILE_NAME.test(value);
}

function isProfile(value: unknown): value is FlowentProfile {
  return (
    isRecord(value) &&
    typeof value.name === 'string' &&
    value.name.length <= 40 &&
    typeof value.baseUrl === 'string' &&
    value.baseUrl.length <= MAX_URL_LENGTH
  );
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TEXT;
}

function isSchema(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && JSON.stringify(value).length <= MAX_SCHEMA_TEXT;
}

/** The action fields, each of the right type when present; `partial`: any may be missing. */
function checkFields(value: unknown, partial: boolean): Partial<ActionCreate> | string {
  if (!isRecord(value)) return 'expects the action fields {name, description, webhook_url, json_schema}.';
  const extra = Object.keys(value).find((key) => !FIELDS.includes(key));
  if (extra) return `unknown field "${extra}".`;
  const { name, description, webhook_url, json_schema } = value;
  if (name !== undefined && !isText(name)) return '"name" must be text.';
  if (description !== undefined && !isText(description)) return '"description" must be text.';
  if (webhook_url !== undefined && !isText(webhook_url)) return '"webhook_url" must be text (a URL).';
  if (json_schema !== undefined && !isSchema(json_schema)) return '"json_schema" must be a JSON object of at most 256 KB.';
  if (!partial && (name === undefined || description === undefined || webhook_url === undefined || json_schema === undefined)) {
    return 'expects every field: name, description, webhook_url and json_schema.';
  }
  return {
    ...(name !== undefined ? { name } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(webhook_url !== undefined ? { webhook_url } : {}),
    ...(json_schema !== undefined ? { json_schema } : {}),
  } as Partial<ActionCreate>;
}
