import type { NoAnswerCause } from '../../contract/api';
import { FLOWENT_LIMIT_WORDS } from '../../contract/words/flowent-limit-words';
import { noAnswerCausePhrase } from '../../contract/words/answer-mark-words';
import type { ForwardFailure } from './forward-failure';

/** Where the caller of a failed forward is sent for the details its answer leaves out. */
const SEE_HISTORY = "See this call in Flowent Companion's history for the details and what to do.";

/**
 * What the caller (Flowent, in the cloud) is told when forwarding gave no answer to pass on:
 * what happened, without the handler's address. The address, with what failed there, is the
 * developer's own detail: it stays in the call's record, the page and serve's line.
 */
export function forwardFailureForCaller(failure: { kind: ForwardFailure; cause?: NoAnswerCause }): string {
  return `${whatHappened(failure)} ${SEE_HISTORY}`;
}

function whatHappened({ kind, cause }: { kind: ForwardFailure; cause?: NoAnswerCause }): string {
  if (kind === 'too-large')
    return `Your handler's answer was over Flowent's ${FLOWENT_LIMIT_WORDS} limit, so Flowent Companion did not pass it on.`;
  switch (cause) {
    case 'refused':
      return 'Flowent Companion could not reach your handler: the connection was refused.';
    case 'closed':
      return `Your handler ${noAnswerCausePhrase('closed')}.`;
    case 'timeout':
      return "Your handler did not answer within Flowent Companion's forward timeout.";
    case 'not-http':
      return 'Your handler answered with bytes that are not HTTP.';
    case 'unreachable':
      return 'Flowent Companion could not reach your handler.';
    case 'no-target':
      return 'Flowent Companion has no usable address of your handler for this action, so nothing was forwarded.';
    case 'stopped':
      return 'Flowent Companion stopped before your handler answered.';
    case 'failed':
    case undefined:
      return 'Flowent Companion could not forward this call to your handler.';
    default: {
      const unknownCause: never = cause;
      throw new Error(`unhandled forward failure cause ${String(unknownCause)}`);
    }
  }
}
