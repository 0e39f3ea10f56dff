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

/**
 * What is said of an API token with such a space, on the page (`It`, `saved as typed`; the token
 * in use: `FLOWENT_API_TOKEN`, `used as it is`). The token goes to Flowent unchanged, and no token
 * Flowent issues has one: Flowent would refuse it, and Connect would fail.
 */
export function apiTokenEdgeSpaceWords(subject: string, kept: string): string {
  return `${subject} ${EDGE_SPACE}, which is ${kept} and sent to Flowent so: Flowent would refuse the token. If it came with the copy, remove it and set the token again.`;
}
