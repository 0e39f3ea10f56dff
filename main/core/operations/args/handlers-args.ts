import { isVerifierLanguage, VERIFIER_LANGUAGES, type HandlerMethods } from '../../../contract/api';
import { isStyleName, STYLES } from '../../signature';
import { isPositiveInteger, isUrlOrNull, type ArgsCheckers } from './predicates';

export const handlersArgs: ArgsCheckers<HandlerMethods> = {
  probeHandler: (args) =>
    args.length === 2 && isPositiveInteger(args[0]) && isUrlOrNull(args[1])
      ? [args[0], args[1]]
      : 'expects a call id (a positive integer) and a target URL (or null for the forwarding target).',
  getVerifierSnippet: (args) =>
    args.length === 2 && typeof args[0] === 'string' && isVerifierLanguage(args[0]) && typeof args[1] === 'string' && isStyleName(args[1])
      ? [args[0], args[1]]
      : `expects a language (${VERIFIER_LANGUAGES.join(', ')}) and a style (${STYLES.map((style) => style.name).join(', ')}).`,
};
