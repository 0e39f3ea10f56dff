/**
 * Which of a call's diagnoses is the cause the front ends lead with (the page's verdict line,
 * the command line's why-line under a call), so both say the same sentence.
 */
import type { CallDetail, SignatureCause, SignedUnlikeLearned } from '../calls';
import type { Verdict } from '../names-and-limits';
import type { LearnedStyleInfo } from '../replay';
import type { Diagnosis } from '../shared';
import { counted, countWords } from './counted';
import { mostCallsNamed } from './handler-diagnosis-words';
import type { SigningVocabulary } from './vocabulary';

const TIMESTAMP_CODES = new Set(['timestamp-old', 'timestamp-future']);

/** A remark on the call's timestamp: said after the cause, never as it. */
export function isTimestampRemark(diagnosis: Pick<Diagnosis, 'code'>): boolean {
  return TIMESTAMP_CODES.has(diagnosis.code);
}

/** Said of a call that carried no signature, in place of the styles: none has anything to compare. */
export const NOTHING_TO_MATCH = 'Not signed: there is nothing to match.';

/** Said of a signed call that arrived with no HMAC key set, in place of the styles: none was tried. */
export const NO_STYLE_TRIED = 'Not checked: no HMAC key was set when this call arrived, so no signing style was tried.';

/** The diagnosis the verdict line shows first: the cause, before any timestamp remark. */
export function leadDiagnosis<D extends Pick<Diagnosis, 'code'>>(diagnosis: readonly D[]): D | null {
  return diagnosis.find((d) => !isTimestampRemark(d)) ?? null;
}

/**
 * Verdicts that say the signature failed, and so have a cause worth a line of its own. Not
 * `no-key` (nothing was checked), `unsigned-test` (fine) or `not-flowent` (its problem says why).
 */
export const VERDICTS_WITH_CAUSE: readonly Verdict[] = ['invalid', 'malformed', 'missing'];

/** Why a call's signature failed, in the sentence its details lead with; null when it did not fail. */
export function signatureCause(verdict: Verdict, diagnosis: readonly Pick<Diagnosis, 'code' | 'message'>[]): SignatureCause | null {
  if (!VERDICTS_WITH_CAUSE.includes(verdict)) return null;
  const lead = leadDiagnosis(diagnosis);
  return lead ? { code: lead.code, message: lead.message } : null;
}

/**
 * Said of a valid call from Flowent that the learned style does not sign, beside its verdict:
 * "Signed unlike the other Flowent calls (learned: python, from 4 calls); a handler that
 * verifies as python rejects it." Styles as the front end names them (`say`).
 */
function signedUnlikeLearnedWords({ style, fromCalls }: SignedUnlikeLearned, say: Pick<SigningVocabulary, 'style'>): string {
  const learned = say.style(style);
  return `Signed unlike the other Flowent calls (learned: ${learned}, from ${counted(fromCalls, 'call')}); a handler that verifies as ${learned} rejects it.`;
}

/**
 * The note beside a valid call's verdict that it is signed unlike the learned style, or null:
 * said once in a call's details, where it explains most. When its handler rejected the call,
 * the handler's diagnosis says it ("this call was signed with go, ... though most of this
 * Flowent's calls are signed with python") where "why did my handler reject it" is looked for,
 * with a verifier for each style: the verdict then says nothing more. Otherwise the verdict
 * says it. The page's details and `calls <id>` both follow this.
 */
export function signedUnlikeLearnedNote(
  call: Pick<CallDetail, 'signedUnlikeLearned' | 'handler'>,
  say: Pick<SigningVocabulary, 'style'>,
): string | null {
  const unlike = call.signedUnlikeLearned;
  if (unlike === null) return null;
  if (mostCallsNamed(call.handler?.diagnosis ?? null) === unlike.style) return null;
  return signedUnlikeLearnedWords(unlike, say);
}

/**
 * How many of the valid Flowent calls the learned style signs, and the others by the style they
 * were signed in: "python, 4 of 5 calls; 1 signed go". Null when it signs them all.
 */
export function learnedStyleCountWords(
  { style, fromCalls, contrary }: Pick<LearnedStyleInfo, 'style' | 'fromCalls' | 'contrary'>,
  say: Pick<SigningVocabulary, 'style'>,
): string | null {
  if (contrary.length === 0) return null;
  const total = contrary.reduce((sum, unlike) => sum + unlike.calls, fromCalls);
  const unlike = contrary.map((other) => `${countWords(other.calls)} signed ${say.style(other.style)}`).join(', ');
  return `${say.style(style)}, ${countWords(fromCalls)} of ${counted(total, 'call')}; ${unlike}`;
}

/** The signature panel when no style matched the signature, of the `tried` styles. */
export function noStyleMatchedWords(tried: number): string {
  return `No signing style matched (${tried} tried).`;
}

/** The signature panel's button that shows every style checked (`count`), or folds those that signed the same bytes. */
export function styleFoldWords(every: boolean, count: number): string {
  return every ? 'Fold styles that signed the same bytes' : `Show every style (${count})`;
}
