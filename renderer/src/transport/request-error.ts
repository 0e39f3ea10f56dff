import { unreachableWords } from '../../../main/contract/words';
import { UNREACHABLE } from './connection';

/**
 * The Error a bridge rejects with when the companion did not carry out a call, made the same
 * way over IPC and HTTP, so the page reads one `code` (and, for refused arguments, one
 * `problem`) whichever transport carried the answer.
 */
export type RequestError = Error & { code?: string; problem?: string };

export function requestError(message: string, code: unknown, problem: unknown): RequestError {
  const error: RequestError = new Error(message);
  if (typeof code === 'string') error.code = code;
  if (typeof problem === 'string') error.problem = problem;
  return error;
}

/** The request never reached the companion: said as such, with the code the page tells it apart by. */
export function unreachable(error: unknown): Error {
  return Object.assign(new Error(unreachableWords(describe(error)), { cause: error }), { code: UNREACHABLE });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
