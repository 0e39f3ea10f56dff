import { argumentList } from './arguments';
import { flag, secret } from './common';

export const statusArguments = {
  getStatus: argumentList(),
  setHmacKey: argumentList(['key', secret]),
  clearHmacKey: argumentList(),
  openTunnel: argumentList(),
  closeTunnel: argumentList(),
  setNgrokAuthtoken: argumentList(['token', secret]),
  clearNgrokAuthtoken: argumentList(),
  setListenOnAllInterfaces: argumentList(['on', flag]),
};
