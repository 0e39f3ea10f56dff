import type { SignatureReport } from '../../contract/api';
import type { StyleName } from '../../contract/names-and-limits';
import { handlerKeyFor, handlerLesson, type HandlerChecks, type HandlerLesson } from '../answers/handler-lesson';
import { handlerPreference, styleNamed } from '../handler-check';
import { stylesComputed } from '../signature';
import type { AlongsideWrite } from '../store/batched-writer';
import type { KeyedHandlerMemory } from '../store/handlers-repository';
import type { CallCheckInput } from './call-check';
import type { CheckedCall } from './call-checker';

/** What a call the developer's handler answered is stored with: its report, named by styleNamed, and what it taught. */
export interface ForwardedCall {
  signature: SignatureReport;
  lesson: HandlerLesson | null;
}

export interface ForwardedCallInput {
  /** The handler's verdict on the call and which handler gave it (handlerTarget set). */
  checks: HandlerChecks;
  action: string | null;
  /** The answer path's report: checked up to the first matching style only. */
  quick: SignatureReport;
  /** KeyedHandlerMemory.keyId when the call was checked. */
  keyFingerprint: string;
  handlers: KeyedHandlerMemory;
  /** The answer path's check, what it checked, and how to check again. */
  checkedCall: CheckedCall;
  input: CallCheckInput;
  checkCall: (input: CallCheckInput) => Promise<CheckedCall>;
}

/**
 * The report a forwarded call is stored with, and its handler's lesson. A call several styles
 * write alike matched the first of them on the answer's path; named so, serve's line and the
 * call's details said `python` of a call whose handler verifies `go`, and its diagnosis offered
 * the wrong verifier. It is named as a replay is (styleNamed): the style its handler was known
 * to verify with before this call, when the call is valid in it and the handler did not refuse
 * it (see handlerPreference), else the first.
 *
 * Every style is checked once at most, shared by the lesson and the name, and only when one of
 * them depends on it: the name does only when the handler verifies in styles the quick match is
 * not among (a style before the match would not have matched, so the match is the name then).
 * When every style was checked, that whole report is stored: it holds every style's digest.
 */
export async function settleForwardedCall(input: ForwardedCallInput): Promise<ForwardedCall> {
  const { checks, action, quick, keyFingerprint, handlers } = input;
  const every: { report: Promise<SignatureReport> | null } = { report: null };
  const everyStyle = (): Promise<SignatureReport> => (every.report ??= everyStyleOf(input, quick));
  const lesson = await handlerLesson(checks, action, quick, keyFingerprint, everyStyle);
  if (quick.verdict !== 'valid' || checks.handlerTarget === null) return { signature: quick, lesson };
  // Read for the key the call was checked with; its own lesson is recorded with the call, after.
  const known = handlers.readFor(handlerKeyFor(checks.handlerTarget, action), keyFingerprint);
  const verifies = handlerPreference(known, checks.handlerSignature);
  const nameNeedsEvery = stylesComputed(quick) !== null && verifies.length > 0 && !verifies.includes(quick.style as StyleName);
  const report = every.report !== null || nameNeedsEvery ? await everyStyle() : quick;
  if (report.verdict !== 'valid') return { signature: quick, lesson };
  const validIn = report.styles.filter((style) => style.matched).map((style) => style.style as StyleName);
  const named = styleNamed(validIn, { signedWith: null, handlerVerifies: verifies });
  return { signature: named === null || named === report.style ? report : { ...report, style: named }, lesson };
}

/**
 * The signature checked in every style: from the tree the answer's path parsed on this thread
 * when there is one, else by the checker again (a big body, checked on its thread).
 */
async function everyStyleOf(input: ForwardedCallInput, quick: SignatureReport): Promise<SignatureReport> {
  const fromTree = input.checkedCall.everyStyle(input.input);
  if (fromTree) return fromTree;
  const full = (await input.checkCall({ ...input.input, everyStyle: true })).check;
  return full.kind === 'checked' ? full.signature : quick;
}

/**
 * The lesson's write, made inside the call's transaction, under the key the call was checked with;
 * a failure is reported, never thrown (it would undo the call).
 */
export function recordLesson(
  handlers: KeyedHandlerMemory,
  lesson: HandlerLesson,
  onInternalError: (error: unknown) => void,
): AlongsideWrite {
  return () => {
    try {
      handlers.recordFor(lesson.target, lesson.keyFingerprint, lesson.outcome);
    } catch (error) {
      onInternalError(error);
    }
  };
}
