import {
  API_METHODS,
  MAX_PAGE_SIZE,
  VERDICTS,
  type ApiMethod,
  type CallFilter,
  type CallQuery,
  type CompanionApi,
  type StatusClass,
} from '../../contract/api';
import { ACTION_NAME_PATTERN } from '../http/routes';

/**
 * Arguments arriving from the renderer (over IPC or HTTP) are untrusted: each method's
 * arguments are narrowed here, once, for every transport.
 */
export type ArgsCheck<M extends ApiMethod> =
  | { ok: true; args: Parameters<CompanionApi[M]> }
  | { ok: false; message: string };

const STATUS_CLASSES: readonly StatusClass[] = ['2xx', '3xx', '4xx', '5xx'];
const MAX_KEY_LENGTH = 1024;
const MAX_TEXT_LENGTH = 1000;
/** A mock is a template, not a payload: 256 KB is far more than any real one. */
const MAX_MOCK_LENGTH = 256 * 1024;

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}

export function checkArgs<M extends ApiMethod>(method: M, args: unknown): ArgsCheck<M> {
  if (!Array.isArray(args)) return { ok: false, message: `${method}: arguments must be an array.` };
  const result = checkByMethod(method, args);
  return typeof result === 'string' ? { ok: false, message: `${method}: ${result}` } : { ok: true, args: result as Parameters<CompanionApi[M]> };
}

function checkByMethod(method: ApiMethod, args: unknown[]): unknown[] | string {
  switch (method) {
    case 'getStatus':
    case 'clearHmacKey':
    case 'clearHistory':
    case 'getRespondSettings':
    case 'openTunnel':
    case 'closeTunnel':
    case 'clearNgrokAuthtoken':
      return args.length === 0 ? [] : 'takes no arguments.';
    case 'checkMock':
      return args.length === 2 && isMockText(args[0]) && isMockFormat(args[1]) ? [args[0], args[1]] : `expects the mock as text (at most ${MAX_MOCK_LENGTH} characters) and "json" or "yaml".`;
    case 'setMock':
      return args.length === 3 && isActionKey(args[0]) && isMockText(args[1]) && isMockFormat(args[2])
        ? [args[0], args[1], args[2]]
        : `expects an action name (or null for every action), the mock as text and "json" or "yaml".`;
    case 'clearMock':
      return args.length === 1 && isActionKey(args[0]) ? [args[0]] : 'expects an action name, or null for the default.';
    case 'mockFromCall':
      return args.length === 1 && isPositiveInteger(args[0]) ? [args[0]] : 'expects one call id (a positive integer).';
    case 'setForwardTarget':
      return args.length === 2 && isActionKey(args[0]) && (args[1] === null || (typeof args[1] === 'string' && args[1].length <= 2048))
        ? [args[0], args[1]]
        : 'expects an action name (or null for every action) and a URL (or null to remove it).';
    case 'setRespondMode':
      return args.length === 2 && isActionKey(args[0]) && (args[1] === null || args[1] === 'mock' || args[1] === 'forward')
        ? [args[0], args[1]]
        : 'expects an action name (or null for every action) and "mock", "forward" or null.';
    case 'setNgrokAuthtoken':
      return typeof args[0] === 'string' && args[0].length > 0 && args[0].length <= MAX_KEY_LENGTH && args.length === 1
        ? [args[0]]
        : `expects the authtoken as a non-empty string of at most ${MAX_KEY_LENGTH} characters.`;
    case 'setListenOnAllInterfaces':
      return args.length === 1 && typeof args[0] === 'boolean' ? [args[0]] : 'expects true or false.';
    case 'replayCall':
      return args.length === 3 && isPositiveInteger(args[0]) && (args[1] === 'as-is' || args[1] === 'resign') && (args[2] === null || (typeof args[2] === 'string' && args[2].length <= 2048))
        ? [args[0], args[1], args[2]]
        : 'expects a call id (a positive integer), "as-is" or "resign", and a target URL (or null for the forwarding target).';
    case 'copyAsCurl':
      return args.length === 2 && isPositiveInteger(args[0]) && typeof args[1] === 'boolean' ? [args[0], args[1]] : 'expects a call id (a positive integer) and true or false (re-sign).';
    case 'listCalls': {
      const query = checkFilter(args[0], true);
      return typeof query === 'string' ? query : [query];
    }
    case 'getStats': {
      const filter = checkFilter(args[0], false);
      return typeof filter === 'string' ? filter : [filter];
    }
    case 'getCall':
      return isPositiveInteger(args[0]) && args.length === 1 ? [args[0]] : 'expects one call id (a positive integer).';
    case 'getSampleRequest':
      return typeof args[0] === 'string' && ACTION_NAME_PATTERN.test(args[0]) && args.length === 1
        ? [args[0]]
        : 'expects an action name of 1-100 lowercase letters, digits or underscores.';
    case 'setHmacKey':
      return typeof args[0] === 'string' && args[0].length > 0 && args[0].length <= MAX_KEY_LENGTH && args.length === 1
        ? [args[0]]
        : `expects the key as a non-empty string of at most ${MAX_KEY_LENGTH} characters.`;
    default: {
      const unknownMethod: never = method;
      return `unknown method ${String(unknownMethod)}.`;
    }
  }
}

