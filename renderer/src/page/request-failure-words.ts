import type { RequestError } from '../transport/request-error';
import { REQUEST_NOT_READ, requestRefusedWords } from '../../../main/contract/words';

/** The inspector's refusals of a request it could not read: no detail of theirs tells the person anything to do. */
const UNREADABLE_REQUEST = new Set(['unknown-method', 'method', 'content-type', 'bad-json']);

/**
 * Why a request failed, after a banner's "Could not …": the page's words for the refusals the
 * companion answers any request with, which no field is there to place (arguments it refused, a
 * request it could not read), and the companion's own message for the rest (a full disk, a
 * closed history), which says what happened there. Both bridges reject with the same code
 * (transport/request-error.ts), so the words are the same in the app and the browser inspector.
 */
export function requestFailureWords(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const { code, problem } = (error ?? {}) as Partial<RequestError>;
  if (typeof code === 'string' && UNREADABLE_REQUEST.has(code)) return REQUEST_NOT_READ;
  // The problem says which argument is wrong and how, without the method's name, which the person never sees anywhere else.
  if (code === 'invalid-arguments' && typeof problem === 'string') {
    return requestRefusedWords(problem);
  }
  return message;
}
