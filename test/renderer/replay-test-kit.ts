/** Shared steps of the replay feature's component tests. */
import { waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import { FakeBridge, makeCall } from './fake-bridge';
import { renderApp } from './harness/render';

export { editorIn, typeInto } from './harness/editor-kit';

/** Three send_email calls from Flowent and one create_ticket, with a forwarding target for replays. */
export function historyBridge(): FakeBridge {
  const bridge = new FakeBridge([
    makeCall({ id: 1, action: 'send_email' }),
    makeCall({ id: 2, action: 'send_email' }),
    makeCall({ id: 3, action: 'send_email' }),
    makeCall({ id: 4, action: 'create_ticket', path: '/actions/create_ticket' }),
  ]);
  bridge.respondInfo.startupForwardTarget = 'http://localhost:8000/actions/{action_name}';
  return bridge;
}

/** Renders the app and waits for the first page. */
export async function renderLoaded(bridge: FakeBridge) {
  const view = renderApp(bridge);
  await waitFor(() => expect(document.querySelector('[data-call-id]')).not.toBeNull());
  await waitFor(() => expect(bridge.callsTo('getStats').length).toBeGreaterThan(0));
  return view;
}

export function rowOf(id: number): HTMLElement {
  const row = document.querySelector<HTMLElement>(`[data-call-id="${id}"]`);
  if (!row) throw new Error(`row ${id} not rendered`);
  return row;
}
