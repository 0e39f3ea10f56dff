/**
 * The headline of the line a call's details open with on the page (what happened; why and what
 * to do follow, from the diagnosis: verdict-words.ts): the request refused, not a Flowent call,
 * a valid signature in which style, or a signature that failed. The command line heads a call's
 * details with its own line (format-call-in-full.ts) and says the same diagnosis under it.
 */
import type { StyleResult } from '../calls';
import type { CallSource, Verdict } from '../names-and-limits';
import { problemWords } from './call-problem-words';
import { NOT_CHECKED_HEADLINE } from './not-checked-words';
import { cap } from './said';
import { spoiledOnPurposeWords, wrongSignatureWords, type WrongSignatureOutcome } from './wrong-signature-words';

/** The companion answered the 4xx itself for what is wrong with the request (`problem`, its code). */
export function requestRefusedHeadline(problem: string | null): string {
  return `Request refused: ${problemWords(problem)}.`;
}

/** A request that is not a Flowent call, with why in a word when there is one. */
export function notFlowentHeadline(problem: string | null): string {
  const word = problemWords(problem);
  return `Not a Flowent call${word ? ` (${word})` : ''}.`;
}

/**
 * One style is named (the one the call was signed with here, else its handler's, else the first
 * that matched); when others sign the same bytes, they matched too (a call with only ASCII text
 * and keys in order reads alike in every style): both are true, and this says so.
 */
function alikeNote(styles: readonly Pick<StyleResult, 'matched'>[]): string {
  const others = styles.filter((s) => s.matched).length - 1;
  if (others <= 0) return '';
  return others === styles.length - 1
    ? ', like every style (they sign these bytes alike)'
    : ` and ${others} more style${others === 1 ? '' : 's'} that sign these bytes alike`;
}

/** A valid signature, with the style named (`style`, its label; null: none to name) and the others that sign alike. */
export function validSignatureHeadline(style: string | null, styles: readonly Pick<StyleResult, 'matched'>[]): string {
  return `Valid signature${style ? `: ${style}${alikeNote(styles)}` : ''}.`;
}

/** Flowent's registration check, which it may send unsigned: no failure. */
export const UNSIGNED_CHECK_IS_FINE = 'An unsigned registration check: Flowent may send it without a signature, and that is fine.';

/** A signature that failed or was not checked, in a word or two; why follows. */
export const FAILED_SIGNATURE_HEADLINE: Record<Extract<Verdict, 'invalid' | 'malformed' | 'missing' | 'no-key'>, string> = {
  invalid: 'Invalid signature.',
  malformed: 'Malformed signature.',
  missing: 'No signature.',
  'no-key': NOT_CHECKED_HEADLINE,
};

/** A call this companion signed, then spoiled on purpose: who did, then what the handler made of it. */
export function spoiledSignatureLine(source: CallSource, outcome: WrongSignatureOutcome): { headline: string; detail: string } {
  return { headline: `${cap(spoiledOnPurposeWords(source))}.`, detail: `${cap(wrongSignatureWords(outcome))}.` };
}

/** Leads what to do in a call's details, after what happened: its verdict line, its signature and its handler's boxes. */
export const WHAT_TO_DO_LEAD = 'What to do:';
