/**
 * An error of the page's own code, as the sentence about it quotes it: with its kind
 * ("TypeError: l is not a function"), which says more in a report than the message alone.
 */
export function pageErrorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
