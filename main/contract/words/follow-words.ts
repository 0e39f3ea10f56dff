import type { ServeSeen } from '../project';
import { serveNamed } from './project-words';
import { WAITING_FOR_HANDLER } from './waiting-words';

/** What `calls --follow` says as it starts following (on stderr: with --json, stdout stays one call a line). */
export const FOLLOWING = 'Following: new calls are printed as they are stored. Press Ctrl-C to stop.';

/** What `calls --follow` says when any process clears the history (its calls start again from 1). */
export const HISTORY_CLEARED = 'The history was cleared.';

/** `calls --follow` started before the history exists, as a CI job's first step may be. */
export function noHistoryYet(dir: string): string {
  return `There is no history in ${dir} yet: waiting until serve, the app or another command creates it. Press Ctrl-C to stop.`;
}

/**
 * Why the waits of a companion running when a follow starts are not heard: they are heard from
 * a serve's inspector, which this one lacks. Said once, of each such companion.
 */
export function waitsUnheard(serve: Pick<ServeSeen, 'mode' | 'baseUrl'>): string {
  const why =
    serve.mode === 'desktop'
      ? 'it shows them in its window'
      : 'it runs without its inspector (--no-inspector), through which they are heard';
  return `Calls ${WAITING_FOR_HANDLER} in ${serveNamed(serve)} are printed once stored, not while they wait: ${why}.`;
}

/** After a wait's line while several companions run on the folder: which one holds the call. */
export function heldByMark(serve: Pick<ServeSeen, 'mode' | 'baseUrl'>): string {
  return `  (held by ${serveNamed(serve)})`;
}

/** The paragraph of `calls --help` on the waits --follow prints, and which filters they follow. */
export const FOLLOW_WAITS_HELP = `While serves run on the data folder, --follow also prints serve's line for each call
${WAITING_FOR_HANDLER} (heard from each serve's inspector, so none from a serve with
--no-inspector or from the app), naming the serve that holds it when several run; the call's
line follows when it is stored. Waits follow --action and --since, not the filters on how a
call ended.`;

/** How a wait is printed with --json, for the help of `--json`. */
export const FOLLOW_WAITS_JSON_HELP = `with --follow,
                     a call ${WAITING_FOR_HANDLER} is {waiting: true, receivedAt, action,
                     target, forwardTimeoutMs, serve} (serve: the webhook URL of the serve
                     that holds it)`;
