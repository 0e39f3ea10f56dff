import * as z from 'zod';
import { isStyleName, STYLE_NAMES, VERIFIER_LANGUAGES } from '../names-and-limits';
import { argumentList } from './arguments';
import { callId, urlOrNull } from './common';

export const verifierLanguage = z.enum(VERIFIER_LANGUAGES).describe(`one of ${VERIFIER_LANGUAGES.join(', ')}`);

export const styleName = z
  .string()
  // A check, not a narrowing: callers pass the style names they hold as plain strings.
  .refine((name): boolean => isStyleName(name))
  .describe(`one of ${STYLE_NAMES.join(', ')}`);

export const handlerArguments = {
  probeHandler: argumentList(['callId', callId], ['target', urlOrNull("for the action's forwarding target")]),
  stopProbe: argumentList(['callId', callId]),
  listProbes: argumentList(),
  getVerifierSnippet: argumentList(['language', verifierLanguage], ['style', styleName]),
};