function checkFilter(value: unknown, paged: boolean): CallQuery | string {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expects a filter object.';
  const input = value as Record<string, unknown>;
  const allowed = new Set(['action', 'verdict', 'statusClass', 'test', 'since', 'until', 'text', ...(paged ? ['limit', 'beforeId'] : [])]);
  const unknownKey = Object.keys(input).find((key) => !allowed.has(key));
  if (unknownKey) return `unknown filter field "${unknownKey}".`;
  const filter: CallQuery = {};
  if (input.action !== undefined) {
    if (typeof input.action !== 'string' || input.action.length > 100) return '"action" must be an action name.';
    filter.action = input.action;
  }
  if (input.verdict !== undefined) {
    if (!VERDICTS.includes(input.verdict as never)) return `"verdict" must be one of ${VERDICTS.join(', ')}.`;
    filter.verdict = input.verdict as CallFilter['verdict'];
  }
  if (input.statusClass !== undefined) {
    if (!STATUS_CLASSES.includes(input.statusClass as never)) return `"statusClass" must be one of ${STATUS_CLASSES.join(', ')}.`;
    filter.statusClass = input.statusClass as StatusClass;
  }
  if (input.test !== undefined) {
    if (typeof input.test !== 'boolean') return '"test" must be true or false.';
    filter.test = input.test;
  }
  for (const key of ['since', 'until'] as const) {
    if (input[key] === undefined) continue;
    if (typeof input[key] !== 'number' || !Number.isFinite(input[key])) return `"${key}" must be a time in milliseconds.`;
    filter[key] = input[key];
  }
  if (input.text !== undefined) {
    if (typeof input.text !== 'string' || input.text.length > MAX_TEXT_LENGTH) return `"text" must be a string of at most ${MAX_TEXT_LENGTH} characters.`;
    filter.text = input.text;
  }
  if (input.limit !== undefined) {
    if (!isPositiveInteger(input.limit) || input.limit > MAX_PAGE_SIZE) return `"limit" must be a whole number from 1 to ${MAX_PAGE_SIZE}.`;
    filter.limit = input.limit;
  }
  if (input.beforeId !== undefined) {
    if (!isPositiveInteger(input.beforeId)) return '"beforeId" must be a call id.';
    filter.beforeId = input.beforeId;
  }
  return filter;
}

function isActionKey(value: unknown): value is string | null {
  return value === null || (typeof value === 'string' && ACTION_NAME_PATTERN.test(value));
}

function isMockText(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_MOCK_LENGTH;
}

function isMockFormat(value: unknown): value is 'json' | 'yaml' {
  return value === 'json' || value === 'yaml';
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}
