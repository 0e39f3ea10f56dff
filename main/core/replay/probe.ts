import type { AcceptedOnlyThere, HandlerFailure, HandlerProbe, ProbeFinding, ProbeRow, Result } from '../../contract/api';
import { handlerTargetKey, judgeHandlerSignature, outcomeOf, type HandlerOutcome } from '../handler-check';
import { completeReport, STYLES } from '../signature';
import { deliver, jsonHeaders, targetFor, type Delivered } from './deliver';
import { resignBody } from './edit-body';
import { spoilSignature } from './spoil-signature';
import type { ReplayContext } from './replay';
import type { StoredCall } from '../store/call-rows';
import type { StyleName } from '../../contract/names-and-limits';
import { targetForAction } from '../../contract/action-name';

/** One request a probe sends: the body, and the styles it was signed in (none for the wrong signature). */
interface ProbeRequest {
  styles: StyleName[];
  body: Buffer;
}

/**
 * Checks the developer's handler's verifier: sends the stored call `id` re-signed in each
 * style (styles that give the same bytes share one request), then once with a signature that
 * matches no style, and says which the handler accepted. The requests are stored as replays of
 * the call. What they show is added to what was learned about the handler before, or replaces
 * it when the two contradict each other (the handler was fixed since): see withProbe. A call
 * every style signs alike tells no style apart, and must not erase what calls that did taught.
 */
export async function probeHandler(
  ctx: ReplayContext,
  id: number,
  given?: string,
  now = Date.now,
): Promise<Result<HandlerProbe, HandlerFailure>> {
  const original = ctx.calls().get(id);
  if (!original) return { ok: false, code: 'call-not-found', id };
  if (original.action === null) return { ok: false, code: 'call-without-action', id, wanted: 'probe' };
  if (original.test) return { ok: false, code: 'probe-registration-check', id, action: original.action };
  const key = ctx.hmacKey();
  if (!key) return { ok: false, code: 'no-key', needs: 'probe' };
  const target = targetFor(ctx, original.action, given);
  if (!target.ok) return target;
  const timestamp = Math.floor(now() / 1000);
  const requests: ProbeRequest[] = [];
  for (const { name } of STYLES) {
    const signed = resignBody(original.requestBody, key, name, { timestamp });
    // A style that cannot write this body's numbers (1e400) would send what it never signs: not probed.
    if (!signed.ok && signed.code === 'number-beyond-style') continue;
    if (!signed.ok) return signed;
    const same = requests.find((request) => request.body.equals(signed.value.body));
    if (same) same.styles.push(name);
    else requests.push({ styles: [name], body: signed.value.body });
  }
  const learned = ctx.learner.learnedStyle(key);
  // Read before the probe stores its own requests: what the handler did to this style before.
  const refusedBefore = learned.decided ? refusedEarlier(ctx, original.action, target.value.url, learned.style, key) : [];
  // Raw is never left out, so there is always a request to spoil.
  const spoiled = requests.find((request) => request.styles.includes(learned.style)) ?? requests[0]!;
  const wrong = spoilSignature(spoiled.body);

  // A request signed alike in several styles is named by this Flowent's, when it is one of them.
  const signedIn = (styles: readonly StyleName[]) => (styles.includes(learned.style) ? learned.style : (styles[0] ?? null));
  const send = (body: Buffer, styles: readonly StyleName[]) =>
    deliver(ctx, {
      spoiledSignature: body === wrong,
      signedStyle: signedIn(styles),
      url: target.value.url,
      handler: target.value.handler,
      learn: false,
      action: original.action,
      test: false,
      headers: jsonHeaders(original.requestHeaders),
      body,
      remoteAddress: original.remoteAddress,
      source: 'replay',
      originalCallId: original.id,
    });
  const total = requests.length + 1;
  const stopped = () => ctx.stopSignal?.aborted ?? false;
  const sending = (index: number, styles: StyleName[]) =>
    ctx.onEvent?.({ type: 'probe-progress', callId: original.id, sending: index + 1, total, styles });
  const rows: ProbeRow[] = [];
  const outcomes: HandlerOutcome[] = [];
  /** Each stored request's styles its signature is valid in: more than it was signed in for raw. */
  const validIn = new Map<number, readonly StyleName[]>();
  const record = (styles: StyleName[], delivered: Delivered): ProbeRow => {
    const row = probeRow(styles, delivered);
    const valid = delivered.signature.styles.filter((s) => s.matched).map((s) => s.style as StyleName);
    validIn.set(row.callId, valid);
    const outcome = row.handler === null ? null : outcomeOf({ verdict: delivered.signature.verdict, validIn: valid }, row.handler);
    if (outcome !== null) outcomes.push(outcome);
    return row;
  };
  // Sent one at a time: a handler is a developer's process, often single-threaded; and once
  // one request gets no answer the others would not either.
  // A stop (the command's Ctrl-C) sends nothing more; the request in flight is answered and stored.
  for (const [index, request] of requests.entries()) {
    if (stopped()) break;
    sending(index, request.styles);
    const row = record(request.styles, await send(request.body, request.styles));
    rows.push(row);
    if (row.handler === null) break;
  }
  const reached = rows.length === requests.length && rows.every((row) => row.handler !== null);
  const unreachable = rows.some((row) => row.handler === null);
  let wrongRow: ProbeRow;
  if (reached && !stopped()) {
    sending(requests.length, []);
    wrongRow = record([], await send(wrong, spoiled.styles));
  } else wrongRow = unreachable ? unsent(rows[rows.length - 1]!.evidence) : unsent(STOPPED_EVIDENCE);
  const complete = wrongRow.callId > 0 || unreachable;
  // What a stopped probe saw is no complete picture: it cannot show that the handler changed.
  if (outcomes.length > 0 && complete) ctx.handlers().recordProbe(handlerTargetKey(target.value.url), outcomes);
  if (!complete) return { ok: true, value: stoppedFinding(original.id, target.value.url, rows, wrongRow, total) };
  // Only a style the calls have told apart is worth naming as this Flowent's.
  const flowentStyle = learned.decided ? learned.style : null;
  const refusedIn = (style: string) =>
    rows.find((row) => row.handler === 'refused' && validIn.get(row.callId)?.includes(style as StyleName));
  return {
    ok: true,
    value: finding(original.id, target.value.url, rows, wrongRow, refusedStyles(outcomes), refusedIn, flowentStyle, refusedBefore),
  };
}

