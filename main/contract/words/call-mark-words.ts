/**
 * The words of the marks on a call's row and at the head of its details: the signature's verdict
 * badge, the registration check's tag, the timestamp's, the answer's and the handler's marks, and
 * the refusal that stands for them when the companion refused the request. Each mark says a word;
 * its title (and its label for screen readers) says the whole sentence. The command line marks
 * its lines in words of its own (format-call.ts: `INVALID`, `[old timestamp]`), shouted or
 * bracketed as a terminal line needs, with the same facts in the details of `calls <id>`.
 */
import type { CallSummary } from '../calls';
import type { Verdict } from '../names-and-limits';
import { problemWords } from './call-problem-words';
import { sentActionSentence } from './sent-action-words';
import { describeTimestamp } from './timestamp-words';

/** A signature's verdict as its badge and the filter bar's verdict choices say it. */
export const VERDICT_LABEL: Record<Verdict, string> = {
  valid: 'valid',
  invalid: 'invalid',
  missing: 'missing',
  malformed: 'malformed',
  'unsigned-test': 'unsigned test',
  'no-key': 'no key',
  'not-flowent': 'not a Flowent call',
};

/** The verdict badge's title: the verdict, and why when the badge says more than the verdict ("invalid: wrong key?"). */
export function verdictTitle(verdict: Verdict, why: string | null): string {
  return why === null ? VERDICT_LABEL[verdict] : `${VERDICT_LABEL[verdict]}: ${why}`;
}

/** The registration check's tag's title, and said of a refused one. */
export const REGISTRATION_CHECK = "Flowent's registration check";

/** A timestamp's mark's title: how old it was, or that it came from the future. */
export function timestampMarkWords(timestamp: Pick<CallSummary['timestamp'], 'flag' | 'ageSeconds'>): string {
  return `Timestamp ${describeTimestamp(timestamp)}`;
}

/** The answer's mark's title: no answer (which Flowent counts as a failed action), or one that breaks the contract; every violation whole. */
export function contractMarkWords(noAnswer: boolean, violations: readonly string[]): string {
  const messages = violations.join('; ');
  return noAnswer ? `No answer, so Flowent sees a failed action: ${messages}` : `Answer breaks Flowent's contract: ${messages}`;
}

const WRONG_OR_MISSING: readonly Verdict[] = ['invalid', 'malformed', 'missing'];

/**
 * The handler's mark's title when it disagrees with the companion about the signature: it
 * rejected a call whose signature is not wrong, or accepted one whose signature is. Null when
 * they agree or no handler answered.
 */
export function handlerMarkWords(call: Pick<CallSummary, 'handlerSignature' | 'verdict'>): string | null {
  const wrong = WRONG_OR_MISSING.includes(call.verdict);
  if (call.handlerSignature === 'refused' && !wrong) return "Your handler rejected this call's signature";
  if (call.handlerSignature === 'accepted' && wrong) return 'Your handler accepted a call whose signature is wrong or missing';
  return null;
}

type RefusedCall = Pick<CallSummary, 'problem' | 'verdict' | 'action' | 'sentAction' | 'test' | 'timestamp'>;

/**
 * The refusal mark's title: why the companion refused the request, then what the marks it
 * stands for would have said (the action the body named, the verdict, a registration check, the
 * timestamp), as the action cell's title and the badges say them.
 */
export function refusalMarkWords(call: RefusedCall): string {
  const sent = sentActionSentence(call);
  const claimed = sent ? ` ${sent}` : '';
  const test = call.test ? ` ${REGISTRATION_CHECK}.` : '';
  const timestamp = call.timestamp.flag === 'old' || call.timestamp.flag === 'future' ? ` ${timestampMarkWords(call.timestamp)}.` : '';
  return `Refused by the companion: ${problemWords(call.problem)}.${claimed} Signature: ${VERDICT_LABEL[call.verdict]}.${test}${timestamp}`;
}
