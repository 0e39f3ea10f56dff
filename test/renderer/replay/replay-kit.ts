/** Shared steps of the replay feature's component tests, over a real core. */
import { waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import type { Companion } from '../harness/companion';
import { renderApp } from '../harness/render';

/**
 * Flowent's history for a replay: three signed send_email calls and one create_ticket, each
 * answered by the companion's default mock. Forwarding targets set afterwards apply to replays only.
 */
export async function sendHistory(c: Companion): Promise<void> {
  await c.send('send_email', { to: 'a@example.com' });
  await c.send('send_email', { to: 'b@example.com' });
  await c.send('send_email', { to: 'c@example.com' });
  await c.send('create_ticket', { title: 'Printer on fire' });
}

/** Renders the app and waits for the first page of calls and the counts. */
export async function renderLoaded(c: Companion) {
  const view = renderApp(c.bridge);
  await waitFor(() => expect(document.querySelector('[data-call-id]')).not.toBeNull());
  await waitFor(() => expect(c.bridge.callsTo('getStats').length).toBeGreaterThan(0));
  return view;
}

export function rowOf(id: number): HTMLElement {
  const row = document.querySelector<HTMLElement>(`[data-call-id="${id}"]`);
  if (!row) throw new Error(`row ${id} not rendered`);
  return row;
}
