import { validOnceCorrected, type HandlerReport } from '../../contract/api';
import type { SignatureReport } from '../../contract/api';
import { targetForAction } from '../../contract/action-name';
import { handlerKeyFor } from '../answers/handler-lesson';
import type { HandlerKnownFor } from '../../contract/handlers';
import { diagnoseHandler, handlerStyles, judgeHandlerSignature, type CheckedCall, type HandlerKnowledge } from '../handler-check';
import { validStyles } from '../signature';
import type { StoredCall } from '../store/call-rows';
import { NO_KEY, type KeyedHandlerMemory } from '../store/handlers-repository';
import type { StyleName } from '../../contract/names-and-limits';

/** The style most of this Flowent's calls were signed in for the current key; `fromCalls` 0: nothing learned yet. */
export interface LearnedSigning {
  style: StyleName;
  fromCalls: number;
}

/**
 * What a call's details say about the handler that answered it: its verdict on the signature
 * (stored with the call), the part of its answer that decided, what the handler taught so far
 * about the key the call was checked with (read now, so the details of an older call show all
 * that is known) and, when the handler and the companion disagree, what that means. Null when no
 * handler answered.
 *
 * `signature` is the call's report as completeReport gives it (every style listed, the ones it
 * could not work out again without a digest), `learnedStyle` the style this
 * Flowent was seen to sign with for the current key (what the replay section names): the
 * diagnosis names this call's own style, and the learned one beside it when this call is not
 * valid in it.
 */
export function handlerReport(
  call: StoredCall,
  signature: SignatureReport,
  memory: KeyedHandlerMemory,
  learnedStyle: () => LearnedSigning,
): HandlerReport | null {
  if (call.handlerSignature === null || call.handlerTarget === null) return null;
  const { evidence } = judgeHandlerSignature(call.response);
  const learned = learnedStyle();
  // From the stored match and body, not from the matched flags: those of a call checked up to
  // its first match are complete only while the key it was checked with is set.
  const validIn = validStyles(signature, call.requestBody);
  const checked: CheckedCall = {
    verdict: signature.verdict,
    validIn,
    validOnceCorrected: validOnceCorrected(signature.diagnosis.map((d) => d.code)),
    // The name the call's line and details give it, chosen by styleNamed when it was stored (the
    // style it was signed with here, else its handler's): read back, not chosen again from what is known now.
    named: validIn.find((style) => style === signature.style) ?? validIn[0] ?? null,
  };
  const { known, knownFor } = lessonsOf(call, handlerKeyFor(call.handlerTarget, call.action), memory);
  const { possible, refused } = handlerStyles(known);
  return {
    verdict: call.handlerSignature,
    evidence,
    target: call.handlerTarget,
    reached: targetForAction(call.handlerTarget, call.action),
    diagnosis: diagnoseHandler(checked, { verdict: call.handlerSignature, evidence }, known, learned.fromCalls > 0 ? learned.style : null),
    known: {
      accepted: known.accepted,
      refused: known.refused,
      acceptedUnverified: known.acceptedUnverified,
      refusedUnverified: known.refusedUnverified,
      stylesAccepted: possible,
      stylesRefused: refused,
      refusedAlike: known.refusedAlike ?? 0,
    },
    knownFor,
    // The style this call was signed in, as the diagnosis names it; the learned one for a call
    // that is not validly signed.
    verifierStyle: checked.named ?? learned.style,
  };
}

/**
 * What the handler reached at `target` taught about the key `call` was checked with, whichever is
 * set now: a verdict on a call checked with one key says nothing of calls checked with another,
 * and the new key's record (empty at first) read as this call's handler having done nothing.
 * For a call that does not say which key checked it, the key set now's.
 */
function lessonsOf(call: StoredCall, target: string, memory: KeyedHandlerMemory): { known: HandlerKnowledge; knownFor: HandlerKnownFor } {
  if (call.keyFingerprint === null) return { known: memory.read(target), knownFor: 'key-not-recorded' };
  return { known: memory.readFor(target, call.keyFingerprint), knownFor: keyThenAndNow(call.keyFingerprint, memory.keyId()) };
}

/** How the key a call was checked with stands to the key set now: "another key" is not said of none. */
function keyThenAndNow(then: string, now: string): HandlerKnownFor {
  if (then === now) return 'key-set-now';
  if (now === NO_KEY) return 'no-key-now';
  return then === NO_KEY ? 'no-key-then' : 'key-changed';
}
