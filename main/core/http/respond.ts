import type { AnsweredBy, SignatureReport } from '../../contract/api';
import { defaultMockAnswer, errorAnswer, registrationCheckAnswer, type Answer } from './answers';
import type { FlowentCall } from './flowent-body';

export interface ChosenAnswer {
  answer: Answer;
  answeredBy: AnsweredBy;
}

/**
 * How a well-formed Flowent call is answered. The registration check passes whatever its
 * signature says (Flowent may send it unsigned); with enforcement on, everything else must
 * carry a valid signature, answered the way the docs' example handler answers.
 */
export function answerFlowentCall(call: FlowentCall, signature: SignatureReport, enforceSignatures: boolean): ChosenAnswer {
  if (call.test) return { answer: registrationCheckAnswer(call.action), answeredBy: 'test-check' };
  if (enforceSignatures && signature.verdict !== 'valid') {
    return { answer: errorAnswer(401, signatureRefusal(signature)), answeredBy: 'signature-check' };
  }
  return { answer: defaultMockAnswer(), answeredBy: 'mock' };
}

function signatureRefusal(signature: SignatureReport): string {
  switch (signature.verdict) {
    case 'missing':
      return 'Missing signature';
    case 'no-key':
      return 'Cannot verify the signature: no HMAC key is set in Flowent Companion (set FLOWENT_HMAC_KEY or the key in Settings)';
    default:
      return 'Invalid signature';
  }
}
