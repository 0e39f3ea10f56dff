/**
 * The argument lists of every method of the contract: one zod schema each, from which the
 * contract's parameter types are derived (main/contract/*.ts import them as types only). The
 * core and the transports check every untrusted call against them; the page never loads them
 * (zod stays out of its bundle).
 */
import type { ApiMethod } from '../api';
import { accountArguments } from './account';
import { answersArguments } from './answers';
import type { ArgumentList } from './arguments';
import { callsArguments } from './calls';
import { handlerArguments } from './handlers';
import { limitsArguments } from './limits';
import { projectArguments } from './project';
import { replayArguments } from './replay';
import { statusArguments } from './status';

export { argumentNames, type ArgumentList } from './arguments';

export const API_ARGUMENTS = {
  ...callsArguments,
  ...statusArguments,
  ...answersArguments,
  ...replayArguments,
  ...handlerArguments,
  ...accountArguments,
  ...limitsArguments,
  ...projectArguments,
} satisfies Record<ApiMethod, ArgumentList>;
