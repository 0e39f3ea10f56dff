import type { ApiFailure, Result } from '../../../main/contract/api';
import type { RendererBridge } from '../transport/connection';
import { isUnreachable } from '../transport/connection';
import { currentBridge } from '../page/bridge-holder';
import { inPageWords } from '../page/page-words';
import { failedWith, NOT_CONNECTED, NOT_DONE_WORDS, notDoneUnreachableWords, type NotDone } from '../../../main/contract/words';
import { requestFailureWords } from '../page/request-failure-words';
import { errorMessage } from '../page/ui-actions';

/**
 * Sends a call the person is looking at in a dialog or an editor (a simulated call, a replay
 * with edited parameters): whatever keeps it from going is the message shown there, beside the
 * Send button, with what to do. Not in the page's error banner, which a dialog's overlay hides.
 * `notDone` says what did not happen, for other requests made from the same place (generating
 * parameters, saving a schema).
 */
export async function sendInline<T, F extends ApiFailure>(
  call: (b: RendererBridge) => Promise<Result<T, F>>,
  notDone: NotDone = NOT_DONE_WORDS.send,
): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  const b = currentBridge();
  if (!b) return { ok: false, message: NOT_CONNECTED };
  try {
    const result = await call(b);
    return result.ok ? { ok: true, value: result.value } : { ok: false, message: inPageWords(result) };
  } catch (error) {
    return { ok: false, message: thrownWords(error, notDone) };
  }
}

/** Why nothing was sent, when the request itself failed (the companion never answered, or refused the request). */
function thrownWords(error: unknown, notDone: NotDone): string {
  if (isUnreachable(error)) {
    return notDoneUnreachableWords(notDone);
  }
  const code = (error as { code?: unknown } | null)?.code;
  // The inspector's words for a request it refused say what to do (too large: send smaller parameters).
  if (code === 'too-large') return errorMessage(error);
  return failedWith(notDone, requestFailureWords(error));
}
