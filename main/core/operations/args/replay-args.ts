import {
  MAX_BULK_CONCURRENCY,
  MAX_HAR_IMPORT_BYTES,
  MAX_SELECTION,
  type BulkReplayOptions,
  type CallSelection,
  type ReplayMethods,
  type SimulateRequest,
} from '../../../contract/api';
import { ACTION_NAME_RULE } from '../../protocol/facts';
import { isStyleName, STYLES } from '../../signature';
import { checkFilter } from './calls-args';
import { isActionName, isPositiveInteger, isUrlOrNull, noArguments, type ArgsCheckers } from './predicates';

/** Parameters and schemas are typed by hand: 256 KB is far more than any real one. */
const MAX_JSON_TEXT = 256 * 1024;

export const replayArgs: ArgsCheckers<ReplayMethods> = {
  replayCall: (args) =>
    args.length === 3 && isPositiveInteger(args[0]) && (args[1] === 'as-is' || args[1] === 'resign') && isUrlOrNull(args[2])
      ? [args[0], args[1], args[2]]
      : 'expects a call id (a positive integer), "as-is" or "resign", and a target URL (or null for the forwarding target).',
  replayEdited: (args) =>
    args.length === 3 && isPositiveInteger(args[0]) && isJsonText(args[1]) && isUrlOrNull(args[2])
      ? [args[0], args[1], args[2]]
      : `expects a call id, the new parameters as JSON text (at most ${MAX_JSON_TEXT} characters) and a target URL (or null).`,
  copyAsCurl: (args) =>
    args.length === 2 && isPositiveInteger(args[0]) && typeof args[1] === 'boolean'
      ? [args[0], args[1]]
      : 'expects a call id (a positive integer) and true or false (re-sign).',
  countReplayable: (args) => {
    const selection = args.length === 1 ? checkSelection(args[0]) : 'expects a selection ({ids} or {filter}).';
    return typeof selection === 'string' ? selection : [selection];
  },
  startBulkReplay: (args) => {
    if (args.length !== 2) return 'expects a selection ({ids} or {filter}) and options {concurrency, resign, target}.';
    const selection = checkSelection(args[0]);
    if (typeof selection === 'string') return selection;
    const options = checkBulkOptions(args[1]);
    return typeof options === 'string' ? options : [selection, options];
  },
  cancelBulkReplay: (args) =>
    args.length === 1 && typeof args[0] === 'string' && /^[\w-]{1,64}$/.test(args[0]) ? [args[0]] : 'expects a run id.',
  listBulkReplays: noArguments,
  getLearnedStyle: noArguments,
  listSimulatorActions: noArguments,
  saveSimulatorAction: (args) =>
    args.length === 2 && isActionName(args[0]) && (args[1] === null || isJsonText(args[1]))
      ? [args[0], args[1]]
      : `expects an action name (${ACTION_NAME_RULE}) and its JSON Schema as text (or null to remove it).`,
  generateParameters: (args) =>
    args.length === 2 && isActionName(args[0]) && isSeed(args[1])
      ? [args[0], args[1]]
      : 'expects an action name and a seed (a whole number).',
  simulateCall: (args) => {
    const request = args.length === 1 ? checkSimulateRequest(args[0]) : 'expects one request object.';
    return typeof request === 'string' ? request : [request];
  },
  exportHar: (args) => {
    const selection = args.length === 1 ? checkSelection(args[0]) : 'expects a selection ({ids} or {filter}).';
    return typeof selection === 'string' ? selection : [selection];
  },
  importHar: (args) =>
    args.length === 1 && (args[0] === null || (typeof args[0] === 'string' && args[0].length <= MAX_HAR_IMPORT_BYTES))
      ? [args[0]]
      : 'expects the HAR file as text (or null to choose the file in a dialog).',
};

function isJsonText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_JSON_TEXT;
}

function isStyleOrNull(value: unknown): value is string | null {
  return value === null || (typeof value === 'string' && isStyleName(value));
}

function isSeed(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(input: Record<string, unknown>, allowed: string[]): string | null {
  const extra = Object.keys(input).find((key) => !allowed.includes(key));
  return extra ? `unknown field "${extra}".` : null;
}

export function checkSelection(value: unknown): CallSelection | string {
  if (!isRecord(value)) return 'expects a selection: {ids: [...]} or {filter: {...}}.';
  if ('ids' in value) {
    const ids = value.ids;
    if (
      onlyKeys(value, ['ids']) ||
      !Array.isArray(ids) ||
      ids.length === 0 ||
      ids.length > MAX_SELECTION ||
      !ids.every(isPositiveInteger)
    ) {
      return `"ids" must be a list of 1-${MAX_SELECTION} call ids.`;
    }
    return { ids: [...ids] };
  }
  if (!('filter' in value) || onlyKeys(value, ['filter', 'limit'])) return 'expects a selection: {ids: [...]} or {filter: {...}, limit?}.';
  const filter = checkFilter(value.filter, false);
  if (typeof filter === 'string') return filter;
  const { limit } = value;
  if (limit === undefined) return { filter };
  if (!isPositiveInteger(limit) || limit > MAX_SELECTION) return `"limit" must be a whole number from 1 to ${MAX_SELECTION}.`;
  return { filter, limit };
}

function checkBulkOptions(value: unknown): BulkReplayOptions | string {
  if (!isRecord(value)) return 'expects options {concurrency, resign, target, parameters?, style?}.';
  const extra = onlyKeys(value, ['concurrency', 'resign', 'target', 'parameters', 'style']);
  if (extra) return extra;
  const { concurrency, resign, target, parameters = null, style = null } = value;
  if (!isPositiveInteger(concurrency) || concurrency > MAX_BULK_CONCURRENCY)
    return `"concurrency" must be a whole number from 1 to ${MAX_BULK_CONCURRENCY}.`;
  if (typeof resign !== 'boolean') return '"resign" must be true or false.';
  if (!isUrlOrNull(target)) return '"target" must be a URL or null.';
  if (parameters !== null && !isJsonText(parameters)) return '"parameters" must be JSON text or null.';
  if (!isStyleOrNull(style)) return `"style" must be one of ${STYLES.map((known) => known.name).join(', ')}, or null.`;
  return { concurrency, resign, target, parameters, style };
}

function checkSimulateRequest(value: unknown): SimulateRequest | string {
  if (!isRecord(value)) return 'expects a request {action, parameters, seed, test, target, schema?, style?}.';
  const extra = onlyKeys(value, ['action', 'parameters', 'seed', 'test', 'target', 'schema', 'style']);
  if (extra) return extra;
  const { action, parameters, seed, test, target, schema = null, style = null } = value;
  if (!isActionName(action)) return `"action" must be an action name of ${ACTION_NAME_RULE}.`;
  if (parameters !== null && !isJsonText(parameters)) return '"parameters" must be JSON text or null (generated).';
  if (!isSeed(seed)) return '"seed" must be a whole number.';
  if (typeof test !== 'boolean') return '"test" must be true or false.';
  if (!isUrlOrNull(target)) return '"target" must be a URL or null.';
  if (schema !== null && !isJsonText(schema)) return '"schema" must be JSON text or null (the action\'s known schema).';
  if (!isStyleOrNull(style)) return `"style" must be one of ${STYLES.map((known) => known.name).join(', ')}, or null.`;
  return { action, parameters, seed, test, target, schema, style };
}
