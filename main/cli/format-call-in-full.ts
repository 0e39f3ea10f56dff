/** `calls <id>`: one call in full, its request, signature, answer and handler sections under the line `calls` lists it by. */
import type { CallDetail, HeaderPair } from '../contract/api';
import { styleLabel } from '../contract/style-labels';
import {
  answererWords,
  failedRegistrationCheckTodo,
  failedRegistrationCheckWords,
  callRouteWords,
  routeText,
  handlerKnownForText,
  headersNotSentOn,
  isTimestampRemark,
  leadDiagnosis,
  noAnswerCause,
  NO_STYLE_TRIED,
  NOTHING_TO_MATCH,
  PASSED_REGISTRATION_CHECK,
  refusedForRequest,
  requestLineWords,
  requestProblemMessage,
  signedUnlikeLearnedNote,
  spoiledOnPurposeWords,
  storedWrongSignatureOutcome,
  tunnelCallerWords,
  wrongSignatureWords,
} from '../contract/words';
import { NOTHING_MORE, type CallWhy } from './call-why';
import { formatCallLine, formatCallNotes, handlerWords, TIMESTAMP_TAG, whyLines } from './format-call';
import { printable } from './printable';
import { cliProbeVocabulary } from './probe-output';
import { hasCredentialHeaders, REDACTED_HEADERS_NOTE, withCredentialsRedacted } from './redacted-headers';

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
 * every style checked), the answer (status, who gave it, where the call went, headers, body) and the handler's
 * verdict. Stored bytes from outside are printable, as everywhere.
 */
export function formatCallInFull(call: CallDetail, why: CallWhy): string[] {
  // Why the mock failed is said under the answer it gave, not under the call's line as `calls` lists it.
  const lines = [`#${call.id}  ${formatCallLine(call)}`, ...formatCallNotes(call, { ...why, mock: null })];
  const requestLine = requestLineWords(call);
  const from = call.remoteAddress ? `  from ${call.remoteAddress}` : '';
  const throughTunnel = call.forwardedFor ? ` (${tunnelCallerWords(call.forwardedFor)})` : '';
  const original = call.originalCallId === null ? [] : [`  a replay of #${call.originalCallId}`];
  lines.push('', `Request:  ${requestLine}${from}${throughTunnel}`, ...original, ...messageLines(call.requestHeaders, call.requestBody));
  // A failed mock template, or headers not sent on, is not the request's problem: said under Answer.
  const requestProblem = requestProblemMessage(call);
  if (requestProblem) lines.push(`  problem: ${requestProblem}`);

  const { signature } = call;
  const unlike = signedUnlikeLearnedNote(call, cliProbeVocabulary(call.id));
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

  // Who answered, then where the call went in the page's sentence ("Forwarded to ...", "Sent to this
  // companion's webhook at ..."): a serve on this data folder, the webhook a replay went through, is
  // this companion to the command line.
  const route = callRouteWords(call, () => 'this');
  lines.push('', `Answer:  ${call.response.status === 0 ? 'no answer' : call.response.status}`, `  answered by: ${answererWords(call)}`);
  if (route !== null) lines.push(`  ${routeText(route)}`);
  const notSentOn = headersNotSentOn(call);
  if (notSentOn !== null) lines.push(`  ${notSentOn}`);
  if (call.forward.error) lines.push(`  forwarding: ${call.forward.error}`);
  lines.push(...whyLines({ ...NOTHING_MORE, mock: why.mock }));
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
