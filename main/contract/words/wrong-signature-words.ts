import type { AnsweredBy, CallSource } from '../names-and-limits';
import type { HandlerSignature } from '../names-and-limits';
import type { CallDetail } from '../calls';
import { answerError } from './answer-error-words';

/**
 * What a call sent with its signature spoiled on purpose showed, judged as every call's handler
 * verdict is (main/core/handler-check/verdict.ts: its status and its error text): the handler
 * refused it for its signature (a 401 or 403, or any answer whose error complains about the
 * signature, a 200 {"error":"Invalid signature"} included); refused it so, but has not accepted a
 * call with a valid signature yet, so the refusal proves nothing (it may refuse every call: a CSRF
 * check in front of it, another key); refused it with another 4xx, or a 401/403 naming another
 * cause (not clearly for its signature); accepted it (a 2xx: it does not check them); answered
 * neither way (3xx, 5xx); or was never asked (no answer, or a companion's webhook answered in its
 * place: its mock, or its own signature check).
 */
export type WrongSignatureFinding =
  'refused' | 'refused-unproven' | 'refused-otherwise' | 'accepted' | 'unclear' | 'not-reached' | 'answered-elsewhere';

/** What a call with a wrong signature got back: `answer` is the answer's body as text. */
export interface WrongSignatureOutcome {
  status: number;
  answeredBy: AnsweredBy;
  answer: string;
  /** The handler's verdict on the signature, as stored with the call; null when none was (an older version's call). */
  handlerSignature: HandlerSignature | null;
  /** Calls with a valid signature the handler has accepted so far (its URL, this key); null when not known. */
  validAccepted: number | null;
  /**
   * Judged later than it was answered (a stored call's details): `validAccepted` counts the valid
   * calls accepted until now, so the verdict may differ from the one given when it was sent, and says so.
   */
  judgedNow?: boolean;
}

type Judged = Pick<WrongSignatureOutcome, 'status' | 'answeredBy' | 'handlerSignature' | 'validAccepted'>;

/** The statuses that say a signature was refused: 401 as the docs' handler answers, 403 as some frameworks do. */
const SIGNATURE_REFUSALS: readonly number[] = [401, 403];

/** The handler's verdict by its status alone, for a call stored without one. */
function byStatus(status: number): HandlerSignature {
  if (status >= 200 && status < 300) return 'accepted';
  return SIGNATURE_REFUSALS.includes(status) ? 'refused' : 'unknown';
}

export function wrongSignatureFinding(outcome: Judged): WrongSignatureFinding {
  if (outcome.status === 0) return 'not-reached';
  if (outcome.answeredBy !== 'forward') return outcome.answeredBy === 'forward-error' ? 'not-reached' : 'answered-elsewhere';
  const verdict = outcome.handlerSignature ?? byStatus(outcome.status);
  if (verdict === 'accepted') return 'accepted';
  if (verdict === 'refused') return outcome.validAccepted === 0 ? 'refused-unproven' : 'refused';
  if (outcome.status >= 400 && outcome.status < 500) return 'refused-otherwise';
  return 'unclear';
}

/**
 * Whether the check passed: only a refusal for the signature, by a handler seen accepting a
 * valid one, shows that it checks signatures. Another 4xx fails: the handler may have stopped at
 * something else first and never looked at the signature; so does a refusal by a handler that
 * refuses valid signatures as well.
 */
export function wrongSignatureRefused(outcome: Judged): boolean {
  return wrongSignatureFinding(outcome) === 'refused';
}

/**
 * A stored call's outcome, for its details: what its handler has accepted is counted as of now
 * (as the handler's record in the details is), so a refusal proves more once a valid call was
 * accepted, and the verdict says it is judged so (`judgedNow`).
 */
