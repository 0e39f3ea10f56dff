import type { WaitingCall } from '../contract/api';
import { clip } from '../contract/words/said';
import { waitingAtWords } from '../contract/words/waiting-words';
import { printable } from './printable';

/**
 * The line `serve` prints, once, for a forwarded call its handler has not answered a moment
 * after it came: in the place of a call line, with its time (UTC, as that line's) and action,
 * so a handler that hangs is seen before its limit ends the wait. The call's own line follows
 * when it is stored. `limitMs`: the forward's limit (--forward-timeout).
 */
export function waitingLine(call: WaitingCall, limitMs: number, now = Date.now()): string {
  const time = new Date(call.receivedAt).toISOString().slice(11, 19);
  const waitedS = Math.max(1, Math.floor((now - call.receivedAt) / 1000));
  return printable(`${time}  ${call.action}  ${waitingAtWords(clip(call.target, 200), waitedS, limitMs)}`);
}
