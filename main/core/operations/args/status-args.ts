import type { StatusMethods } from '../../../contract/api';
import { isSecret, MAX_SECRET_LENGTH, noArguments, type ArgsCheckers } from './predicates';

export const statusArgs: ArgsCheckers<StatusMethods> = {
  getStatus: noArguments,
  clearHmacKey: noArguments,
  openTunnel: noArguments,
  closeTunnel: noArguments,
  clearNgrokAuthtoken: noArguments,
  setHmacKey: (args) =>
    args.length === 1 && isSecret(args[0])
      ? [args[0]]
      : `expects the key as a non-empty string of at most ${MAX_SECRET_LENGTH} characters.`,
  setNgrokAuthtoken: (args) =>
    args.length === 1 && isSecret(args[0])
      ? [args[0]]
      : `expects the authtoken as a non-empty string of at most ${MAX_SECRET_LENGTH} characters.`,
  setListenOnAllInterfaces: (args) => (args.length === 1 && typeof args[0] === 'boolean' ? [args[0]] : 'expects true or false.'),
};