export function storedWrongSignatureOutcome(
  call: Pick<CallDetail, 'response' | 'answeredBy' | 'handlerSignature' | 'handler'>,
): WrongSignatureOutcome {
  return {
    status: call.response.status,
    answeredBy: call.answeredBy,
    answer: call.response.body,
    handlerSignature: call.handlerSignature,
    validAccepted: call.handler?.known.accepted ?? null,
    judgedNow: true,
  };
}

/** Said after a verdict that rests on what the handler accepted, when that is counted until now rather than when the call was sent. */
const JUDGED_NOW = '; judged with what your handler has accepted until now, not when this call was sent';

/** What was sent, said beside the style: the wrong signature is no mistake of the sender's. */
export const WRONG_SIGNATURE_SENT = 'its signature then spoiled on purpose';

/** Longest piece of an answer quoted in a verdict: enough for an error message, not a page of HTML. */
const QUOTED_MAX = 120;

/** What the answer said: its JSON `error` when it has one, else its body, cut short. */
function answerSaid(answer: string): string {
  // Its `error` when it gives one (as the problem box quotes it), else the body itself.
  const said = answerError(answer) ?? answer.trim();
  if (said === '') return 'an empty body';
  // By code points, so a cut never splits a character in two.
  const chars = [...said];
  return `"${chars.length > QUOTED_MAX ? `${chars.slice(0, QUOTED_MAX).join('')}…` : said}"`;
}

/** The verdict on a call sent with a wrong signature, in every front end. */
export function wrongSignatureWords(outcome: WrongSignatureOutcome): string {
  const finding = wrongSignatureFinding(outcome);
  const words = findingWords(finding, outcome);
  // Only a refusal's verdict rests on what the handler accepted (a refusal proves nothing from a handler that accepted none).
  const restsOnRecord = finding === 'refused' || finding === 'refused-unproven';
  return outcome.judgedNow && restsOnRecord ? `${words}${JUDGED_NOW}` : words;
}

function findingWords(finding: WrongSignatureFinding, outcome: WrongSignatureOutcome): string {
  switch (finding) {
    case 'refused':
      if (outcome.status >= 200 && outcome.status < 300)
        return (
          `your handler refused the call with a wrong signature, as it should: it checks signatures. But it answered ${outcome.status} with ${answerSaid(outcome.answer)}, ` +
          'and Flowent counts a 2xx as the action done: answer a wrong signature with 401 {"error":"Invalid signature"}, as Flowent\'s docs do'
        );
      return `your handler refused the call with a wrong signature (${outcome.status}), as it should: it checks signatures`;
    case 'refused-unproven':
      return (
        `your handler refused the call with a wrong signature (${outcome.status}), but it has not accepted a call with a valid signature yet: ` +
        'this proves nothing, as it may refuse every call (a check in front of it, such as CSRF, or another key). ' +
        'Send it a call with a valid signature and see that it accepts it, then spoil the signature again'
      );
    case 'refused-otherwise':
      return (
        `your handler refused the call, but not clearly for its signature: it answered ${outcome.status} with ${answerSaid(outcome.answer)}. ` +
        'Check that it verifies the signature before anything else (its JSON, its parameters, its path) and answers a wrong one with 401 {"error":"Invalid signature"}, as Flowent\'s docs do'
      );
    case 'accepted':
      return `your handler accepted a call with a wrong signature (${outcome.status}): it does not check signatures, so anyone who knows its URL can make it run the action`;
    case 'unclear':
      return `your handler answered ${outcome.status}, neither accepting nor refusing the call: a handler that checks signatures answers a wrong one with 401`;
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

/**
 * Who spoiled a stored call's signature on purpose, said where the call is shown (its line, its
 * details): its wrong signature is a check of the handler, not a caller's mistake.
 */
export function spoiledOnPurposeWords(source: CallSource): string {
  return source === 'simulator'
    ? 'signature spoiled on purpose by send --wrong-signature / Simulate'
    : "signature spoiled on purpose by replay --probe-styles / Check my handler's verifier";
}