/** How many of the newest calls of the action are looked through, and how many rejected ones are named. */
const EARLIER_CALLS_READ = 200;
const EARLIER_REFUSALS_NAMED = 5;

/**
 * The calls to `url` whose signature is valid in `style` that the handler rejected: ids, oldest
 * first, the newest few. A probe it passes says nothing of them. Valid in it, whatever style the
 * call is named by: one several styles write alike is named by the style it was signed with, or
 * by the first (see styleNamed), and one named `raw` was missed here though valid in python.
 * Checked with the key set now: a call checked with another was valid in that key's eyes only, and
 * a handler with the key set now rightly refused it (calls stored before keys were recorded count).
 */
function refusedEarlier(ctx: ReplayContext, action: string, url: string, style: StyleName, key: string): number[] {
  const { calls } = ctx.calls().list({ action, verdict: 'valid', limit: EARLIER_CALLS_READ });
  const keyNow = ctx.handlers().keyId();
  const ids: number[] = [];
  for (const call of calls) {
    if (ids.length === EARLIER_REFUSALS_NAMED) break;
    if (call.handlerSignature !== 'refused') continue;
    const stored = ctx.calls().get(call.id);
    if (!stored || stored.handlerTarget === null || targetForAction(stored.handlerTarget, action) !== url) continue;
    if (stored.keyFingerprint !== null && stored.keyFingerprint !== keyNow) continue;
    if (validInStyle(stored, style, key)) ids.push(call.id);
  }
  return ids.reverse();
}

/**
 * Whether a stored call's signature is valid in `style`. Its stored report lists every style when
 * every one was checked (a replay, a call whose handler's lesson needed them); a call checked
 * only up to its first match is completed with `key`, which works the rest out when it is the key
 * the call was checked with, and otherwise the styles that sign the same bytes as the match only.
 */
function validInStyle(call: StoredCall, style: StyleName, key: string): boolean {
  return completeReport(call.signature, call.requestBody, key).styles.some((result) => result.style === style && result.matched);
}

const STOPPED_EVIDENCE = 'the probe was stopped';

