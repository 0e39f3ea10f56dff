// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HistoryWriteFault } from '../../../main/core';
import { formatDateAndTime } from '../../../renderer/src/shared/format';
import { capHistories } from '../../helpers/history-page-cap';
import { useCompanion, type Companion } from '../harness/companion';
import { renderApp } from '../harness/render';
import type { RendererBridge } from '../../../renderer/src/transport/connection';

// While Flowent's calls cannot be stored (the history full: a real SQLITE_FULL, its page count
// capped), the page says so under the header, lastingly: what, since when, how many were
// refused, what to do. Once a call is stored again it says how many were refused meanwhile.
const companion = useCompanion();

const big = { padding: 'x'.repeat(30_000) };

async function fullThenFreed(c: Companion, bridge: RendererBridge): Promise<void> {
  renderApp(bridge);
  await waitFor(() => expect(screen.getByRole('button', { name: 'Simulate' })).toBeTruthy());
  expect((await c.send('disk_test', big)).status).toBe(200);
  expect(screen.queryByRole('group', { name: 'Calls cannot be stored' })).toBeNull();

  capHistories(true);
  try {
    for (let n = 0; n < 3; n++) expect((await c.send('disk_test', { ...big, n })).status).toBe(503);
    const since = (await c.api.getStatus()).storageFault!.since;
    // The count comes within a second of the last refusal, not one status event per call.
    const lasting = await waitFor(() => {
      const banner = screen.getByRole('group', { name: 'Calls cannot be stored' });
      expect(banner.textContent).toContain('3 calls refused so far');
      return banner;
    });
    // Read out: what and what to do; after it, on screen only, the count that keeps changing.
    const told = `Calls cannot be stored: the disk is full, since ${formatDateAndTime(since)}. Free space on the disk holding ${c.dataDir}: the next call is stored again by itself.`;
    expect(within(lasting).getByRole('alert').textContent).toBe(told);
    expect(lasting.textContent).toBe(
      `${told} 3 calls refused so far: Flowent got 503 for each (it may send them again); they are not in the history.`,
    );
    // Nothing to dismiss while it lasts.
    expect(lasting.querySelector('button')).toBeNull();
  } finally {
    capHistories(false);
  }

  expect((await c.send('disk_test', big)).status).toBe(200);
  const ended = await waitFor(() => screen.getByRole('status', { name: 'Calls are stored again' }));
  const fault = (await c.api.getStatus()).storageFault!;
  expect(ended.textContent).toBe(
    `Calls are stored again since ${formatDateAndTime(fault.endedAt!)}. 3 calls were refused from ${formatDateAndTime(fault.since)} ` +
      '(the disk is full): Flowent got 503 for each (it may send them again); they are not in the history.×',
  );
  expect(screen.queryByRole('group', { name: 'Calls cannot be stored' })).toBeNull();
  fireEvent.click(screen.getByRole('button', { name: 'Dismiss calls refused' }));
  expect(screen.queryByRole('status', { name: 'Calls are stored again' })).toBeNull();

  // Indexing the calls' text in idle time may have met the full history too: said in its own words, no bug.
  expect(c.internalErrors.every((error) => error instanceof HistoryWriteFault)).toBe(true);
  c.internalErrors.length = 0;
}

describe('the page while calls cannot be stored', () => {
  it('says it in the browser inspector, lastingly, then its end', async () => {
    const c = companion();
    await fullThenFreed(c, await c.browserBridge());
  });

  it('says the same in the desktop app', async () => {
    const c = companion();
    await fullThenFreed(c, c.bridge);
  });
});
