/** The code of a call that failed without a code of its own, over IPC and over the inspector's HTTP alike. */
export const INTERNAL_FAILURE = 'internal';

/**
 * What a page is told of an error a core method threw (not a failure the contract foresees,
 * which is a value): the error's own code where the core gave one (a full disk's SQLITE_FULL),
 * and its message, which says what happened there. Never the call's arguments, which may hold
 * secrets: the transports log the error and send this alone.
 */
export function thrownFailure(error: unknown): { code: string; message: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    code: typeof code === 'string' && code !== '' ? code : INTERNAL_FAILURE,
    message: error instanceof Error ? error.message : String(error),
  };
}
