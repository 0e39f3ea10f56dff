import type { Result } from '../../../main/contract/api';
import type { RendererBridge } from '../transport/connection';
import { currentBridge } from './bridge-holder';
import { reportError } from './ui-actions';

export const NOT_CONNECTED = 'Not connected to the companion.';

/**
 * Runs one API call that answers a Result. Returns the message to show beside the control
 * (the core's own words when it refused), or null; transport failures go to the error banner.
 */
export async function runResult<T>(
  what: string,
  call: (b: RendererBridge) => Promise<Result<T>>,
  onOk: (value: T) => void,
): Promise<string | null> {
  const b = currentBridge();
  if (!b) return NOT_CONNECTED;
  try {
    const result = await call(b);
    if (!result.ok) return result.message;
    onOk(result.value);
    return null;
  } catch (error) {
    reportError(`Could not ${what}`, error);
    return null;
  }
}
