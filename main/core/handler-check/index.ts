/**
 * The handler's side of the signature: what the signing styles mean in words, and a verifier
 * for each language that accepts the style this Flowent signs in.
 */
export { styleDescription, styleInWords, stylesInWords, styleTraits } from './style-words';
export { isVerifierLanguage, verifierSnippet, VERIFIER_LANGUAGES, type VerifierLanguage } from './verifiers';
