/**
 * The words of the signature's "Signed bytes of" view on the page: the exact bytes each style
 * signed, one style at a time, and where two styles' bytes differ. The command line has no such
 * view (`calls <id> --json` holds each style's bytes); the handler's diagnosis on the page points
 * at this one by its label (SIGNED_BYTES_OF), so renaming the view renames the pointer.
 */

/** The view's first choice, the style whose bytes are shown. */
export const SIGNED_BYTES_OF = 'Signed bytes of';

/** The second choice, the style compared with. */
export const COMPARED_WITH = 'compared with';

/** The second choice's option that compares with none. */
export const NO_COMPARISON = '(no comparison)';

/** The choices' names for screen readers. */
export const STYLE_SHOWN = 'Style shown';
export const COMPARE_WITH_STYLE = 'Compare with style';

/** A call none of whose styles kept its bytes. */
export const SIGNED_BYTES_UNAVAILABLE = 'The signed bytes are not available for this call.';

/** The mark where one style's bytes have nothing the other's have. */
export const MISSING_HERE = '⟂ (missing here)';

/** A style's bytes, as a screen reader names the box that holds them. */
export function signedBytesOfWords(styleLabel: string): string {
  return `Signed bytes: ${styleLabel}`;
}

/**
 * How the bytes shown compare with another style's (`against`, its label): identical, or the
 * characters where they differ (`from` and `to`, counted from 1), which the view marks.
 */
export function bytesComparedWords(against: string, differ: { from: number; to: number } | null): string {
  return differ === null ? `Identical to ${against}.` : `Differs from ${against} at characters ${differ.from}–${differ.to} (marked).`;
}
