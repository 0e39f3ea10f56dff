import type { ApiMethod, CompanionApi } from '../../../contract/api';
import { ACTION_NAME_PATTERN } from '../../../contract/action-name';

/**
 * Checks one method's untrusted arguments: the narrowed arguments, or what is wrong with them
 * (the caller prefixes the method name).
 */
export type ArgsChecker = (args: unknown[]) => unknown[] | string;

/** One checker per method of a feature's part of the contract: the compiler sees none is missing. */
export type ArgsCheckers<Methods> = { [M in keyof Methods]: ArgsChecker };

export type CheckedArgs<M extends ApiMethod> = Parameters<CompanionApi[M]>;

export const MAX_SECRET_LENGTH = 1024;
export const MAX_URL_LENGTH = 2048;

export const noArguments: ArgsChecker = (args) => (args.length === 0 ? [] : 'takes no arguments.');

export function isActionName(value: unknown): value is string {
  return typeof value === 'string' && ACTION_NAME_PATTERN.test(value);
}

/** An action name, or null for "every action" (the default). */
export function isActionKey(value: unknown): value is string | null {
  return value === null || isActionName(value);
}

export function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

export function isSecret(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_SECRET_LENGTH;
}

export function isUrlOrNull(value: unknown): value is string | null {
  return value === null || (typeof value === 'string' && value.length <= MAX_URL_LENGTH);
}
