/**
 * What the page says when it loses the companion: the banner that stands for every request the
 * lost connection broke, with how to bring the companion back, and the error a request that never
 * reached it rejects with (which the banner quotes as the last one failed).
 */
import type { CodePart } from './code-parts';

/** The banner's heading: the page is reconnecting, or has given up for now. */
export function connectionLostHeading(reconnecting: boolean): string {
  return reconnecting ? 'Connection to the companion lost: reconnecting…' : 'Cannot reach the companion.';
}

/**
 * How to bring back a serve that was stopped, `command` (which starts the same companion) as
 * code; `known`: the page read the companion's status, so the command names its folder and port.
 */
export function startServeAgainParts(command: string, known: boolean): CodePart[] {
  return [
    { text: 'If it was stopped, start ' },
    { code: command },
    {
      text: ` again${known ? '' : ' (on the same data folder and webhook port)'}: this page reconnects by itself and reads again what it shows.`,
    },
  ];
}

/** How to bring back the desktop app, whose window closes with it. */
export const START_APP_AGAIN = 'If it was closed, start Flowent Companion again.';

/** The last request the lost connection failed, in the banner. */
export function lastFailedWords(failed: string): string {
  return `Last failed: ${failed}`;
}

/** A request that never reached the companion, with what the transport said. */
export function unreachableWords(detail: string): string {
  return `Cannot reach the companion (${detail})`;
}

/** The browser page's requests that are not API methods, as a failure of one names them (failedWithHttpWords). */
export const INSPECTOR_REQUEST_NAMES = {
  eventTicket: 'The live connection',
  rotateToken: 'Changing the access token',
} as const;

/** A request the companion answered with no message of its own: `what` (a method's name, or an INSPECTOR_REQUEST_NAMES). */
export function failedWithHttpWords(what: string, status: number): string {
  return `${what} failed with HTTP ${status}`;
}
