// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { renderApp } from '../harness/render';
import { selectCall } from '../../../renderer/src/history/calls-actions';
import type { RendererBridge } from '../../../renderer/src/transport/connection';

// A request the core refuses before any form could say why (here a call id that is no id, as a
// hand-edited link or a page out of step with the companion may ask for) reaches the banner: it
// says so in the page's words, with what to do, not in the words of the core's argument check.
const companion = useCompanion();

const REFUSED =
  'Could not load call #0: the companion refused what this page asked for (`id` must be a call id (a positive integer)). ' +
  'Reload the page; if it happens again, the page and the companion may be of different versions: restart the companion, then reload.';

async function bannerAfterBadId(bridge: RendererBridge): Promise<string> {
  renderApp(bridge);
  await waitFor(() => expect(screen.getByRole('button', { name: 'Simulate' })).toBeTruthy());
  await selectCall(0);
  return waitFor(() => {
    const banner = screen.getAllByRole('alert').find((alert) => alert.textContent?.startsWith('Could not load call #0'));
    if (!banner) throw new Error('no banner about call #0');
    return banner.textContent ?? '';
  });
}

describe('a banner for a request the companion refused', () => {
  it('says what happened and what to do, in the desktop app', async () => {
    const c = companion();
    const text = await bannerAfterBadId(c.bridge);
    expect(text).toBe(`${REFUSED}×`);
    expect(text).not.toContain('getCall');
  });

  it('says the same in the browser inspector', async () => {
    const c = companion();
    const text = await bannerAfterBadId(await c.browserBridge());
    expect(text).toBe(`${REFUSED}×`);
    expect(text).not.toContain('getCall');
  });
});
