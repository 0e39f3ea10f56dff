import { targetForAction } from '../../contract/action-name';
import type { SignatureReport } from '../../contract/api';
import { handlerTargetKey, judgeHandlerSignature, outcomeOf, type HandlerAnswer, type HandlerOutcome } from '../handler-check';
import { stylesComputed } from '../signature';
import type { CallChecks } from '../store/calls-insert';
import type { KeyedHandlerMemory } from '../store/handlers-repository';
import type { StyleName } from '../../contract/names-and-limits';

/** What is stored about the handler with a call it answered. */
export type HandlerChecks = Pick<CallChecks, 'handlerSignature' | 'handlerTarget'>;

/** Stored with calls no handler answered (mocks, the companion's own refusals, forwarding that got no answer). */
export const NO_HANDLER: HandlerChecks = { handlerSignature: null, handlerTarget: null };

/**
 * The handler's verdict on a call's signature from its answer, and the handler that gave it:
 * `target` as configured (`{action_name}` kept, so it can be sent to again, by a probe), less
 * any credentials in the URL, which are never stored. What it taught is kept under the
 * handlerTargetKey of the URL the call reached (see handlerKeyFor).
 */
export function handlerChecks(answer: HandlerAnswer, target: string): HandlerChecks {
  return { handlerSignature: judgeHandlerSignature(answer).verdict, handlerTarget: withoutCredentials(target.trim()) };
}

/** `https://user:secret@host/x` as `https://host/x`; anything else as it is (a URL re-serialized would escape `{action_name}`). */
function withoutCredentials(target: string): string {
  return target.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, '$1');
}

/**
 * Every style the report finds the signature valid in; null when the report stopped at its
 * first match (the answer path's quick check), so the other styles are not known from it.
 */
function validStylesIfComplete(report: SignatureReport): StyleName[] | null {
  if (report.verdict !== 'valid') return [];
  if (stylesComputed(report) !== null) return null;
  return report.styles.filter((style) => style.matched).map((style) => style.style as StyleName);
}

/** The key what the handler of a call of `action` taught is kept under: the URL the call reached at `handlerTarget`. */
export function handlerKeyFor(handlerTarget: string, action: string | null): string {
  return handlerTargetKey(targetForAction(handlerTarget, action));
}

/** One call's lesson about one handler: what to add to what is known about `target` for the key the call was checked with. */
export interface HandlerLesson {
  target: string;
  /** KeyedHandlerMemory.keyId when the call was checked: the lesson is filed under it, whichever key is set by then. */
  keyFingerprint: string;
  outcome: HandlerOutcome;
}

/**
 * What a handler's verdict teaches about it; null when it teaches nothing. Learning needs
 * every style a valid signature matches, not only the one the quick check stopped at:
 * `everyStyle` checks them all, and is asked only when the lesson depends on it.
 */
export async function handlerLesson(
  checks: HandlerChecks,
  action: string | null,
  report: SignatureReport,
  keyFingerprint: string,
  everyStyle: () => Promise<SignatureReport> | SignatureReport,
): Promise<HandlerLesson | null> {
  const { handlerSignature, handlerTarget } = checks;
  if (handlerTarget === null || handlerSignature === null) return null;
  // Only a valid signature's lesson depends on its styles, and only when the handler was clear.
  const needsStyles = report.verdict === 'valid' && handlerSignature !== 'unknown';
  const validIn = needsStyles ? (validStylesIfComplete(report) ?? validStylesIfComplete(await everyStyle()) ?? []) : [];
  const outcome = outcomeOf({ verdict: report.verdict, validIn }, handlerSignature);
  return outcome === null ? null : { target: handlerKeyFor(handlerTarget, action), keyFingerprint, outcome };
}

/** Records what a handler's verdict teaches about it (see handlerLesson), under the key `report` was checked with. */
export async function learnFromHandler(
  memory: KeyedHandlerMemory,
  checks: HandlerChecks,
  action: string | null,
  report: SignatureReport,
  keyFingerprint: string,
  everyStyle: () => Promise<SignatureReport> | SignatureReport,
): Promise<void> {
  const lesson = await handlerLesson(checks, action, report, keyFingerprint, everyStyle);
  if (lesson) memory.recordFor(lesson.target, lesson.keyFingerprint, lesson.outcome);
}
