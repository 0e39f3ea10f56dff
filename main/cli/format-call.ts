import { type AnsweredBy, type CallSummary, validOnceCorrected, type Violation } from '../contract/api';
import {
  callSourceMark,
  counted,
  failedRegistrationCheckWords,
  forwardingFailedWords,
  handlerMayDisagree,
  handlerVerdictWords,
  noAnswerCause,
  noAnswerHeading,
  problemWords,
  refusedForRequest,
  requestLineWords,
  sentActionLineWords,
  spoiledOnPurposeWords,
  statusWords,
  type HandlerVoice,
} from '../contract/words';
import { NOTHING_MORE, type CallWhy } from './call-why';
import { printable } from './printable';
import { clip } from '../contract/words/said';

const VERDICT_WORDS: Record<CallSummary['verdict'], string> = {
  valid: 'valid',
  invalid: 'INVALID',
  missing: 'missing signature',
  malformed: 'MALFORMED signature',
  'unsigned-test': 'unsigned test',
  'no-key': 'no key',
  'not-flowent': 'not a Flowent call',
};

/** A call's verdict word when this companion spoiled its signature on purpose (send --wrong-signature, Simulate, the probe). */
const SPOILED_VERDICT = 'wrong signature, spoiled on purpose';

/** The developer's handler's verdict on the signature, after the status it answered, when it agrees with the companion's. */
const HANDLER_VOICE: HandlerVoice = { subject: 'handler', owner: "handler's", alarm: (word) => word };
/** The same when it disagrees (it rejected a valid signature, or took a wrong one): shouted, as INVALID is. */
const HANDLER_DISAGREES: HandlerVoice = { ...HANDLER_VOICE, alarm: (word) => word.toUpperCase() };

/**
 * The handler's verdict in a call's line. Capitals only where it and the companion disagree
 * (`handler REJECTED the signature` of a valid call, `handler ACCEPTED the signature` of a wrong
 * one); a handler that turned down a signature the companion found wrong too did its job
 * (`handler rejected it too`), as the probe table's lowercase `rejected   wrong signature` says.
 * A wrong signature that is valid once corrected (the key set here trimmed, the digest in
 * lowercase) was rightly accepted: the key set here is what is off, so nothing is shouted.
 */
export function handlerWords(
  handler: NonNullable<CallSummary['handlerSignature']>,
  call: Pick<CallSummary, 'verdict' | 'signatureDiagnosis'>,
): string {
  const { verdict } = call;
  if (!handlerMayDisagree(verdict, handler)) {
    const agreed = handler === 'refused' && (verdict === 'invalid' || verdict === 'malformed' || verdict === 'missing');
    return agreed ? 'handler rejected it too' : handlerVerdictWords(handler, verdict, HANDLER_VOICE);
  }
  if (handler === 'accepted' && validOnceCorrected(call.signatureDiagnosis ? [call.signatureDiagnosis.code] : []) !== null)
    return handlerVerdictWords(handler, verdict, HANDLER_VOICE);
  // The shared words stress only a rejection (the page's alarm is its colour): a wrong signature taken is stressed here.
  if (handler === 'accepted') return handlerVerdictWords(handler, verdict, HANDLER_VOICE).replace(/^handler accepted/, 'handler ACCEPTED');
  return handlerVerdictWords(handler, verdict, HANDLER_DISAGREES);
}

/** How a line marks a timestamp Flowent's docs would refuse, or one from the future. */
export const TIMESTAMP_TAG: Record<CallSummary['timestamp']['flag'], string> = {
  ok: '',
  missing: '',
  old: ' [old timestamp]',
  future: ' [timestamp in the future]',
};

/**
 * Why the mock answered in place of the handler, as a note under a call's line (`  forwarding
 * failed: Your handler at ... refused the connection ...`); null for any other answer.
 */
export function forwardingNote(answeredBy: AnsweredBy, forwardError: string | null): string | null {
  const words = forwardingFailedWords(answeredBy, forwardError);
  return words === null ? null : `  ${words}`;
}

/**
 * One human line per call: time, action, verdict (and style), status, milliseconds. The time
 * is in UTC, with its date when that is not today's (an imported call, a history kept for days).
 * The request line, the action as sent and the problem come from outside (an imported HAR's
 * most of all): the line is printable, control characters escaped.
 */
