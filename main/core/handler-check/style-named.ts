import type { StyleName } from '../../contract/names-and-limits';

/** What may decide which of several matching styles a call is named by. */
export interface StyleNamePreference {
  /** The style the companion signed the call with (send, Simulate, a re-signed replay); null for a call it did not sign. */
  signedWith: string | null;
  /** The styles the handler the call went to has been learned to verify with (handlerStyles' `possible`). */
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
