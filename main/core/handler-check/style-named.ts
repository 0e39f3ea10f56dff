import type { HandlerSignature } from '../../contract/api';
import type { StyleName } from '../../contract/names-and-limits';
import { handlerStyles, type HandlerKnowledge } from './handler-memory';

/** What may decide which of several matching styles a call is named by. */
export interface StyleNamePreference {
  /** The style the companion signed the call with (send, Simulate, a re-signed replay); null for a call it did not sign. */
  signedWith: string | null;
  /** The styles the handler the call went to has been learned to verify with (handlerPreference). */
  handlerVerifies: readonly StyleName[];
}

/**
 * The one style a call is named by, among those its signature is valid in (`validIn`, in STYLES
 * order); null when it is valid in none. A call whose text several styles write alike matches
 * them all, and naming the first made one call read as three (sent as `raw`, listed as `python`,
 * diagnosed as `go`): so the style it was signed with comes first, then the one its handler
 * verifies with, then the first. Every view reads the name this gives, stored with the call.
 */
export function styleNamed(validIn: readonly StyleName[], prefer: StyleNamePreference): StyleName | null {
  const signed = validIn.find((style) => style === prefer.signedWith);
  if (signed !== undefined) return signed;
  return prefer.handlerVerifies.find((style) => validIn.includes(style)) ?? validIn[0] ?? null;
}

/**
 * The styles the handler a call went to is known to verify with (`known`, what it taught
 * before), as the preference for naming a call it gave `verdict` on: none for a call it refused.
 * Refusing it, the handler verifies in none of the styles the call is valid in, so its earlier
 * calls say nothing of this one: a go handler's refusal of a python-signed call would be named
 * `raw` (the signer's own bytes, which every call it had accepted matched too).
 */
export function handlerPreference(known: HandlerKnowledge, verdict: HandlerSignature | null): StyleName[] {
  return verdict === 'refused' ? [] : handlerStyles(known).possible;
}
