import type { HandlerSignature, ValidOnceCorrected, Verdict } from '../../contract/api';
import { STYLES } from '../signature';
import type { HandlerSignatureVerdict } from './verdict';
import type { StyleName } from '../../contract/names-and-limits';

/**
 * What a handler accepted and refused, learned per URL it was reached at. A valid call is valid in
 * one or more styles (a call with only ASCII text is signed the same in most of them): a
 * handler that accepted it verifies in one of those styles, one that refused it in none of
 * them (or with another key). Counting per style is enough to tell which styles are still
 * possible.
 */

/** One call's lesson about a handler. */
export interface HandlerOutcome {
  handler: 'accepted' | 'refused';
  /**
   * The styles in which the call's signature is valid with the companion's key; empty when it
   * is valid in none (invalid, malformed or missing).
   */
  validIn: readonly StyleName[];
}

export interface StyleTally {
  accepted: number;
  refused: number;
}

/** What is known about one handler. */
export interface HandlerKnowledge {
  /** Calls with a valid signature it accepted. */
  accepted: number;
  /** Calls with a valid signature it refused. */
  refused: number;
  /** Per style: those calls valid in that style. */
  styles: Partial<Record<StyleName, StyleTally>>;
  /** Calls with an invalid or missing signature it accepted: it does not check, or its key differs. */
  acceptedUnverified: number;
  /** Calls with an invalid or missing signature it refused, as it should. */
  refusedUnverified: number;
  /**
   * Of `refused`, the calls every style signs alike (plain ASCII text, keys in order): it verifies
   * in no style with this key, so they teach about its key or its check, not about styles, and
   * are not tallied per style (13 styles "refused" by one call that could not tell them apart).
   * Absent when none: what was stored before it was kept reads the same.
   */
  refusedAlike?: number;
}

/**
 * Where what each handler taught is kept. The desktop app and `serve` keep it in the history
 * (it survives restarts); `target` is always a {@link handlerTargetKey}.
 */
export interface HandlerMemory {
  /** Adds one call's outcome to what is known about `target` (withAnswer: a handler changed since starts afresh). */
  record(target: string, outcome: HandlerOutcome): void;
  /** Everything known about `target`; {@link emptyKnowledge} when nothing is. */
  read(target: string): HandlerKnowledge;
}

export function emptyKnowledge(): HandlerKnowledge {
  return { accepted: 0, refused: 0, styles: {}, acceptedUnverified: 0, refusedUnverified: 0 };
}

/** `knowledge` with `outcome` added; `knowledge` is left as it was. */
export function addOutcome(knowledge: HandlerKnowledge, outcome: HandlerOutcome): HandlerKnowledge {
  const next: HandlerKnowledge = { ...knowledge, styles: { ...knowledge.styles } };
  const side = outcome.handler;
  if (outcome.validIn.length === 0) {
    if (side === 'accepted') next.acceptedUnverified++;
    else next.refusedUnverified++;
    return next;
  }
  next[side]++;
  if (side === 'refused' && signedAlikeInEveryStyle(outcome.validIn)) {
    next.refusedAlike = (next.refusedAlike ?? 0) + 1;
    return next;
  }
  for (const style of new Set(outcome.validIn)) {
    const tally = { ...(next.styles[style] ?? { accepted: 0, refused: 0 }) };
    tally[side]++;
    next.styles[style] = tally;
  }
  return next;
}

/**
 * What is known about a handler after one more call's `outcome`: `before` with it added, unless
 * the handler accepted a valid signature that its earlier refusals rule out (every style the call
 * is valid in was refused before, or a call every style signs alike was). Then it was changed
 * since (a verifier pasted in, its key set right): its old refusals no longer describe it, and
 * kept, they would read beside this acceptance as "it rejects every style". The record starts
 * again from this call, as a probe's does when it shows the handler changed (see withProbe).
 */
export function withAnswer(before: HandlerKnowledge, outcome: HandlerOutcome): HandlerKnowledge {
  return acceptsWhatItRefused(before, outcome) ? addOutcome(emptyKnowledge(), outcome) : addOutcome(before, outcome);
}

function acceptsWhatItRefused(before: HandlerKnowledge, outcome: HandlerOutcome): boolean {
  if (outcome.handler !== 'accepted' || outcome.validIn.length === 0) return false;
  if ((before.refusedAlike ?? 0) > 0) return true;
  return outcome.validIn.every((style) => (before.styles[style]?.refused ?? 0) > 0);
}

/** Whether a call valid in `validIn` is signed in the same bytes by every style, so that it cannot tell styles apart. */
export function signedAlikeInEveryStyle(validIn: readonly StyleName[]): boolean {
  return new Set(validIn).size >= STYLES.length;
}

/** The call as the companion saw it, for deciding what a handler's answer teaches. */
export interface CheckedCall {
  /** The companion's verdict on the signature. */
  verdict: Verdict;
  /** Styles in which the signature is valid (every matching style, not only the one named). */
  validIn: readonly StyleName[];
  /**
   * For an invalid signature that is valid once corrected, how: the key set here trimmed of its
   * whitespace (`key-whitespace`), or the digest read in lowercase (`hex-case`). A handler that
   * accepts it is right; the companion's key, or the digest's case, is what is off.
   */
  validOnceCorrected?: ValidOnceCorrected | null;
  /**
   * The style the call is named by, one of `validIn` (see styleNamed): the one it was signed with
   * here, else the one its handler verifies with. The first of `validIn` when not given.
   */
  named?: StyleName | null;
}

