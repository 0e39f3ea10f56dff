/** The signature engine: canonical serializations, verification with diagnosis, signing. */
export { canonicalize, CanonicalSet, type SignatureMode } from './canonical';
export { verify, type VerifyOptions } from './verify';
export { notFlowent } from './not-flowent';
export { completeReport, stylesComputed } from './complete-report';
export { validStyles } from './valid-styles';
export { sign, SignInputError } from './sign';
export { STYLES, styleByName, KEY_ORDERS, ESCAPINGS, type StyleInfo, type KeyOrder, type Escaping } from './styles';
export { hmacHex, signaturesEqual } from './hmac';
