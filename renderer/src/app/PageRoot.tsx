import { useMemo, useSyncExternalStore } from 'react';
import type { PreloadBridge } from '../../../main/contract/api';
import { chooseBridge } from '../transport/choose-bridge';
import type { PageToken } from '../transport/page-token';
import { App } from './App';
import { NoBridge } from './NoBridge';
import { PageCrash } from './PageCrash';

/** The desktop app's: it has no token, and none ever comes. */
const NO_TOKEN: PageToken = { current: () => null, subscribe: () => () => {} };

/**
 * The app on the page's bridge. In the browser inspector a new token (the new address pasted into
 * the tab after the token was changed) makes a new bridge, and the app a new session on it.
 */
export function PageRoot({ desktop, token = NO_TOKEN }: { desktop: PreloadBridge | undefined; token?: PageToken }) {
  const current = useSyncExternalStore(token.subscribe, token.current);
  const bridge = useMemo(() => chooseBridge(desktop, location.origin, current), [desktop, current]);
  return bridge ? (
    <PageCrash>
      <App bridge={bridge} />
    </PageCrash>
  ) : (
    <NoBridge />
  );
}