/**
 * What a handler's verdict on a call teaches, or null when it teaches nothing: the handler
 * said nothing clear, the companion had no key, or the call was not one whose signature
 * matters (a registration check without a signature, a request that is not Flowent's).
 */
export function outcomeOf(call: CheckedCall, handler: HandlerSignature): HandlerOutcome | null {
  if (handler === 'unknown') return null;
  switch (call.verdict) {
    case 'valid':
      return call.validIn.length === 0 ? null : { handler, validIn: call.validIn };
    case 'invalid':
    case 'malformed':
    case 'missing':
      return { handler, validIn: [] };
    case 'unsigned-test':
    case 'no-key':
    case 'not-flowent':
      return null;
    default: {
      const never: never = call.verdict;
      throw new Error(`unknown verdict ${String(never)}`);
    }
  }
}

/** What the counts say about the handler's style. */
export interface HandlerStyles {
  /**
   * Styles consistent with everything seen: valid in every call it accepted, in none it refused.
   * Empty until it accepted one, and once it accepted a call whose signature is wrong or missing
   * (valid in no style: it checks nothing, or only that a signature is there).
   */
  possible: StyleName[];
  /** Styles of calls it refused although their signature was valid: it does not verify in these. */
  refused: StyleName[];
}

export function handlerStyles(knowledge: HandlerKnowledge): HandlerStyles {
  const possible: StyleName[] = [];
  const refused: StyleName[] = [];
  // A call every style signs alike, refused though valid, fits no style with this key.
  const fitsSomeStyle = knowledge.accepted > 0 && knowledge.acceptedUnverified === 0 && (knowledge.refusedAlike ?? 0) === 0;
  for (const { name } of STYLES) {
    const tally = knowledge.styles[name];
    if (tally === undefined) continue;
    if (tally.refused > 0) refused.push(name);
    else if (fitsSomeStyle && tally.accepted === knowledge.accepted) possible.push(name);
  }
  return { possible, refused };
}

/**
 * What is known about a handler after a probe of it: `before` with the probe's `outcomes`
 * added, unless the two cannot both be true of one handler, when the probe's alone.
 *
 * What each kind of evidence proves decides the rule:
 * - a request refused although valid in styles S proves the handler verifies in none of S
 *   (with this key), whenever it was sent;
 * - a request accepted and valid in S proves it verifies in one of S, not in each: a style
 *   accepted on bytes identical to another style's is not evidence it is accepted in general
 *   (a call with only ASCII text and keys in order is signed alike in every style, so accepting
 *   it says nothing about styles). The tallies keep exactly this: handlerStyles narrows to the
 *   styles valid in every accepted call and in no refused one.
 * So evidence from earlier calls stays true unless the handler changed since. A probe is
 * current evidence: when it and what was known leave no style that fits everything, and the
 * probe accepted a call or refused one every style signs alike, the handler changed (it was
 * fixed, or its key changed), and what was known is dropped for what the probe showed. A probe
 * that refused only calls the styles tell apart proves no change: both are kept. Otherwise nothing says it changed, and earlier calls may have told apart
 * styles the probe's call could not: both are kept. (An invalid signature accepted and one
 * refused can both be true of one handler, one that checks only that a signature is there,
 * so those counts never decide.)
 */
export function withProbe(before: HandlerKnowledge, outcomes: readonly HandlerOutcome[]): HandlerKnowledge {
  const probe = outcomes.reduce(addOutcome, emptyKnowledge());
  const merged = outcomes.reduce(addOutcome, before);
  if (someStyleFits(merged)) return merged;
  // The probe shows the handler changed only with evidence of its own: a call it accepted (fixed
  // since), or a call every style signs alike refused (its key changed). Refusing only calls the
  // styles tell apart, it may verify text no known style writes (a body hashed as latin1), which
  // leaves its earlier acceptances true: dropped, they would read as "it never accepted one".
  return probe.accepted > 0 || (probe.refusedAlike ?? 0) > 0 ? probe : merged;
}

/** Whether one style (with this key) fits every call: none accepted yet, or one valid in all accepted and no refused. */
function someStyleFits(knowledge: HandlerKnowledge): boolean {
  return knowledge.accepted === 0 || handlerStyles(knowledge).possible.length > 0;
}

const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * The key a handler is remembered under: the URL a call reached it at (a target's
 * `{action_name}` filled in, see targetForAction). Every action forwarded to one
 * `.../{action_name}` target reaches a route of its own, and routes of one server may verify
 * differently (one checks the signature, another does not): learned together, one route's
 * refusals and another's acceptances would read as a handler contradicting itself. Loopback
 * names are one host, a trailing slash and the default port do not count, and credentials in
 * the URL are dropped so they are never stored.
 */
export function handlerTargetKey(target: string): string {
  let url: URL;
  try {
    url = new URL(target.trim());
  } catch {
    return target.trim();
  }
  const host = LOOPBACK.test(url.hostname) ? 'localhost' : url.hostname;
  const port = url.port === '' ? '' : `:${url.port}`;
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${host}${port}${path}${url.search}`;
}

/**
 * Records what a handler's answer taught about the handler reached at `target` and returns what is
 * known about it now (unchanged when the answer taught nothing).
 */
export function learnFromAnswer(
  memory: HandlerMemory,
  target: string,
  call: CheckedCall,
  handler: HandlerSignatureVerdict,
): HandlerKnowledge {
  const key = handlerTargetKey(target);
  const outcome = outcomeOf(call, handler.verdict);
  if (outcome !== null) memory.record(key, outcome);
  return memory.read(key);
}
