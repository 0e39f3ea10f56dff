import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import { expect } from 'vitest';
import userEvent from '@testing-library/user-event';
import { App } from '../../../renderer/src/app/App';
import { resetStores } from '../../../renderer/src/page/stores';
import { useCallsStore } from '../../../renderer/src/history/calls-store';
import type { RendererBridge } from '../../../renderer/src/transport/connection';

// waitFor and findBy wait for the page to reach a state; 1 s (the default) is a time limit a
// busy machine misses. A state never reached still fails, 10 s later.
configure({ asyncUtilTimeout: 10_000 });

export function renderApp(bridge: RendererBridge) {
  const user = userEvent.setup();
  const view = render(<App bridge={bridge} />);
  return { user, ...view };
}

/** The list row of call `id`, once it is rendered. */
export function rowOf(id: number): Promise<HTMLElement> {
  return waitFor(() => {
    const row = document.querySelector<HTMLElement>(`[data-call-id="${id}"]`);
    if (!row) throw new Error(`call #${id} is not listed`);
    return row;
  });
}

/** The ids of the listed calls, top to bottom. */
export function rowIds(): string[] {
  return [...document.querySelectorAll('[data-call-id]')].map((row) => row.getAttribute('data-call-id') ?? '');
}

/** The header's Settings button, once it is there: the empty state has a Settings link of its own. */
export function settingsButton(): Promise<HTMLElement> {
  return waitFor(() => within(screen.getByRole('banner')).getByRole('button', { name: 'Settings' }));
}

/**
 * Types a body search and waits until the list is that search's. The box waits 300 ms after a
 * key before it searches, so on a busy machine the first letters can be searched on their own
 * first, and a page that says "Searched the calls down to #9" may still be theirs.
 */
export async function searchFor(user: ReturnType<typeof userEvent.setup>, text: string): Promise<void> {
  await user.type(screen.getByRole('searchbox', { name: 'Search request bodies' }), text);
  await waitFor(() => expect(useCallsStore.getState().activeQuery.text).toBe(text));
}

/** Renders the app, clicks the row of call `id` and waits until its detail pane has loaded. */
export async function openCall(bridge: RendererBridge, id: number) {
  const view = renderApp(bridge);
  const row = await rowOf(id);
  await view.user.click(row);
  const pane = await screen.findByRole('complementary', { name: 'Call details' });
  await waitFor(() => expect(pane.getAttribute('aria-busy')).toBeNull());
  return { ...view, pane, row };
}

/** Unmounts the page, resets its stores and the URL: the next render starts from a blank page. */
export function resetPage(): void {
  cleanup();
  resetStores();
  history.replaceState(null, '', '/');
}
