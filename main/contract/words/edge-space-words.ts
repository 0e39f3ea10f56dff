/**
 * Whether a secret starts or ends with a space or a line break: most often copied along with it.
 * It is kept as it is (it may be part of it), but a key with one never matches the key without.
 */
export function hasEdgeSpace(secret: string): boolean {
  return secret !== secret.trim();
}

/** What is wrong with such a secret, in brief (the tray's HMAC key line says it so). */
export const EDGE_SPACE = 'starts or ends with a space or a line break';

/**
 * What is said of such a secret, on the page (`It`, `saved as typed`) and by the commands that
 * say whether the key is set (`FLOWENT_HMAC_KEY`, `used as it is`).
 */
export function edgeSpaceWords(subject: string, kept: string): string {
  return `${subject} ${EDGE_SPACE}, which is ${kept}: if it came with the copy, remove it, or signatures made with the key without it will not match.`;
}
