import { cleanup, configure, render, screen, waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import userEvent from '@testing-library/user-event';
import { App } from '../../renderer/src/app/App';
import { resetStores } from '../../renderer/src/app/stores';
import type { RendererBridge } from '../../renderer/src/transport/connection';

// waitFor and findBy wait for the page to reach a state; 1 s (the default) is a time limit a
// busy machine misses. A state never reached still fails, 10 s later.
configure({ asyncUtilTimeout: 10_000 });

export function renderApp(bridge: RendererBridge) {
  const user = userEvent.setup();
  const view = render(<App bridge={bridge} />);
  return { user, ...view };
}

/** Renders the app, clicks the row of call `id` and waits until its detail pane has loaded. */
export async function openCall(bridge: RendererBridge, id: number) {
  const view = renderApp(bridge);
  const row = await waitFor(() => {
    const found = document.querySelector(`[data-call-id="${id}"]`);
    if (!found) throw new Error('row not rendered');
    return found as HTMLElement;
  });
  await view.user.click(row);
  const pane = await screen.findByRole('complementary', { name: 'Call details' });
  await waitFor(() => expect(pane.getAttribute('aria-busy')).toBeNull());
  return { ...view, pane, row };
}

/** Unmounts, resets the stores and the URL: each test starts from a blank app. */
export function resetAll(): void {
  cleanup();
  resetStores();
  history.replaceState(null, '', '/');
}
