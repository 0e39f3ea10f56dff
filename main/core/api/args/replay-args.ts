import type { ReplayMethods } from '../../../contract/api';
import { isPositiveInteger, isUrlOrNull, type ArgsCheckers } from './predicates';

export const replayArgs: ArgsCheckers<ReplayMethods> = {
  replayCall: (args) =>
    args.length === 3 && isPositiveInteger(args[0]) && (args[1] === 'as-is' || args[1] === 'resign') && isUrlOrNull(args[2])
      ? [args[0], args[1], args[2]]
      : 'expects a call id (a positive integer), "as-is" or "resign", and a target URL (or null for the forwarding target).',
  copyAsCurl: (args) =>
    args.length === 2 && isPositiveInteger(args[0]) && typeof args[1] === 'boolean'
      ? [args[0], args[1]]
      : 'expects a call id (a positive integer) and true or false (re-sign).',
};
