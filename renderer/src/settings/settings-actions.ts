import { currentBridge } from '../page/bridge-holder';
import { runResult } from '../page/run-result';
import { refreshStats } from '../history/call-stats';
import { useMetaStore } from '../page/stores';
import { useCallsStore } from '../history/calls-store';
import { canRotateToken } from '../transport/connection';
import { keepToken, tabStorage } from '../transport/page-token';
import type { HistoryLimits, LimitsInfo } from '../../../main/contract/api';
import { errorMessage, reportError, showToast } from '../page/ui-actions';
import { HMAC_KEY_ENV } from '../../../main/contract/secret-variables';
import {
  failedWith,
  HISTORY_LIMITS_SAVED,
  NO_ACCESS_TOKEN_HERE,
  NOT_CONNECTED,
  PAGE_FAILURE_WORDS,
  secretClearedWords,
  secretSavedWords,
} from '../../../main/contract/words';

/** Saves the HMAC key; returns an error message to show beside the field, or null. */
export function saveHmacKey(key: string): Promise<string | null> {
  return runResult(
    PAGE_FAILURE_WORDS.setHmacKey,
    (b) => b.setHmacKey(key),
    (status) => {
      useMetaStore.setState({ status });
      showToast(secretSavedWords('HMAC key'));
    },
  );
}

export function removeHmacKey(): Promise<string | null> {
  return runResult(
    PAGE_FAILURE_WORDS.clearHmacKey,
    (b) => b.clearHmacKey(),
    (status) => {
      useMetaStore.setState({ status });
      showToast(secretClearedWords('HMAC key', status.hmacKey, HMAC_KEY_ENV));
    },
  );
}

export function clearHistory(): Promise<string | null> {
  return runResult(
    PAGE_FAILURE_WORDS.clearHistory,
    (b) => b.clearHistory(),
    ({ deleted }) => {
      useCallsStore.setState({ calls: [], nextBeforeId: null, pendingNew: 0, selectedId: null, detail: null });
      showToast(`Deleted ${deleted} call${deleted === 1 ? '' : 's'}`);
      void refreshStats();
    },
  );
}

/**
 * Asks the core for a fresh sample call for the empty state; returns why it could not, or null.
 * Fresh each time: the sample is signed for this second, with this key, at this webhook URL, and
 * Flowent's timestamp window makes a copy of an old one fail as a replay.
 */
export async function loadSample(action = 'send_email'): Promise<string | null> {
  const b = currentBridge();
  if (!b) return NOT_CONNECTED;
  try {
    const sample = await b.getSampleRequest(action);
    useMetaStore.setState({ sample });
    return null;
  } catch (error) {
    return errorMessage(error);
  }
}

/**
 * Replaces the browser inspector's token, then reloads this page with it (kept for this tab,
 * never in the address: page-token.ts). Returns why it could not, or null.
 */
export async function rotateAccessToken(navigate: (token: string) => void = reloadWithToken): Promise<string | null> {
  const b = currentBridge();
  if (!canRotateToken(b)) return NO_ACCESS_TOKEN_HERE;
  try {
    const { token } = await b.rotateToken();
    navigate(token);
    return null;
  } catch (error) {
    return failedWith(PAGE_FAILURE_WORDS.changeAccessToken, errorMessage(error));
  }
}

function reloadWithToken(token: string): void {
  // A tab that cannot keep it reloads with it in the address, where the page reads it first.
  if (!keepToken(token, tabStorage())) location.hash = `token=${encodeURIComponent(token)}`;
  location.reload();
}

/** The history's limits and what it holds now; null when they could not be read (the banner says why). */
export async function loadLimits(): Promise<LimitsInfo | null> {
  const b = currentBridge();
  if (!b) return null;
  try {
    return await b.getLimits();
  } catch (error) {
    reportError(PAGE_FAILURE_WORDS.loadLimits, error);
    return null;
  }
}

/** Saves the history limits; returns a refusal to show beside the fields, or null. */
export function saveLimits(limits: HistoryLimits, onSaved: (info: LimitsInfo) => void): Promise<string | null> {
  return runResult(
    PAGE_FAILURE_WORDS.saveLimits,
    (b) => b.setLimits(limits),
    (info) => {
      showToast(HISTORY_LIMITS_SAVED);
      onSaved(info);
    },
  );
}
