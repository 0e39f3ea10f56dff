import { API_METHODS } from '../../../main/contract/api';

/** The desktop app's transport puts this before every error it carries from the companion. */
const IPC_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/;

/** Said when a reload should mend a request the companion cannot take from this page. */
const RELOAD =
  'Reload the page; if it happens again, the page and the companion may be of different versions: restart the companion, then reload.';

/** The inspector's refusals of a request it could not read: no detail of theirs tells the person anything to do. */
const UNREADABLE_REQUEST = new Set(['unknown-method', 'method', 'content-type', 'bad-json']);

/**
 * Why a request failed, after a banner's "Could not …": the page's words for the refusals the
 * companion answers any request with, which no field is there to place (arguments it refused, a
 * request it could not read), and the companion's own message for the rest (a full disk, a
 * closed history), which says what happened there.
 */
export function requestFailureWords(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(IPC_PREFIX, '');
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNREADABLE_REQUEST.has(code)) return `the companion could not read what this page asked. ${RELOAD}`;
  const refused = refusedArguments(code, message);
  if (refused !== null) return `the companion refused what this page asked for (${refused}). ${RELOAD}`;
  return message;
}

/**
 * The core's argument check says "<method>: <what is wrong>" (with the code `invalid-arguments`
 * over HTTP; the desktop app's transport carries the message alone): what is wrong, without the
 * method's name, which the person never sees anywhere else.
 */
function refusedArguments(code: unknown, message: string): string | null {
  const match = /^([A-Za-z]+): ([\s\S]+)$/.exec(message);
  if (!match || !(API_METHODS as readonly string[]).includes(match[1]!)) return null;
  return code === undefined || code === 'invalid-arguments' ? match[2]!.replace(/\.$/, '') : null;
}
