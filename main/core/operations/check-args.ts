import type * as z from 'zod';
import { API_METHODS, type ApiMethod, type CompanionApi } from '../../contract/api';
import type { API_ARGUMENTS } from '../../contract/schemas';

/**
 * Arguments arriving from a page (over IPC or HTTP) are untrusted: each method's arguments are
 * checked here, once, for every transport, against the method's argument list in
 * main/contract/schemas, the same schemas the contract's parameter types are derived from.
 */
export type ArgsCheck<M extends ApiMethod> =
  | { ok: true; args: CheckedArgs<M> }
  /** `problem` says which argument or field is wrong and what it must be; `message` adds the method. */
  | { ok: false; code: 'invalid-arguments'; method: M; problem: string; message: string };

export type CheckedArgs<M extends ApiMethod> = z.output<(typeof API_ARGUMENTS)[M]>;

type Same<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
/** Compile-time proof that every method takes exactly what its argument list returns. */
type Drifted = { [M in ApiMethod]: Same<CheckedArgs<M>, Parameters<CompanionApi[M]>> extends true ? never : M }[ApiMethod];
const noMethodDrifted: [Drifted] extends [never] ? true : Drifted = true;
void noMethodDrifted;

let loading: Promise<typeof import('./argument-issues')> | undefined;

/** zod and the schemas load with the first call that is checked: starting a server does not wait for them. */
function argumentIssues(): Promise<typeof import('./argument-issues')> {
  return (loading ??= import('./argument-issues'));
}

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}

export async function checkArgs<M extends ApiMethod>(method: M, args: unknown): Promise<ArgsCheck<M>> {
  const parsed = (await argumentIssues()).parseArguments(method, args);
  if (!parsed.ok) return { ok: false, code: 'invalid-arguments', method, problem: parsed.problem, message: `${method}: ${parsed.problem}` };
  // The list of `method` returned them; TypeScript cannot follow that through the union of methods.
  return { ok: true, args: parsed.args as CheckedArgs<M> };
}
