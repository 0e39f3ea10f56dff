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