/** The finding of a probe stopped before its wrong signature was sent: what was seen, and that it says nothing yet. */
function stoppedFinding(probedCallId: number, url: string, rows: ProbeRow[], wrong: ProbeRow, total: number): HandlerProbe {
  const stylesAccepted = rows.filter((row) => row.handler === 'accepted').flatMap((row) => row.styles);
  return {
    probedCallId,
    url,
    rows,
    wrongSignature: wrong,
    stylesAccepted,
    checksSignatures: null,
    finding: { code: 'stopped', sent: rows.length, total },
  };
}

function probeRow(styles: StyleName[], delivered: Delivered): ProbeRow {
  const answered = delivered.error === null;
  return {
    styles,
    callId: delivered.id,
    status: delivered.status,
    handler: answered ? delivered.handler.handlerSignature : null,
    evidence: answered ? judgeHandlerSignature(delivered).evidence : (delivered.error ?? 'no answer'),
  };
}

/** The wrong-signature row when the probe stopped before sending it, and why. */
function unsent(why: string): ProbeRow {
  return { styles: [], callId: 0, status: 0, handler: null, evidence: `not sent: ${why}` };
}

/**
 * The styles some refused request was valid in. A request is valid in more styles than it was
 * signed for (`raw` matches every request's own bytes), so a style named on an accepted row may
 * still be one the handler refused: it is not one it verifies in, as what is learned says too.
 */
function refusedStyles(outcomes: readonly HandlerOutcome[]): ReadonlySet<string> {
  return new Set(outcomes.filter((outcome) => outcome.handler === 'refused').flatMap((outcome) => outcome.validIn));
}

function finding(
  probedCallId: number,
  url: string,
  rows: ProbeRow[],
  wrong: ProbeRow,
  refused: ReadonlySet<string>,
  refusedIn: (style: string) => ProbeRow | undefined,
  learned: StyleName | null,
  refusedBefore: number[],
): HandlerProbe {
  const stylesAccepted = rows
    .filter((row) => row.handler === 'accepted')
    .flatMap((row) => row.styles)
    .filter((style) => !refused.has(style));
  const found = (checksSignatures: boolean | null, finding: ProbeFinding, accepted = stylesAccepted): HandlerProbe => ({
    probedCallId,
    url,
    rows,
    wrongSignature: wrong,
    stylesAccepted: accepted,
    checksSignatures,
    finding,
  });
  const unreachable = rows.find((row) => row.handler === null);
  if (unreachable) return found(null, { code: 'unreachable', evidence: unreachable.evidence });
  if (wrong.handler === 'accepted') {
    return found(false, { code: 'accepts-wrong-signature', evidence: wrong.evidence, flowentStyle: learned });
  }
  if (wrong.handler === 'unknown') return found(null, { code: 'unclear', evidence: wrong.evidence });
  // Every style in one request: accepting it proves the handler verifies in one of them, not
  // in each (so none is named accepted: probeRowStyles marks them "(here only)").
  if (rows.length === 1 && rows[0]!.handler === 'accepted' && rows[0]!.styles.length > 1) {
    return found(true, { code: 'checks-signatures', stylesAlike: true }, []);
  }
  if (stylesAccepted.length === 0) return found(true, { code: 'refuses-every-style' });
  // A style named on an accepted row and still refused (raw: it matches every request's own
  // bytes, so it shared an accepted row's bytes and a refused row's too): the rows that show it.
  const shownBy = (style: string): AcceptedOnlyThere | null => {
    const accepted = rows.find((row) => row.handler === 'accepted' && row.styles.includes(style));
    const refusedRow = refusedIn(style);
    if (!accepted || !refusedRow) return null;
    return { acceptedIn: accepted.callId, bytesOf: accepted.styles.find((other) => other !== style) ?? null, refusedIn: refusedRow.callId };
  };
  const notVerified = rows
    .filter((row) => row.handler === 'accepted')
    .flatMap((row) => row.styles)
    .filter((style) => refused.has(style) && style !== learned)
    .map((style) => ({ style, shownBy: shownBy(style) }));
  const flowent =
    learned === null
      ? null
      : stylesAccepted.includes(learned)
        ? { style: learned, accepted: true as const, refusedBefore }
        : { style: learned, accepted: false as const, shownBy: shownBy(learned) };
  return found(true, { code: 'checks-signatures', stylesAlike: false, notVerified, flowent });
}
