import type { ApiFailure, Result } from '../../../main/contract/api';
import type { RendererBridge } from '../transport/connection';
import { NOT_CONNECTED, type PageFailure } from '../../../main/contract/words';
import { currentBridge } from './bridge-holder';
import { inPageWords } from './page-words';
import { reportError } from './ui-actions';

/**
 * Runs one API call that answers a Result. Returns the message to show beside the control
 * (the refusal in the page's words), or null; transport failures go to the error banner,
 * headed by `failure`. `onRefused` sees the refusal itself, for a control that offers a way out
 * of one code: decided by its code, never by matching its words.
 */
export async function runResult<T, F extends ApiFailure>(
  failure: PageFailure,
  call: (b: RendererBridge) => Promise<Result<T, F>>,
  onOk: (value: T) => void,
  onRefused?: (refusal: Extract<Result<T, F>, { ok: false }>) => void,
): Promise<string | null> {
  const b = currentBridge();
  if (!b) return NOT_CONNECTED;
  try {
    const result = await call(b);
    if (!result.ok) {
      onRefused?.(result);
      return inPageWords(result);
    }
    onOk(result.value);
    return null;
  } catch (error) {
    reportError(failure, error);
    return null;
  }
}
