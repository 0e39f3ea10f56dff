import type { Diagnosis } from '../../contract/api';
import { HMAC_KEY_ENV } from '../../contract/secret-variables';
import { STYLES } from '../signature';
import { handlerStyles, type CheckedCall, type HandlerKnowledge } from './handler-memory';
import { stylesInWords, styleInWords } from './style-words';
import type { HandlerSignatureVerdict } from './verdict';
import type { StyleName } from '../../contract/names-and-limits';

/** The command that prints a verifier (for a style, when it matters), as a hint spells it. */
export function verifierCommand(style?: StyleName): string {
  return `flowent-companion verifier <python|node|go>${style === undefined ? '' : ` --style ${style}`}`;
}

const KEY_HINT = `Check that your handler's ${HMAC_KEY_ENV} equals the key set here (Flowent's admin panel, Gateway Management > HMAC Keys), and that it verifies the body bytes as received, not a copy re-encoded by a framework.`;

function plural(count: number, one: string): string {
  return `${count} ${one}${count === 1 ? '' : 's'}`;
}

/** "So far it accepted 3 calls with a valid signature and refused 2." */
function soFar(known: HandlerKnowledge): string {
  return `So far it accepted ${plural(known.accepted, 'call')} with a valid signature and refused ${known.refused}.`;
}

/**
 * What to tell the developer about their handler's verdict on one call, or null when there is
 * nothing to add to the usual signature diagnosis. `known` is what this handler has taught so
 * far, this call included (see learnFromAnswer).
 *
 * - A valid signature refused: which style this call was signed in (and `learned`, the style
 *   most of this Flowent's calls are signed in, when this call is not valid in it), which styles the handler
 *   verifies with as far as its answers tell, and the command that prints a fitting verifier.
 *   When every style gives this call the same signed text, or no single style fits all the
 *   handler accepted and refused, the serialization cannot be the cause: the key is.
 * - An invalid or missing signature accepted: the handler does not check (or has another key).
 * - Flowent's unsigned registration check refused: registration would fail.
 */
export function diagnoseHandler(
  call: CheckedCall,
  handler: HandlerSignatureVerdict,
  known: HandlerKnowledge,
  learned: StyleName | null = null,
): Diagnosis | null {
  const answered = `(it answered ${handler.evidence})`;
  if (handler.verdict === 'refused' && call.verdict === 'valid' && call.validIn.length > 0) {
    return refusedValid(call.validIn, answered, known, learned);
  }
  if (handler.verdict === 'refused' && call.verdict === 'unsigned-test') {
    return {
      code: 'handler-refused-registration-check',
      message: `Your handler refused Flowent's registration check ${answered}. Flowent sends it with "test": true and no signature; refused, the action cannot be registered.`,
      hint: `Answer calls with "test": true with a 2xx before checking the signature (the verifier that ${verifierCommand()} prints does).`,
    };
  }
  if (handler.verdict === 'accepted' && (call.verdict === 'invalid' || call.verdict === 'malformed')) {
    return {
      code: 'handler-accepted-invalid-signature',
      message: `Your handler accepted a call whose signature is not valid with the key set here ${answered}: either it does not check signatures, or its key differs from this one.`,
      hint: `Make your handler refuse a wrong signature with 401 (${verifierCommand()} prints one that does), and check that the key set here is the one in Flowent's admin panel.`,
    };
  }
  if (handler.verdict === 'accepted' && call.verdict === 'missing') {
    return {
      code: 'handler-accepted-unsigned',
      message: `Your handler accepted a call without a signature ${answered}: anyone who can reach it can run the action.`,
      hint: `Refuse calls without a signature with 401, except Flowent's registration check ("test": true). ${verifierCommand()} prints a verifier that does.`,
    };
  }
  return null;
}

function refusedValid(validIn: readonly StyleName[], answered: string, known: HandlerKnowledge, learned: StyleName | null): Diagnosis {
  const signed = validIn[0]!;
  // A call signed otherwise than most: "this Flowent signs with" would contradict the learned style.
  const otherThanMost = learned !== null && !validIn.includes(learned) ? learned : null;
  const { possible } = handlerStyles(known);
  const notTheSerialization = (why: string): Diagnosis => ({
    code: 'handler-refused-valid-signature',
    message: `Your handler refused a valid signature ${answered}, and ${why}: the way it serializes the body is not the cause. ${soFar(known)}`,
    hint: KEY_HINT,
  });
  if (validIn.length >= STYLES.length) return notTheSerialization('every known style gives the same signed text for this call');
  if (possible.length === 0 && known.accepted > 0) {
    return notTheSerialization('no single signing style fits every call it accepted and refused (its key may have changed since)');
  }
  // This call's style, said as such: the replay section names the style learned from all calls.
  const flowent =
    `this call was signed with ${styleInWords(signed)}` +
    (otherThanMost === null ? '' : `, though most of this Flowent's calls are signed in the ${otherThanMost} style`);
  const handlerSide =
    possible.length > 0
      ? `Your handler verifies with ${stylesInWords(possible)}; ${flowent}.`
      : `T${flowent.slice(1)}, and your handler has not accepted a signed call yet: it verifies with another serialization, or with another key.`;
  return {
    code: 'handler-signature-style-mismatch',
    message: `Your handler refused a valid signature ${answered}. ${handlerSide} ${soFar(known)}`,
    hint:
      `${verifierCommand(signed)} prints a verifier that accepts how this call was signed` +
      (otherThanMost === null ? '.' : `; ${verifierCommand(otherThanMost)} one for most of this Flowent's calls.`),
  };
}
