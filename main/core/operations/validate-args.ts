import { API_METHODS, type ApiMethod, type CompanionApi } from '../../contract/api';
import { accountArgs } from './args/account-args';
import { answersArgs } from './args/answers-args';
import { callsArgs } from './args/calls-args';
import { handlersArgs } from './args/handlers-args';
import { limitsArgs } from './args/limits-args';
import type { ArgsCheckers, CheckedArgs } from './args/predicates';
import { projectArgs } from './args/project-args';
import { replayArgs } from './args/replay-args';
import { statusArgs } from './args/status-args';

/**
 * Arguments arriving from the renderer (over IPC or HTTP) are untrusted: each method's
 * arguments are narrowed here, once, for every transport. Each feature keeps its checkers
 * next to the others of its kind (./args); the type below makes a missing one a compile error.
 */
export type ArgsCheck<M extends ApiMethod> = { ok: true; args: CheckedArgs<M> } | { ok: false; message: string };

const CHECKERS: ArgsCheckers<CompanionApi> = {
  ...callsArgs,
  ...statusArgs,
  ...answersArgs,
  ...replayArgs,
  ...handlersArgs,
  ...accountArgs,
  ...limitsArgs,
  ...projectArgs,
};

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}

export function checkArgs<M extends ApiMethod>(method: M, args: unknown): ArgsCheck<M> {
  if (!Array.isArray(args)) return { ok: false, message: `${method}: arguments must be an array.` };
  const result = CHECKERS[method](args);
  return typeof result === 'string' ? { ok: false, message: `${method}: ${result}` } : { ok: true, args: result as CheckedArgs<M> };
}
