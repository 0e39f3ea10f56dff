import { DEFAULT_LIMITS, LIMIT_RANGES, type HistoryLimits, type LimitName, type LimitsMethods } from '../../../contract/api';
import { noArguments, type ArgsCheckers } from './predicates';

const NAMES = Object.keys(DEFAULT_LIMITS) as LimitName[];

export const limitsArgs: ArgsCheckers<LimitsMethods> = {
  getLimits: noArguments,
  setLimits: (args) => {
    const limits = args.length === 1 ? checkLimits(args[0]) : 'expects one limits object.';
    return typeof limits === 'string' ? limits : [limits];
  },
};

/** Every limit named, each null (no limit) or a whole number in its range. */
function checkLimits(value: unknown): HistoryLimits | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'expects one limits object.';
  const given = value as Record<string, unknown>;
  const unknown = Object.keys(given).find((key) => !(NAMES as string[]).includes(key));
  if (unknown !== undefined) return `has no limit "${unknown}"; the limits are ${NAMES.join(', ')}.`;
  const limits = { ...DEFAULT_LIMITS };
  for (const name of NAMES) {
    const limit = given[name];
    const { min, max } = LIMIT_RANGES[name];
    if (limit === null) limits[name] = null;
    else if (typeof limit === 'number' && Number.isSafeInteger(limit) && limit >= min && limit <= max) limits[name] = limit;
    else return `"${name}" must be null (no limit) or a whole number from ${min} to ${max}.`;
  }
  return limits;
}
