// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { filterFromSearch } from '../../../renderer/src/history/filter-state';
import { initFilter } from '../../../renderer/src/history/calls-actions';
import { useCompanion, type Companion } from '../harness/companion';
import { renderApp, rowIds } from '../harness/render';
import type { PageBridge } from '../harness/page-bridge';

const companion = useCompanion();

/**
 * The desktop preload's part for main's requests (preload/index.ts onShowFailedCalls, tested in
 * test/desktop/preload.test.ts): here a clicked failure notification is played by `ask`.
 */
function withDesktopRequests(bridge: PageBridge) {
  const listeners = new Set<() => void>();
  const desktop = Object.assign(bridge, {
    onShowFailedCalls(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  });
  return { bridge: desktop, ask: () => listeners.forEach((listener) => listener()), listeners };
}

/** 1: send_email, valid; 2: create_ticket, invalid; 3: send_email, invalid; 4: create_ticket, valid. */
async function seed(c: Companion): Promise<void> {
  await c.send('send_email');
  await c.send('create_ticket', {}, { key: 'another-key' });
  await c.send('send_email', {}, { key: 'another-key' });
  await c.send('create_ticket');
}

describe('a clicked failure notification', () => {
  it('lists the failed calls, of every action, whatever the list was filtered to', async () => {
    const c = companion();
    await seed(c);
    history.replaceState(null, '', '/?action=create_ticket');
    initFilter(filterFromSearch(location.search));
    const desktop = withDesktopRequests(c.bridge);
    const { unmount } = renderApp(desktop.bridge);
    await waitFor(() => expect(rowIds()).toEqual(['4', '2']));

    desktop.ask();
    await waitFor(() => expect(rowIds()).toEqual(['3', '2']));
    expect(c.bridge.callsTo('listCalls').at(-1)?.[0]).toEqual({ failures: true, limit: 200 });
    expect(location.search).toBe('?failures=only');
    expect((screen.getByRole('checkbox', { name: 'Failures only' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('button', { name: '2 failures' }).getAttribute('aria-pressed')).toBe('true');

    unmount();
    expect(desktop.listeners.size).toBe(0);
  });
});
