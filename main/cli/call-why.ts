import type { CallSummary, CompanionApi, HandlerDiagnosis } from '../contract/api';
import {
  answerErrorWords,
  handlerDiagnosisText,
  handlerMayDisagree,
  mockTemplateFailed,
  noAnswerCause,
  parameterProblemsText,
  type DiagnosisMoment,
} from '../contract/words';
import { cliProbeVocabulary } from './probe-output';

/** Why the handler and the companion disagree about a call's signature: its code, and its words as the page says them. */
export interface HandlerWhy {
  code: HandlerDiagnosis['code'];
  message: string;
}

/**
 * What a call's lines say beyond its summary, read from the core: the handler's diagnosis, what
 * its parameters break of the action's schema, why its mock's template failed (the summary
 * says only `mock failed`; the page quotes the mock's error), and the failed answer's own
 * error, as the page's problem box quotes it (`Your handler's error: “database is down”`: the
 * `!` line says only that it answered 500) (null: nothing to say, or not checked).
 */
export interface CallWhy {
  handler: HandlerWhy | null;
  parameters: string | null;
  mock: string | null;
  answerError: string | null;
}

export const NOTHING_MORE: CallWhy = { handler: null, parameters: null, mock: null, answerError: null };

type AnswerSummary = Pick<CallSummary, 'violations' | 'problem'>;

/**
 * Whether a call's answer may carry an error of its own to quote: one came and broke Flowent's
 * contract (the page quotes it only then), and it is not a failed mock template, whose `why:`
 * line quotes that error already.
 */
function answerErrorMayBeQuoted(call: AnswerSummary): boolean {
  // Summaries from before migration 3 (or from older inspectors) may lack the field.
  const violations = call.violations ?? [];
  return violations.length > 0 && noAnswerCause(violations) === null && !mockTemplateFailed(call);
}

/**
 * Whether a call's parameters are checked: the calls the page checks (a named action, not
 * Flowent's registration check, a call Flowent could have sent).
 */
function parametersApply(call: Pick<CallSummary, 'action' | 'test' | 'verdict'>): boolean {
  return call.action !== null && !call.test && call.verdict !== 'not-flowent';
}

/**
 * Whether `readCallWhy` has anything to read for a call, decided from its summary alone: most
 * calls (a handler that agrees, no handler at all) cost nothing more than their line.
 */
export function needsWhy(
  call: Pick<CallSummary, 'action' | 'test' | 'verdict' | 'handlerSignature' | 'problem' | 'violations'>,
  checkParameters: boolean,
): boolean {
  return (
    handlerMayDisagree(call.verdict, call.handlerSignature) ||
    (checkParameters && parametersApply(call)) ||
    mockTemplateFailed(call) ||
    answerErrorMayBeQuoted(call)
  );
}

/**
 * Reads what `needsWhy` says a call may have: the call's details (every style checked) only
 * when its handler may disagree or its mock failed, and the parameter check when `checkParameters`.
 * `moment`: whether the call's lines are printed as it came or read later (see DiagnosisMoment).
 */
export async function readCallWhy(
  api: Pick<CompanionApi, 'getCall' | 'checkParameters'>,
  call: Pick<CallSummary, 'id' | 'action' | 'test' | 'verdict' | 'handlerSignature' | 'problem' | 'violations'>,
  checkParameters: boolean,
  moment: DiagnosisMoment,
): Promise<CallWhy> {
  const handler = handlerMayDisagree(call.verdict, call.handlerSignature) ? await handlerWhy(api, call.id, moment) : null;
  const parameters = checkParameters && parametersApply(call) ? await parameterWhy(api, call.id, call.action ?? '') : null;
  const mock = await mockFailedWhy(api, call);
  const answerError = await answerErrorWhy(api, call);
  return { handler, parameters, mock, answerError };
}

/** A stored call's failed answer's own error, in the page's problem box's words; null when there is none to quote. */
export async function answerErrorWhy(
  api: Pick<CompanionApi, 'getCall'>,
  call: Pick<CallSummary, 'id'> & AnswerSummary,
): Promise<string | null> {
  if (!answerErrorMayBeQuoted(call)) return null;
  const detail = await api.getCall(call.id);
  return detail === null ? null : answerErrorWords(detail);
}

/** Why a stored call's mock failed to answer it, quoting the mock's error as the page does; null when its mock did not fail. */
export async function mockFailedWhy(api: Pick<CompanionApi, 'getCall'>, call: Pick<CallSummary, 'id' | 'problem'>): Promise<string | null> {
  return mockTemplateFailed(call) ? ((await api.getCall(call.id))?.problemMessage ?? null) : null;
}

/** The handler's diagnosis of a stored call, in the command line's words, said as the call came or read later; null when it has none. */
export async function handlerWhy(api: Pick<CompanionApi, 'getCall'>, id: number, moment: DiagnosisMoment): Promise<HandlerWhy | null> {
  const report = (await api.getCall(id))?.handler;
  if (!report?.diagnosis) return null;
  const message = handlerDiagnosisText({ ...report, diagnosis: report.diagnosis }, cliProbeVocabulary(id), moment);
  return { code: report.diagnosis.code, message };
}

/**
 * Why a companion's webhook refused a stored call for its signature (it enforces signatures), as
 * its check said: the sender's record holds the serve's check (see loop-answer). Null otherwise.
 */
export async function signatureRefusalWhy(api: Pick<CompanionApi, 'getCall'>, id: number): Promise<string | null> {
  const call = await api.getCall(id);
  return call?.answeredBy === 'signature-check' ? (call.signatureDiagnosis?.message ?? null) : null;
}

/** What a stored call's parameters break of its action's schema; null when they meet it, or there is no schema to check. */
export async function parameterWhy(api: Pick<CompanionApi, 'checkParameters'>, id: number, action: string): Promise<string | null> {
  const checked = await api.checkParameters(id);
  return checked.ok ? parameterProblemsText(checked.value, action) : null;
}
