import type { HandlerDiagnosis } from '../../contract/api';
import { handlerStyles, signedAlikeInEveryStyle, type CheckedCall, type HandlerKnowledge } from './handler-memory';
import type { HandlerSignatureVerdict } from './verdict';
import { saysKeyUnset } from './refusal-words';
import type { StyleName } from '../../contract/names-and-limits';
import { STYLES } from '../signature';

/**
 * What to tell the developer about their handler's verdict on one call, as a code and its
 * parameters (worded by handlerDiagnosisWords, main/contract/words), or null when there is
 * nothing to add to the usual signature diagnosis. `known` is what this handler has taught so
 * far, this call included (see learnFromAnswer): the report carries it beside the diagnosis.
 *
 * - A valid signature refused: which style this call was signed in (its `named` style, as every
 *   view names it), and `learned`, the style most of this Flowent's calls are signed in, when
 *   this call is not valid in it. When every
 *   style gives this call the same signed text, or no single style fits all the handler
 *   accepted and refused, or it never accepted one and refused every style, no known style is
 *   the cause: its key differs, or it signs text no known style produces (spaces after `,`, the
 *   signature left in). When it has accepted this call's style since (read later, after the
 *   handler was changed), that is said instead. When it never
 *   accepted a signed call, no style was learned: not a style mismatch, whatever the cause.
 * - An invalid signature accepted: the handler does not check (or has another key), unless the
 *   signature is valid once the key set here is trimmed or the digest read in lowercase: then the
 *   handler is right and that is what is off; a malformed
 *   or missing one: it does not check (no key gives a signature that is not 64 hex characters).
 * - A valid signature refused by a handler whose answer says it has no key set: that, whatever
 *   the styles say.
 * - Flowent's unsigned registration check refused: registration would fail.
 */
export function diagnoseHandler(
  call: CheckedCall,
  handler: HandlerSignatureVerdict,
  known: HandlerKnowledge,
  learned: StyleName | null = null,
): HandlerDiagnosis | null {
  if (handler.verdict === 'refused' && call.verdict === 'valid' && saysKeyUnset(handler.evidence)) {
    // Its own words name the cause: no style and no record of its verdicts says more.
    return { code: 'handler-refused-valid-signature', cause: 'key-unset' };
  }
  if (handler.verdict === 'refused' && call.verdict === 'valid' && call.validIn.length > 0) {
    return refusedValid(call.validIn, call.named ?? call.validIn[0]!, known, learned);
  }
  if (handler.verdict === 'refused' && call.verdict === 'unsigned-test') return { code: 'handler-refused-registration-check' };
  if (handler.verdict === 'accepted' && call.verdict === 'invalid') {
    // Valid under the key trimmed, or read in lowercase: the handler is right, not to be told to reject it.
    const corrected = call.validOnceCorrected ?? null;
    return corrected === null
      ? { code: 'handler-accepted-invalid-signature' }
      : { code: 'handler-accepted-valid-once-corrected', cause: corrected };
  }
  if (handler.verdict === 'accepted' && call.verdict === 'malformed') return { code: 'handler-accepted-malformed-signature' };
  if (handler.verdict === 'accepted' && call.verdict === 'missing') return { code: 'handler-accepted-unsigned' };
  return null;
}

function refusedValid(
  validIn: readonly StyleName[],
  signedIn: StyleName,
  known: HandlerKnowledge,
  learned: StyleName | null,
): HandlerDiagnosis {
  const styles = handlerStyles(known);
  // Read after the call, what it did since counts: this call's refusal is no longer in the record when it accepts its style now.
  const acceptedSince = validIn.find((style) => styles.possible.includes(style));
  if (acceptedSince !== undefined)
    return {
      code: 'handler-refused-valid-signature',
      cause: 'accepted-since',
      signedIn: styles.possible.includes(signedIn) ? signedIn : acceptedSince,
    };
  if (signedAlikeInEveryStyle(validIn)) return { code: 'handler-refused-valid-signature', cause: 'styles-alike' };
  if (styles.possible.length === 0 && known.accepted > 0) return { code: 'handler-refused-valid-signature', cause: 'no-style-fits' };
  // Refused in every known style and never accepted: not "another style", whatever this call's is.
  if ((known.refusedAlike ?? 0) > 0 || styles.refused.length === STYLES.length)
    return { code: 'handler-refused-valid-signature', cause: 'every-style-refused' };
  // A call signed otherwise than most: "this Flowent signs with" would contradict the learned style.
  const mostCallsIn = learned !== null && !validIn.includes(learned) ? learned : null;
  // Never a signed call accepted: no style was learned, so a script told "style mismatch" would be told more than is known.
  if (known.accepted === 0) return { code: 'handler-refused-valid-signature', cause: 'none-accepted', signedIn, mostCallsIn };
  return { code: 'handler-signature-style-mismatch', signedIn, mostCallsIn };
}
