import type { CallDetail, CallSummary, CompanionApi, HandlerDiagnosis } from '../contract/api';
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
export function answerErrorMayBeQuoted(call: AnswerSummary): boolean {
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
 * Reads what `needsWhy` says a call may have: the call's details (every style checked) once, only
 * when its handler may disagree, its mock failed or its answer's own error may be quoted, and the
 * parameter check when `checkParameters`.
 * `moment`: whether the call's lines are printed as it came or read later (see DiagnosisMoment).
 */
export async function readCallWhy(
  api: Pick<CompanionApi, 'getCall' | 'checkParameters'>,
  call: Pick<CallSummary, 'id' | 'action' | 'test' | 'verdict' | 'handlerSignature' | 'problem' | 'violations'>,
  checkParameters: boolean,
  moment: DiagnosisMoment,
): Promise<CallWhy> {
  const wants: DetailWants = {
    handler: handlerMayDisagree(call.verdict, call.handlerSignature),
    mock: mockTemplateFailed(call),
    answerError: answerErrorMayBeQuoted(call),
  };
  const parameters = checkParameters && parametersApply(call) ? await parameterWhy(api, call.id, call.action ?? '') : null;
  return { ...(await readDetailWhy(api, call.id, wants, moment)), parameters };
}

/** Which of the sentences read from a call's details its lines need. */
export interface DetailWants {
  handler: boolean;
  mock: boolean;
  answerError: boolean;
}

/** What a call's details say beyond its summary: the handler's diagnosis, the failed mock's error, the failed answer's own error. */
export type DetailWhy = Pick<CallWhy, 'handler' | 'mock' | 'answerError'>;

const NOTHING_IN_DETAIL: DetailWhy = { handler: null, mock: null, answerError: null };

/**
 * Reads a stored call's details once, when any of `wants` applies, and says each wanted sentence
 * from that one read: a call whose handler disagrees and whose answer broke the contract needs
 * two, and reading the row twice would cost a failing call's line two queries.
 */
export async function readDetailWhy(
  api: Pick<CompanionApi, 'getCall'>,
  id: number,
  wants: DetailWants,
  moment: DiagnosisMoment,
): Promise<DetailWhy> {
  if (!wants.handler && !wants.mock && !wants.answerError) return NOTHING_IN_DETAIL;
  const detail = await api.getCall(id);
  if (detail === null) return NOTHING_IN_DETAIL;
  return {
    handler: wants.handler ? handlerWhyOf(detail, moment) : null,
    mock: wants.mock ? (detail.problemMessage ?? null) : null,
    answerError: wants.answerError ? answerErrorWords(detail) : null,
  };
}

/** The handler's diagnosis of a stored call, in the command line's words, said as the call came or read later; null when it has none. */
export async function handlerWhy(api: Pick<CompanionApi, 'getCall'>, id: number, moment: DiagnosisMoment): Promise<HandlerWhy | null> {
  const detail = await api.getCall(id);
  return detail === null ? null : handlerWhyOf(detail, moment);
}

function handlerWhyOf(detail: CallDetail, moment: DiagnosisMoment): HandlerWhy | null {
  const report = detail.handler;
  if (!report?.diagnosis) return null;
  const message = handlerDiagnosisText({ ...report, diagnosis: report.diagnosis }, cliProbeVocabulary(detail.id), moment);
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
