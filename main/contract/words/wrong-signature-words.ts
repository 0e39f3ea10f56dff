import type { AnsweredBy } from '../names-and-limits';

/**
 * What a call sent with its signature spoiled on purpose showed: the handler refused it (4xx,
 * what a handler that checks signatures does), accepted it (2xx: it does not check them),
 * answered neither way (3xx, 5xx), or was never asked (no answer, or a companion's webhook
 * answered in its place: its mock, or its own signature check).
 */
export type WrongSignatureFinding = 'refused' | 'accepted' | 'unclear' | 'not-reached' | 'answered-elsewhere';

export function wrongSignatureFinding(outcome: { status: number; answeredBy: AnsweredBy }): WrongSignatureFinding {
  if (outcome.status === 0) return 'not-reached';
  if (outcome.answeredBy !== 'forward') return outcome.answeredBy === 'forward-error' ? 'not-reached' : 'answered-elsewhere';
  if (outcome.status >= 200 && outcome.status < 300) return 'accepted';
  if (outcome.status >= 400 && outcome.status < 500) return 'refused';
  return 'unclear';
}

/** Whether the check passed: only a refusal is what a handler that checks signatures does. */
export function wrongSignatureRefused(outcome: { status: number; answeredBy: AnsweredBy }): boolean {
  return wrongSignatureFinding(outcome) === 'refused';
}

/** What was sent, said beside the style: the wrong signature is no mistake of the sender's. */
export const WRONG_SIGNATURE_SENT = 'its signature then spoiled on purpose';

/** The verdict on a call sent with a wrong signature, in every front end. */
export function wrongSignatureWords(outcome: { status: number; answeredBy: AnsweredBy }): string {
  const finding = wrongSignatureFinding(outcome);
  switch (finding) {
    case 'refused':
      return `your handler refused the call with a wrong signature (${outcome.status}), as it should: it checks signatures`;
    case 'accepted':
      return `your handler accepted a call with a wrong signature (${outcome.status}): it does not check signatures, so anyone who knows its URL can make it run the action`;
    case 'unclear':
      return `your handler answered ${outcome.status}, neither accepting nor refusing the call: a handler that checks signatures answers a wrong one with a 4xx such as 401`;
    case 'not-reached':
      return 'no answer from your handler: nothing checked the signature. Start your handler, or check its URL, and send it again';
    case 'answered-elsewhere':
      return "this companion's webhook answered in place of your handler (its mock, or its own signature check): your handler never judged the signature. Send the call straight to your handler's URL";
    default: {
      const never: never = finding;
      throw new Error(`unhandled finding ${String(never)}`);
    }
  }
}