export function formatCallLine(call: CallSummary, now = Date.now()): string {
  const received = new Date(call.receivedAt).toISOString();
  const today = received.slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  const time = today ? received.slice(11, 19) : `${received.slice(0, 10)} ${received.slice(11, 19)}`;
  // A path can run to the 16 KB of a request's head: the line keeps its start, `calls <id>` shows it whole.
  const requestLine = clip(requestLineWords(call), 120);
  const named = call.action ?? requestLine;
  // A body naming another action than its URL is listed under the URL's (the route it came to), as on the page.
  const action = sentActionLineWords(call, named);
  // A call that is not Flowent's traffic is marked as the page's row tag marks it.
  const mark = callSourceMark(call);
  const test = (call.test ? ' [registration check]' : '') + (mark === null ? '' : ` [${mark}]`);
  // Spoiled on purpose, its wrong signature is no caller's mistake to shout about.
  const verdictWord = call.spoiledSignature ? SPOILED_VERDICT : VERDICT_WORDS[call.verdict];
  const verdict = verdictWord + (call.style ? ` (${call.style})` : '') + TIMESTAMP_TAG[call.timestamp.flag];
  // A refusal's reason stands by the status it explains (`400 refused: no parameters`): it, not
  // the signature's verdict before it, is why the call failed.
  const refused = refusedForRequest(call);
  const status = statusWords(call.status, call.answeredBy) + (refused ? ` refused: ${problemWords(call.problem)}` : '');
  const handler = call.handlerSignature ? `  ${handlerWords(call.handlerSignature, call)}` : '';
  const problem = call.problem && !refused ? `  ${problemWords(call.problem)}` : '';
  return printable(`${time}  ${action}${test}  ${verdict}  ${status}${handler}  ${call.durationMs.toFixed(1)} ms${problem}`);
}

/**
 * What `serve` adds to the line of a call another process stored (another serve on the same
 * data folder, a `send`, an `import`): in the words of the count line below, so two serves on
 * one folder each tell their own calls from the other's.
 */
export const STORED_ELSEWHERE_MARK = '  (stored by another command)';

/** The line `serve` prints when another command stored more calls in its history than it prints one by one (an `import`). */
export function formatStoredElsewhere(count: number): string {
  return `${counted(count, 'call')} stored by another command in this history. List them with: calls`;
}

/**
 * The lines printed under a call: why its signature failed, in the sentence its details lead
 * with (`  why: The signature matches none of the 13 known styles: ...`), why the handler
 * disagrees (`  why: Your handler rejected a valid signature ...`), what its parameters break of
 * the action's schema (`  parameters: parameters.recipient is not a valid email. (...)`), why
 * the mock answered in place of the handler (`  forwarding failed: Your handler at ... refused
 * the connection ...`), then what its answer breaks of Flowent's contract (`  ! your handler
 * answered 200 but \`result\` is a number`), or how no answer came (see answerProblemLines),
 * after, for a registration check, that Flowent would not register the action; printable, as the
 * call's line is (an imported HAR brings its own violations). `why` is what was read beyond the
 * summary (see call-why.ts).
 */
export function formatCallNotes(call: CallSummary, why: CallWhy = NOTHING_MORE): string[] {
  // A call the companion refused for its request failed for that (its line says it), not for its
  // signature; one spoiled on purpose has a wrong signature because it was meant to, and says who did it.
  const signature = call.spoiledSignature
    ? [`  why: ${spoiledOnPurposeWords(call.source)}, to check that your handler refuses it`]
    : call.signatureDiagnosis && !refusedForRequest(call)
      ? [`  why: ${call.signatureDiagnosis.message}`]
      : [];
  const note = forwardingNote(call.answeredBy, call.forwardError);
  const forwarding = note === null ? [] : [note];
  // Summaries from before migration 3 (or from older inspectors) may lack the field.
  const violations = call.violations ?? [];
  // A check that got no answer fails the registration as a 500 does, whose `!` line says so: the page's verdict line, here too.
  const cause = noAnswerCause(violations);
  const registration =
    call.test && cause !== null ? [`  ${failedRegistrationCheckWords({ cause, status: call.status, answeredBy: call.answeredBy })}`] : [];
  return [
    ...signature,
    ...whyLines(why),
    ...forwarding,
    ...registration,
    ...answerProblemLines(violations, call.answeredBy),
    ...answerErrorLines(why),
  ].map(printable);
}

/**
 * What an answer breaks of Flowent's contract, a `!` line each. An answer never given breaks
 * nothing of it: said as the page heads it, not as a problem with an answer (`  Your handler
 * never answered: Your handler at ... refused the connection ...`).
 */
export function answerProblemLines(violations: readonly Violation[], answeredBy: AnsweredBy): string[] {
  return violations.map((violation) =>
    violation.cause === undefined ? `  ! ${violation.message}` : `  ${noAnswerHeading(answeredBy)}: ${violation.message}`,
  );
}

/** The failed answer's own error, under what it breaks of Flowent's contract, as the page's problem box quotes it below its list. */
export function answerErrorLines(why: Pick<CallWhy, 'answerError'>): string[] {
  return why.answerError === null ? [] : [printable(`  ${why.answerError}`)];
}

/** The handler's diagnosis, the parameter check and why the mock failed, as lines under a call's (or a send's, a replay's) result. */
export function whyLines(why: CallWhy): string[] {
  return [
    ...(why.handler ? [`  why: ${why.handler.message}`] : []),
    ...(why.parameters ? [`  parameters: ${why.parameters}`] : []),
    ...(why.mock ? [`  why: ${why.mock}`] : []),
  ].map(printable);
}
