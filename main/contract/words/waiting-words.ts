/** What a forwarded call still waiting for the developer's handler is said to be doing (serve's line, the page's row). */
export const WAITING_FOR_HANDLER = 'waiting for your handler';

/**
 * The words of serve's line for a call still waiting (`calls --follow` prints the same line): where
 * it waits (`target`, as the line shows it), `waitedS` whole seconds so far, and the forward's
 * limit `limitMs` (its --forward-timeout), past which the wait ends.
 */
export function waitingAtWords(target: string, waitedS: number, limitMs: number): string {
  return `${WAITING_FOR_HANDLER} at ${target} (${waitedS} s so far, ${limitMs / 1000} s at most) ...`;
}

/** The whole of it, on the page's row: where it waits, and when it will be listed. */
export function waitingExplained(target: string): string {
  return `Forwarded to your handler at ${target}, which has not answered yet. The call is stored and listed when the handler answers or the forward's limit ends the wait.`;
}
