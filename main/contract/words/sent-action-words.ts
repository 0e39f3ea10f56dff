/**
 * A call whose body's action_name is not the name it is listed under (the URL's action, else
 * its path; see call-body.ts): the words the page's row, its refusal mark and the command
 * line's call line say it in, from one place, so they cannot drift apart.
 */
import type { CallSummary } from '../calls';

type SentCall = Pick<CallSummary, 'action' | 'sentAction' | 'problem'>;

/** The row's action cell, in parts: `send_email ← "5"`, and "not a name" beside the body's when it is not a valid action name. */
export interface SentActionCell {
  listedAs: string;
  /** Between the listed name and the body's. */
  arrow: string;
  /** The arrow read aloud. */
  arrowLabel: string;
  /** The body's action_name as written (`5`, `"Send-Email"`). */
  sent: string;
  /** Said beside the body's when it is not a valid action name; null when it is one. */
  notAName: string | null;
  /** All of it in a sentence, for the cell's title and the badge's label. */
  sentence: string;
}

/**
 * The body named another valid action than its URL (`action-mismatch`); any other problem that
 * keeps what the body wrote says it named no valid action at all.
 */
function namesNoAction(call: SentCall): boolean {
  return call.problem !== 'action-mismatch';
}

/**
 * What the body's action_name was, and the URL's action beside it, in a sentence: `The body's
 * action_name is "5". The URL names send_email.` The action cell's title and the refusal mark's
 * say it alike. Null when the body named the action the call is listed under.
 */
export function sentActionSentence(call: SentCall): string | null {
  if (call.sentAction === null) return null;
  const urlNames = call.action ? ` The URL names ${call.action}.` : '';
  return `The body's action_name is ${call.sentAction}${namesNoAction(call) ? ': not a valid action name.' : '.'}${urlNames}`;
}

/** The row's action cell for a call listed as `listedAs`; null when the body named the action it is listed under. */
export function sentActionCell(call: SentCall, listedAs: string): SentActionCell | null {
  const sentence = sentActionSentence(call);
  if (call.sentAction === null || sentence === null) return null;
  const invalid = namesNoAction(call);
  return {
    listedAs,
    arrow: '←',
    arrowLabel: "the body's action_name:",
    sent: call.sentAction,
    notAName: invalid ? 'not a name' : null,
    sentence,
  };
}

/** The call line's action for a call listed as `listedAs`: `send_email (action_name "5": not a valid name)`. */
export function sentActionLineWords(call: SentCall, listedAs: string): string {
  if (call.sentAction === null) return listedAs;
  return `${listedAs} (action_name ${call.sentAction}${namesNoAction(call) ? ': not a valid name' : ''})`;
}
