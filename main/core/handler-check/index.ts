/**
 * The handler's side of the signature: whether a developer's handler refused a call's
 * signature, what each handler has accepted and refused so far, what that means (as a code), and
 * a verifier for each language that accepts the style this Flowent signs in. Pure modules: the
 * store keeps what is learned, forwarding and replay supply the answers.
 */
export { judgeHandlerSignature, type HandlerAnswer, type HandlerSignatureVerdict } from './verdict';
export { isSignatureComplaint } from './refusal-words';
export {
  addOutcome,
  emptyKnowledge,
  handlerStyles,
  handlerTargetKey,
  learnFromAnswer,
  outcomeOf,
  withAnswer,
  withProbe,
  type CheckedCall,
  type HandlerKnowledge,
  type HandlerMemory,
  type HandlerOutcome,
  type HandlerStyles,
  type StyleTally,
} from './handler-memory';
export { diagnoseHandler } from './diagnosis';
export { handlerPreference, styleNamed, type StyleNamePreference } from './style-named';
export { styleDescription, styleInWords, styleTraits } from './style-words';
export { verifierSnippet } from './verifiers';
