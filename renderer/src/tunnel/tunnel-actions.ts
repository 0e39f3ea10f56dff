import type { CoreStatus } from '../../../main/contract/api';
import { runResult as run } from '../page/run-result';
import { useMetaStore } from '../page/stores';
import { reportError, showToast } from '../page/ui-actions';
import { currentBridge } from '../page/bridge-holder';
import { NGROK_AUTHTOKEN_ENV } from '../../../main/contract/secret-variables';
import {
  listeningWords,
  PAGE_FAILURE_WORDS,
  secretClearedWords,
  secretSavedWords,
  TUNNEL_CLOSED,
  TUNNEL_ONLINE,
} from '../../../main/contract/words';

function applyStatus(status: CoreStatus): void {
  useMetaStore.setState({ status });
}

export function openTunnel(): Promise<string | null> {
  return run(
    PAGE_FAILURE_WORDS.openTunnel,
    (b) => b.openTunnel(),
    ({ url }) => {
      // The tunnel-status event carries the state; this only spares a flash of "connecting".
      useMetaStore.setState((s) => (s.status ? { status: { ...s.status, tunnel: { state: 'online', url, reason: null } } } : s));
      showToast(TUNNEL_ONLINE);
    },
  );
}

export function closeTunnel(): Promise<string | null> {
  return run(
    PAGE_FAILURE_WORDS.closeTunnel,
    (b) => b.closeTunnel(),
    () => showToast(TUNNEL_CLOSED),
  );
}

export function saveNgrokAuthtoken(token: string): Promise<string | null> {
  return run(
    PAGE_FAILURE_WORDS.setNgrokAuthtoken,
    (b) => b.setNgrokAuthtoken(token),
    (status) => {
      applyStatus(status);
      showToast(secretSavedWords('ngrok authtoken'));
    },
  );
}

export function removeNgrokAuthtoken(): Promise<string | null> {
  return run(
    PAGE_FAILURE_WORDS.clearNgrokAuthtoken,
    (b) => b.clearNgrokAuthtoken(),
    (status) => {
      applyStatus(status);
      showToast(secretClearedWords('ngrok authtoken', status.ngrokAuthtoken, NGROK_AUTHTOKEN_ENV));
    },
  );
}

export function setListenOnAllInterfaces(on: boolean): Promise<string | null> {
  return run(
    PAGE_FAILURE_WORDS.changeListening,
    (b) => b.setListenOnAllInterfaces(on),
    (status) => {
      applyStatus(status);
      showToast(listeningWords(on));
    },
  );
}

/**
 * The actions the companion knows, the most called first: registered or linked in Flowent, in the
 * open project, defined here, or seen in calls (what the simulator offers too). None when they
 * cannot be read: the panel then asks for the name, as it does when none is known.
 */
export async function loadKnownActions(): Promise<string[]> {
  const b = currentBridge();
  if (!b) return [];
  try {
    const known = await b.listSimulatorActions();
    return known.sort((x, y) => y.calls - x.calls || x.action.localeCompare(y.action)).map((a) => a.action);
  } catch (error) {
    reportError(PAGE_FAILURE_WORDS.readKnownActions, error);
    return [];
  }
}
