import type { ApiFailure, Result } from '../../../main/contract/api';
import type { RendererBridge } from '../transport/connection';
import { currentBridge } from './bridge-holder';
import { inPageWords } from './page-words';
import { reportError } from './ui-actions';

export const NOT_CONNECTED = 'Not connected to the companion.';

/**
 * Runs one API call that answers a Result. Returns the message to show beside the control
 * (the refusal in the page's words), or null; transport failures go to the error banner.
 */
export async function runResult<T, F extends ApiFailure>(
  what: string,
  call: (b: RendererBridge) => Promise<Result<T, F>>,
  onOk: (value: T) => void,
): Promise<string | null> {
  const b = currentBridge();
  if (!b) return NOT_CONNECTED;
  try {
    const result = await call(b);
    if (!result.ok) return inPageWords(result);
    onOk(result.value);
    return null;
  } catch (error) {
    reportError(`Could not ${what}`, error);
    return null;
  }
}
