// @vitest-environment happy-dom
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { KEY, useCompanion, valueOf } from '../harness/companion';
import { renderApp } from '../harness/render';
import { flowentHar } from '../../helpers/flowent-har';

// The export's bar: the core tells how far it has written the file (a batch of 50 calls at a
// time), and the page shows it beside the buttons until the file is in. Before, the button said
// "Exporting…" and nothing more, for seconds at the page's cap of 10,000 calls.
const CALLS = 120;

beforeEach(() => {
  vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:download/0');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
});

const companion = useCompanion({ mode: 'headless' });

const status = () => [...document.querySelectorAll('.toast')].at(-1)?.textContent ?? '';

it('shows how many calls the core has written of all it exports, beside a bar, until the file is in', async () => {
  const c = companion();
  expect(valueOf(await c.api.importHar(flowentHar(CALLS, KEY))).imported).toBe(CALLS);
  const { user } = renderApp(await c.browserBridge());
  await waitFor(() => expect(document.querySelectorAll('[data-call-id]').length).toBeGreaterThan(0));
  // The stream is open once its hello made the page read the history again: events reach the page from then on.
  await waitFor(() => {
    expect(c.inspectorRequests.filter((r) => r.method === 'listCalls').length).toBeGreaterThanOrEqual(2);
    expect(c.inspectorRequests.every((r) => r.answered)).toBe(true);
  });

  // Every word the bar took, in order, as the page showed them.
  const stages: string[] = [];
  const observer = new MutationObserver(() => {
    const words = document.getElementById('har-export-stage')?.textContent;
    if (words && words !== stages.at(-1)) stages.push(words);
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  // The core writes the whole file; its answer reaches the page only when released.
  const release = c.holdNextInspectorAnswer('exportHar');
  await user.click(screen.getByRole('button', { name: 'Export HAR' }));
  const bar = await screen.findByRole('progressbar', { name: 'HAR export' });
  await waitFor(() => expect(bar.getAttribute('value')).toBe(String(CALLS)));
  expect(bar.getAttribute('max')).toBe(String(CALLS));
  expect(screen.getByRole('button', { name: 'Exporting…' })).toBeTruthy();
  observer.disconnect();
  expect(stages.at(-1)).toBe('120 of 120 calls');
  expect(stages.every((words) => /^\d+ of 120 calls$/.test(words))).toBe(true);

  release();
  await waitFor(() => expect(status()).toMatch(/^Downloaded 120 calls as flowent-calls-.*\.har/));
  expect(screen.queryByRole('progressbar', { name: 'HAR export' })).toBeNull();
  expect(document.getElementById('har-export-stage')).toBeNull();
});
