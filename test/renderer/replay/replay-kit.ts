/** Shared steps of the replay feature's component tests, over a real core. */
import { screen, waitFor, within } from '@testing-library/react';
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

/** Renders the app, filters the list to `action`'s calls and opens the bulk replay dialog over them. */
export async function openBulkFor(c: Companion, action: string) {
  const view = await renderLoaded(c);
  await view.user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), action);
  await waitFor(() => expect(document.querySelectorAll('[data-call-id]').length).toBeLessThan(4));
  await view.user.click(screen.getByRole('button', { name: 'Bulk replay…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Bulk replay' });
  return { ...view, dialog };
}

/**
 * Flowent's history (sendHistory) with send_email forwarded to `target`, and its three calls
 * bulk replayed from the dialog, which is left open on the run's result.
 */
export async function bulkReplayedSendEmail(c: Companion, target: string) {
  await sendHistory(c);
  await c.api.setForwardTarget('send_email', target);
  const opened = await openBulkFor(c, 'send_email');
  await opened.user.click(await within(opened.dialog).findByRole('button', { name: 'Replay these 3 calls' }));
  await waitFor(() => expect(opened.dialog.textContent).toContain('Done: 3 of 3 calls replayed.'));
  return opened;
}

/**
 * Flowent's history (sendHistory) with create_ticket alone forwarded, to `target`, and the bulk
 * replay dialog open over the whole list: its start button offers the one call that has somewhere
 * to go, and the three send_email calls are the ones a run leaves unsent.
 */
export async function openBulkWithOneTarget(c: Companion, target: string) {
  await sendHistory(c);
  await c.api.setForwardTarget('create_ticket', target);
  const view = await renderLoaded(c);
  await view.user.click(screen.getByRole('button', { name: 'Bulk replay…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Bulk replay' });
  const start = (await within(dialog).findByRole('button', { name: 'Replay 1 of these 4 calls' })) as HTMLButtonElement;
  return { ...view, dialog, start };
}

/** The texts of a run's list of calls of one verdict, opened from its count. */
export async function listed(dialog: HTMLElement, user: { click(element: Element): Promise<void> }, count: string, list: string) {
  await user.click(within(dialog).getByRole('button', { name: count }));
  return within(within(dialog).getByRole('list', { name: list }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);
}

export function rowOf(id: number): HTMLElement {
  const row = document.querySelector<HTMLElement>(`[data-call-id="${id}"]`);
  if (!row) throw new Error(`row ${id} not rendered`);
  return row;
}
