import { cleanup, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/src/components/App';
import { resetStores } from '../../renderer/src/store/stores';
import type { RendererBridge } from '../../renderer/src/transport/connection';

export function renderApp(bridge: RendererBridge) {
  const user = userEvent.setup();
  const view = render(<App bridge={bridge} />);
  return { user, ...view };
}

/** Unmounts, resets the stores and the URL: each test starts from a blank app. */
export function resetAll(): void {
  cleanup();
  resetStores();
  history.replaceState(null, '', '/');
}
