import {
  CALL_SOURCES,
  MAX_PAGE_SIZE,
  VERDICTS,
  type CallFilter,
  type CallQuery,
  type CallsMethods,
  type StatusClass,
} from '../../../contract/api';
import { ACTION_NAME_RULE } from '../../../contract/action-name';
import { isActionName, isPositiveInteger, noArguments, type ArgsCheckers } from './predicates';

const STATUS_CLASSES: readonly StatusClass[] = ['2xx', '3xx', '4xx', '5xx'];
const MAX_TEXT_LENGTH = 1000;

export const callsArgs: ArgsCheckers<CallsMethods> = {
  listCalls: (args) => {
    const query = checkFilter(args[0], true);
    return typeof query === 'string' ? query : [query];
  },
  getStats: (args) => {
    const filter = checkFilter(args[0], false);
    return typeof filter === 'string' ? filter : [filter];
  },
  getCall: (args) => (args.length === 1 && isPositiveInteger(args[0]) ? [args[0]] : 'expects one call id (a positive integer).'),
  getSampleRequest: (args) => (args.length === 1 && isActionName(args[0]) ? [args[0]] : `expects an action name of ${ACTION_NAME_RULE}.`),
  clearHistory: noArguments,
};

/** A history filter (and, when `paged`, the page fields), field by field. */
export function checkFilter(value: unknown, paged: boolean): CallQuery | string {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expects a filter object.';
  const input = value as Record<string, unknown>;
  const allowed = new Set([
    'action',
    'verdict',
    'statusClass',
    'test',
    'since',
    'until',
    'text',
    'source',
    ...(paged ? ['limit', 'beforeId'] : []),
  ]);
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
    if (typeof input.text !== 'string' || input.text.length > MAX_TEXT_LENGTH)
      return `"text" must be a string of at most ${MAX_TEXT_LENGTH} characters.`;
    filter.text = input.text;
  }
  if (input.source !== undefined) {
    if (!CALL_SOURCES.includes(input.source as never)) return `"source" must be one of ${CALL_SOURCES.join(', ')}.`;
    filter.source = input.source as CallFilter['source'];
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
