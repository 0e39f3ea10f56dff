import type { AccountMethods } from '../../../main/contract/account';
import type { RendererBridge } from '../transport/connection';
import { currentBridge } from './bridge-holder';

export type AccountBridge = RendererBridge & AccountMethods;

/**
 * The bridge with the account methods, or null. A core without the account feature (an older
 * headless command) simply has no Account screen content: nothing is called that is not there.
 */
export function accountBridge(): AccountBridge | null {
  const b = currentBridge();
  return b && hasAccountMethods(b) ? b : null;
}

function hasAccountMethods(b: RendererBridge): b is AccountBridge {
  return typeof (b as Partial<AccountMethods>).getAccount === 'function';
}
