import {
  redactUrlCredentials,
  type AnsweredBy,
  type CallDetail,
  type CallSource,
  type CallSummary,
  type HeaderPair,
  type StyleResult,
  validOnceCorrected,
  type Violation,
} from '../contract/api';
import { isCredentialHeader, REDACTED } from '../contract/credential-headers';
import { styleLabel } from '../contract/style-labels';
import {
  counted,
  failedRegistrationCheckTodo,
  failedRegistrationCheckWords,
  forwardingFailedWords,
  handlerKnownForText,
  handlerMayDisagree,
  handlerVerdictWords,
  isTimestampRemark,
  leadDiagnosis,
  noAnswerCause,
  noAnswerHeading,
  NO_STYLE_TRIED,
  NOTHING_TO_MATCH,
  overLimitsWords,
  PASSED_REGISTRATION_CHECK,
  problemWords,
  refusedForRequest,
  requestLineWords,
  sentActionLineWords,
  signedUnlikeLearnedNote,
  skippedWords,
  countWords,
  spoiledOnPurposeWords,
  statusWords,
  type HandlerVoice,
  type ImportSkipped,
  storedWrongSignatureOutcome,
  wrongSignatureWords,
} from '../contract/words';
import type { CallWhy, HandlerWhy } from './call-why';
import { printable } from './printable';
import { CLI_PROBE_VOCABULARY } from './probe-output';
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
function handlerWords(
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

/** How a line marks a call that is not Flowent's traffic. */
const SOURCE_TAG: Record<CallSource, string> = { flowent: '', replay: ' [replay]', simulator: ' [simulated]', import: ' [imported]' };

/** How a line marks a timestamp Flowent's docs would refuse, or one from the future. */
const TIMESTAMP_TAG: Record<CallSummary['timestamp']['flag'], string> = {
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
  const test = (call.test ? ' [registration check]' : '') + SOURCE_TAG[call.source];
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
 * What a HAR import stored and what it left out, from `from` (the file): the line of `import`,
 * and of `serve` when an import from the inspector ends (in place of a line per imported call).
 */
export function formatImportEnd(
  counts: ImportSkipped & { imported: number; duplicates: number; overLimits?: number },
  from: string,
): string {
  const skippedClause = skippedWords(counts);
  const skipped = skippedClause ? `; ${skippedClause}` : '';
  const held =
    counts.duplicates > 0
      ? `; left out ${countWords(counts.duplicates)} already in the history (same path, body and time received: imported before)`
      : '';
  const over = overLimitsWords(counts.overLimits ?? 0, counts.imported);
  return `Imported ${counted(counts.imported, 'call')} from ${from}${skipped}${held}${over ? `; ${over}` : ''}.`;
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
export function formatCallNotes(call: CallSummary, why: CallWhy = { handler: null, parameters: null }): string[] {
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
  return [...signature, ...whyLines(why), ...forwarding, ...registration, ...answerProblemLines(violations, call.answeredBy)].map(
    printable,
  );
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

/** The handler's diagnosis and the parameter check, as lines under a call's (or a send's, a replay's) result. */
export function whyLines(why: CallWhy): string[] {
  return [...(why.handler ? [`  why: ${why.handler.message}`] : []), ...(why.parameters ? [`  parameters: ${why.parameters}`] : [])].map(
    printable,
  );
}

/** The stable machine-readable form printed by `calls --json`; `handlerDiagnosis` is read beyond the summary (see call-why.ts). */
export function callJson(call: CallSummary, handlerDiagnosis: HandlerWhy | null = null): Record<string, unknown> {
  return {
    id: call.id,
    receivedAt: new Date(call.receivedAt).toISOString(),
    method: call.method,
    path: call.path,
    action: call.action,
    sentAction: call.sentAction,
    test: call.test,
    verdict: call.verdict,
    style: call.style,
    status: call.status,
    durationMs: Math.round(call.durationMs * 100) / 100,
    size: call.size,
    problem: call.problem,
    answeredBy: call.answeredBy,
    source: call.source,
    violations: call.violations ?? [],
    failed: call.failed,
    handlerSignature: call.handlerSignature,
    timestamp: call.timestamp.flag,
    signatureDiagnosis: call.signatureDiagnosis,
    handlerDiagnosis,
    forwardError: call.forwardError,
    spoiledSignature: call.spoiledSignature,
  };
}

/** Who gave a call's answer, after its status in `calls <id>`'s Answer heading. */
const ANSWERER: Record<AnsweredBy, string> = {
  mock: 'the mock',
  'test-check': "the companion's answer to the registration check",
  'signature-check': "the companion's signature check",
  error: 'the companion itself',
  forward: 'your handler',
  'fallback-mock': 'the mock, in place of your handler',
  'forward-error': 'the companion: forwarding to your handler gave no answer',
  companion: "this companion's webhook",
  'companion-error': "this companion's webhook gave no answer",
};

/**
 * Headers as `calls <id>` shows them: a credential's value (Authorization, Cookie, X-Api-Key...)
 * as [redacted], as the HAR export writes it, since what the terminal shows ends up in scrollback,
 * screenshots and pasted bug reports; the inspector shows the values to whoever holds its token.
 */
function withCredentialsRedacted(headers: HeaderPair[]): HeaderPair[] {
  return headers.map(([name, value]) => [name, isCredentialHeader(name) ? REDACTED : value]);
}

/** Whether any of the call's headers, asked or answered, is shown as [redacted]. */
function hasCredentialHeaders(call: CallDetail): boolean {
  return [...call.requestHeaders, ...call.response.headers].some(([name]) => isCredentialHeader(name));
}

/** The note under `calls <id>`'s headers when some of them are shown as [redacted]. */
export const REDACTED_HEADERS_NOTE = `Credentials (Authorization, Cookie, API keys...) are shown as ${REDACTED}; the inspector shows their values.`;

/**
 * A style's result without its expected HMAC unless it matched: for a style that did not match,
 * `expected` is a valid signature for a body anyone could have sent, so printing it hands out
 * a signature that the handler would accept; a matched one only repeats what was received.
 */
function withoutUnmatchedSignatures(style: StyleResult): Omit<StyleResult, 'expected'> & { expected?: string | null } {
  if (style.matched) return style;
  const { expected: _leftOut, ...rest } = style;
  return rest;
}

/** Headers one a line, then the body's lines after a blank line: indented under their heading, printable. */
function messageLines(headers: HeaderPair[], body: string): string[] {
  const lines = withCredentialsRedacted(headers).map(([name, value]) => `  ${name}: ${value}`);
  if (body !== '') lines.push('', ...body.split(/\r?\n/).map((line) => `  ${line}`));
  return lines;
}

/** How the signature's timestamp was judged: `timestamp 1764932400, 12 s old`. */
function timestampLine({ value, ageSeconds, flag }: CallDetail['signature']['timestamp']): string[] {
  if (value === null) return flag === 'missing' ? ['  timestamp: none'] : [];
  const age = ageSeconds === null ? '' : ageSeconds < 0 ? `, ${-ageSeconds} s in the future` : `, ${ageSeconds} s old`;
  return [`  timestamp ${value}${age}${TIMESTAMP_TAG[flag]}`];
}

/**
 * The findings whose advice is said under the Signature heading. For a call the companion
 * refused for its request, as the page's details: not the cause nor the timestamp remark its
 * verdict line would have led with (that line says the request's problem instead, and signing
 * the call, say, would not have changed the answer), only the further findings its panel lists.
 */
function adviceShown(call: CallDetail): CallDetail['signature']['diagnosis'] {
  const { diagnosis, verdict } = call.signature;
  // Spoiled on purpose: advice on how to sign it right would fix what was meant.
  if (call.spoiledSignature) return diagnosis.filter(isTimestampRemark);
  if (!refusedForRequest(call) || verdict === 'not-flowent') return diagnosis;
  const lead = verdict === 'valid' ? null : leadDiagnosis(diagnosis);
  return diagnosis.filter((finding) => finding !== lead && !isTimestampRemark(finding));
}

/**
 * A finding's advice under the Signature heading. A registration check's is said as the page's
 * verdict says it, by how the check went: its missing signature needs no fix (Flowent sends it
 * unsigned), so one that passed has nothing to do, and one that failed is told how it failed and
 * what to do about that; the signature's own advice only when the answer refused it for wanting one.
 */
function signatureAdvice(call: CallDetail, diagnosis: CallDetail['signature']['diagnosis'][number]): string[] {
  if (diagnosis.code !== 'unsigned-test') {
    // The cause the `why:` line above says is not said twice; any other finding (why styles are
    // left unchecked, say) is said with its advice, as the page's panel lists it: the advice alone misleads.
    const said = call.signatureDiagnosis?.code === diagnosis.code ? [] : [`  ${diagnosis.message}`];
    return [...said, ...(diagnosis.hint ? [`  what to do: ${diagnosis.hint}`] : [])];
  }
  const { status } = call.response;
  if (status >= 200 && status < 300) return [`  ${PASSED_REGISTRATION_CHECK}`];
  const cause = noAnswerCause(call.violations);
  const todo = failedRegistrationCheckTodo({
    cause,
    status,
    refusedSignature: call.handler?.verdict === 'refused',
    signatureTodo: diagnosis.hint,
  });
  return [`  ${failedRegistrationCheckWords({ cause, status, answeredBy: call.answeredBy })}`, ...(todo ? [`  what to do: ${todo}`] : [])];
}

/**
 * Each style checked, with whether it matched; as the page's details, no rows for a call that
 * carried no signature (each would read "no match" of nothing) or that no style was tried on
 * (no key was set), but the sentence the page says in their place.
 */
function styleLines(signature: CallDetail['signature']): string[] {
  if (signature.received === null) return [`  ${NOTHING_TO_MATCH}`];
  if (!signature.styles.some((style) => style.expected !== null)) return [`  ${NO_STYLE_TRIED}`];
  return signature.styles.map((style) => {
    const mark = style.matched ? 'matched' : style.expected === null ? 'unchecked' : 'no match';
    return `  ${mark.padEnd(10)}${style.style.padEnd(21)}${styleLabel(style.style)}`;
  });
}

/**
 * `calls <id>`: one call in full. Its line and the notes under it (as `calls` lists it), then
 * the request (request line, caller, headers, body), the signature (verdict, what was received,
 * every style checked), the answer (status, who gave it, headers, body) and the handler's
 * verdict. Stored bytes from outside are printable, as everywhere.
 */
export function formatCallInFull(call: CallDetail, why: CallWhy): string[] {
  const lines = [`#${call.id}  ${formatCallLine(call)}`, ...formatCallNotes(call, why)];
  const requestLine = requestLineWords(call);
  const from = call.remoteAddress ? `  from ${call.remoteAddress}` : '';
  const forwardedFor = call.forwardedFor ? ` (forwarded for ${call.forwardedFor})` : '';
  const original = call.originalCallId === null ? [] : [`  a replay of #${call.originalCallId}`];
  lines.push('', `Request:  ${requestLine}${from}${forwardedFor}`, ...original, ...messageLines(call.requestHeaders, call.requestBody));
  if (call.problemMessage) lines.push(`  problem: ${call.problemMessage}`);

  const { signature } = call;
  const unlike = signedUnlikeLearnedNote(call, CLI_PROBE_VOCABULARY);
  const verdict = signature.verdict + (signature.style ? ` (${signature.style})` : '');
  const spoiled = call.spoiledSignature ? `, ${spoiledOnPurposeWords(call.source)}` : '';
  lines.push(
    '',
    `Signature:  ${verdict}${spoiled}${signature.received ? `, received ${signature.received}` : ''}`,
    ...timestampLine(signature.timestamp),
    // Valid, yet not in the style the other Flowent calls taught: said before the styles that show
    // it, unless the why-line above says it (the handler rejected the call).
    ...(unlike === null ? [] : [`  ${unlike}`]),
  );
  if (call.spoiledSignature) {
    lines.push(`  verdict: ${wrongSignatureWords(storedWrongSignatureOutcome(call))}`);
  }
  lines.push(...adviceShown(call).flatMap((diagnosis) => signatureAdvice(call, diagnosis)), ...styleLines(signature));

  const target = call.forward.target ? ` at ${redactUrlCredentials(call.forward.target)}` : '';
  const answerer = ANSWERER[call.answeredBy] + (call.answeredBy === 'forward' ? target : '');
  lines.push('', `Answer:  ${call.response.status === 0 ? 'no answer' : call.response.status} (${answerer})`);
  if (call.forward.error) lines.push(`  forwarding: ${call.forward.error}`);
  lines.push(...messageLines(call.response.headers, call.response.body));

  const { handler } = call;
  const handlerSaid = handler
    ? `${handlerWords(handler.verdict, call)
        .replace(/^handler /, '')
        .replace(/^handler's /, 'its ')}: ${handler.evidence} (at ${handler.reached})`
    : call.answeredBy === 'forward' && call.source === 'import'
      ? // A call read from another tool's file: it was answered (above), but the file does not say
        // what the handler made of the signature, as this app's export does.
        'not recorded (the call was imported from a file that does not say)'
      : 'none answered';
  lines.push('', `Handler:  ${handlerSaid}`);
  // A record for another key than the one set now says so, as the page's facts do (the why-line does for a diagnosis it explains).
  const knownFor = handler ? handlerKnownForText(handler) : null;
  if (knownFor !== null) lines.push(`  ${knownFor}`);
  if (hasCredentialHeaders(call)) lines.push('', REDACTED_HEADERS_NOTE);
  return lines.map(printable);
}

/** `calls <id> --json`: the call's whole stored record, its summary's fields as `calls --json` prints them first. */
export function callDetailJson(call: CallDetail, handlerDiagnosis: HandlerWhy | null): Record<string, unknown> {
  const { remoteAddress, forwardedFor, requestHeaders, requestBody, requestBodyBase64, problemMessage } = call;
  const { signature, response, originalCallId, mockChoice, forward, handler, signedUnlikeLearned } = call;
  return {
    ...callJson(call, handlerDiagnosis),
    remoteAddress,
    forwardedFor,
    requestHeaders: withCredentialsRedacted(requestHeaders),
    requestBody,
    requestBodyBase64,
    problemMessage,
    signature: { ...signature, styles: signature.styles.map(withoutUnmatchedSignatures) },
    response: { ...response, headers: withCredentialsRedacted(response.headers) },
    originalCallId,
    mockChoice,
    forward: { ...forward, target: forward.target === null ? null : redactUrlCredentials(forward.target) },
    handler,
    signedUnlikeLearned,
  };
}
