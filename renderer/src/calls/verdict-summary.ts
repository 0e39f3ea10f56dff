import type { CallDetail } from '../../../main/contract/api';
import {
  FAILED_SIGNATURE_HEADLINE,
  failedRegistrationCheckTodo,
  failedRegistrationCheckWords,
  isTimestampRemark,
  leadDiagnosis,
  noAnswerCause,
  notFlowentHeadline,
  PASSED_REGISTRATION_CHECK,
  refusedForRequest,
  requestRefusedHeadline,
  signedUnlikeLearnedNote,
  spoiledSignatureLine,
  storedWrongSignatureOutcome,
  UNSIGNED_CHECK_IS_FINE,
  validSignatureHeadline,
  wrongSignatureFinding,
} from '../../../main/contract/words';
import { styleLabel } from '../../../main/contract/style-labels';

export type Tone = 'ok' | 'bad' | 'warn' | 'info' | 'neutral';

/** The one line a call's details open with: what happened, why, and what to do. */
export interface VerdictSummary {
  tone: Tone;
  headline: string;
  /** Why, when the headline alone does not say it. */
  detail: string | null;
  /** What to do, when there is something to do. */
  hint: string | null;
}

export function summarize(call: CallDetail): VerdictSummary {
  const report = call.signature;
  const lead = leadDiagnosis(report.diagnosis);
  const stamp = report.diagnosis.find(isTimestampRemark) ?? null;
  // The companion answered the 4xx itself for what is wrong with the request: that is why the
  // call failed, whatever its signature (whose advice, such as signing it or turning
  // enforcement off, would not have changed the answer). The signature's verdict stays in the
  // title's badge and its own section below.
  if (refusedForRequest(call) && report.verdict !== 'not-flowent') {
    return {
      tone: 'bad',
      headline: requestRefusedHeadline(call.problem),
      detail: call.problemMessage,
      hint: null,
    };
  }
  // Spoiled on purpose: its invalid signature is the point; what matters is whether the handler refused it.
  if (call.spoiledSignature && report.verdict === 'invalid') return spoiledSummary(call);
  switch (report.verdict) {
    case 'not-flowent':
      return {
        tone: 'neutral',
        headline: notFlowentHeadline(call.problem),
        detail: call.problemMessage ?? lead?.message ?? null,
        hint: null,
      };
    case 'valid': {
      const style = report.styles.find((s) => s.style === report.style)?.label ?? report.style;
      // Valid, but a handler written for the style the other Flowent calls taught rejects it: said
      // first, unless the handler's box below says it (it rejected the call). Either way the line
      // is no all-clear: told below or here, the style is why such a call fails.
      const unlike = signedUnlikeLearnedNote(call, { style: styleLabel });
      return {
        tone: stamp || call.signedUnlikeLearned !== null ? 'warn' : 'ok',
        headline: validSignatureHeadline(style, report.styles),
        detail: [unlike, stamp?.message].filter(Boolean).join(' ') || null,
        hint: stamp?.hint ?? null,
      };
    }
    case 'unsigned-test':
      // A check that passed has nothing to do, only how it passed; one that failed, what to do.
      // A failed one leads with the failure: its missing signature, as Flowent sends it, is no cause and comes after.
      return passed(call)
        ? { tone: 'info', headline: lead?.message ?? UNSIGNED_CHECK_IS_FINE, detail: PASSED_REGISTRATION_CHECK, hint: null }
        : {
            tone: 'bad',
            headline: failedRegistrationCheckWords({
              cause: noAnswerCause(call.violations),
              status: call.response.status,
              answeredBy: call.answeredBy,
            }),
            detail: lead?.message ?? UNSIGNED_CHECK_IS_FINE,
            hint: failedCheckTodo(call, lead?.hint ?? null),
          };
    case 'invalid':
    case 'malformed':
    case 'missing':
    case 'no-key':
      return {
        tone: report.verdict === 'invalid' || report.verdict === 'malformed' ? 'bad' : 'warn',
        headline: FAILED_SIGNATURE_HEADLINE[report.verdict],
        detail: [lead?.message, stamp?.message].filter(Boolean).join(' ') || null,
        hint: lead?.hint ?? null,
      };
    default: {
      const never: never = report.verdict;
      return never;
    }
  }
}

/** A call this companion signed, then spoiled on purpose: who did, and the handler's verdict in send's and Simulate's words. */
function spoiledSummary(call: CallDetail): VerdictSummary {
  const outcome = storedWrongSignatureOutcome(call);
  const finding = wrongSignatureFinding(outcome);
  return {
    tone: finding === 'refused' ? 'ok' : finding === 'accepted' ? 'bad' : 'warn',
    ...spoiledSignatureLine(call.source, outcome),
    hint: null,
  };
}

function passed(call: CallDetail): boolean {
  return call.response.status >= 200 && call.response.status < 300;
}

/** What to do about a failed registration check: the signature's advice only when the answer refused it for one. */
function failedCheckTodo(call: CallDetail, signatureTodo: string | null): string | null {
  return failedRegistrationCheckTodo({
    cause: noAnswerCause(call.violations),
    status: call.response.status,
    refusedSignature: call.handler?.verdict === 'refused',
    signatureTodo,
  });
}
