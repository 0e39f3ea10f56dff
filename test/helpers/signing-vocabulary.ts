import type { SigningVocabulary } from '../../main/contract/words';

/**
 * A front end that names signing styles by their ids and says where a verifier, the signed
 * bytes and a re-signed replay are had as short commands: the handler's diagnosis is checked in
 * these words wherever the sentences around them are the point, not a front end's own.
 */
export const BY_ID: SigningVocabulary = {
  style: (style) => style,
  styles: (styles) => styles.join(', '),
  getVerifier: (style) => `"verifier ${style ?? 'any'}" prints`,
  showSignedBytes: '"calls <id> --json" prints them',
  replayResigned: '"replay <id> --resign"',
};
