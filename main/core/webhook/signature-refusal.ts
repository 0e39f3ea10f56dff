import type { SignatureReport } from '../../contract/api';
import { errorAnswer, type Answer } from '../protocol/answers';
import type { FlowentCall } from '../protocol/call-body';
import { signatureRefusalWords } from '../../contract/words/request-refusal-words';

/**
 * The companion's own refusal of a well-formed call, before mocks or forwarding: with
 * enforcement on, every call but the registration check (which Flowent may send unsigned)
 * must carry a valid signature, refused the way the docs' example handler refuses it.
 * Null: the call goes on to the mock or the developer's handler.
 */
export function refuseBySignature(call: FlowentCall, signature: SignatureReport, enforceSignatures: boolean): Answer | null {
  if (call.test || !enforceSignatures || signature.verdict === 'valid') return null;
  return errorAnswer(401, signatureRefusalWords(signature.verdict));
}
