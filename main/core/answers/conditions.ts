import { isDeepStrictEqual } from 'node:util';
import { parsePath, valueAt } from './json-path';
import type { Condition } from '../../contract/api';

/** Whether one condition holds for the call (the parsed body: action_name, parameters, ...). */
export function conditionHolds(condition: Condition, call: unknown): boolean {
  const parsed = parsePath(condition.path);
  if (!parsed.ok) return false;
  const value = valueAt(call, parsed.segments);
  switch (condition.op) {
    case 'exists':
      return (value !== undefined) === (condition.value !== false);
    case 'equals':
      return value !== undefined && isDeepStrictEqual(value, condition.value);
    case 'contains':
      if (typeof value === 'string') return typeof condition.value === 'string' && value.includes(condition.value);
      if (Array.isArray(value)) return value.some((item) => isDeepStrictEqual(item, condition.value));
      return false;
    case 'regex': {
      if (typeof value !== 'string' && typeof value !== 'number') return false;
      return compiledRegex(String(condition.value)).test(String(value));
    }
    default: {
      const unknownOp: never = condition.op;
      throw new Error(`unknown condition operator ${String(unknownOp)}`);
    }
  }
}

const regexCache = new Map<string, RegExp>();

/** Patterns were checked at set time; compiled once per pattern. */
export function compiledRegex(pattern: string): RegExp {
  let regex = regexCache.get(pattern);
  if (!regex) {
    if (regexCache.size > 1_000) regexCache.clear();
    regex = new RegExp(pattern, 'u');
    regexCache.set(pattern, regex);
  }
  return regex;
}
