import { currentBridge } from './bridge-holder';
import { refreshStats } from './session';
import { useCallsStore, useMetaStore } from './stores';
import { reportError, showToast } from './ui-actions';

/** Saves the HMAC key; returns an error message to show beside the field, or null. */
export async function saveHmacKey(key: string): Promise<string | null> {
  const b = currentBridge();
  if (!b) return 'Not connected to the companion.';
  try {
    const result = await b.setHmacKey(key);
    if (!result.ok) return result.message;
    useMetaStore.setState({ status: result.value });
    showToast('HMAC key saved');
    return null;
  } catch (error) {
    reportError('Could not set the HMAC key', error);
    return null;
  }
}

export async function removeHmacKey(): Promise<string | null> {
  const b = currentBridge();
  if (!b) return 'Not connected to the companion.';
  try {
    const result = await b.clearHmacKey();
    if (!result.ok) return result.message;
    useMetaStore.setState({ status: result.value });
    showToast('HMAC key cleared');
    return null;
  } catch (error) {
    reportError('Could not clear the HMAC key', error);
    return null;
  }
}

export async function clearHistory(): Promise<string | null> {
  const b = currentBridge();
  if (!b) return 'Not connected to the companion.';
  try {
    const result = await b.clearHistory();
    if (!result.ok) return result.message;
    useCallsStore.setState({ calls: [], nextBeforeId: null, pendingNew: 0, selectedId: null, detail: null });
    showToast(`Deleted ${result.value.deleted} call${result.value.deleted === 1 ? '' : 's'}`);
    void refreshStats();
    return null;
  } catch (error) {
    reportError('Could not clear the history', error);
    return null;
  }
}

export async function loadSample(action = 'send_email'): Promise<void> {
  const b = currentBridge();
  if (!b || useMetaStore.getState().sample) return;
  try {
    const sample = await b.getSampleRequest(action);
    useMetaStore.setState({ sample });
  } catch (error) {
    reportError('Could not build the sample request', error);
  }
}
