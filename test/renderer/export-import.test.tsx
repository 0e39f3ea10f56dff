// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { splitHar } from '../../renderer/src/replay/replay-har-actions';
import type { ConnectionEvent } from '../../renderer/src/transport/connection';
import { FakeBridge } from './fake-bridge';
import { renderApp, resetPage } from './harness/render';
import { historyBridge, renderLoaded } from './replay-test-kit';

/** The browser inspector's bridge has a live connection (the desktop one has none): that is how the page tells them apart. */
class BrowserBridge extends FakeBridge {
  onConnection(listener: (event: ConnectionEvent) => void): () => void {
    void listener;
    return () => {};
  }
}

function browserBridge(): BrowserBridge {
  const bridge = new BrowserBridge(historyBridge().store);
  return bridge;
}

let downloads: { name: string; blob: Blob }[] = [];
beforeEach(() => {
  downloads = [];
  const blobs = new Map<string, Blob>();
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:fake/${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: blobs.get(this.href)! });
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  resetPage();
});

/** What came of the last export or import: the newest toast (errors stay until dismissed). */
const status = () => [...document.querySelectorAll('.toast')].at(-1)?.textContent ?? '';

describe('HAR export and import in the browser', () => {
  it('downloads the filtered calls as a .har file and imports a file back', async () => {
    const bridge = browserBridge();
    const { user } = await renderLoaded(bridge);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'send_email');
    await waitFor(() => expect(document.querySelectorAll('[data-call-id]').length).toBe(3));
    await user.click(screen.getByRole('button', { name: 'Export HAR' }));
    await waitFor(() => expect(status()).toMatch(/^Downloaded 3 calls as flowent-calls-.*\.har/));
    expect(bridge.callsTo('exportHar')).toEqual([[{ filter: { action: 'send_email' } }]]);
    expect(downloads).toHaveLength(1);
    const text = await downloads[0]!.blob.text();
    expect(JSON.parse(text).log.entries.map((e: { _callId: number }) => e._callId)).toEqual([1, 2, 3]);

    await user.upload(screen.getByLabelText('HAR file to import'), new File([text], 'calls.har', { type: 'application/json' }));
    await waitFor(() => expect(status()).toBe('Imported 3 calls.'));
    expect(bridge.callsTo('importHar')).toEqual([[text]]);
    await waitFor(() => expect(document.querySelector('[data-call-id="7"]')).not.toBeNull());
  });

  it('sends a large HAR in pieces under the 64 KB body limit, and says what is wrong with a bad file', async () => {
    const bridge = browserBridge();
    const { user } = await renderLoaded(bridge);
    const big = 'x'.repeat(20_000);
    const entries = Array.from({ length: 7 }, (_, i) => ({
      request: { method: 'POST', url: 'http://h/actions/a', postData: { text: `{"n":${i},"pad":"${big}"}` } },
      _action: 'a',
    }));
    await user.upload(
      screen.getByLabelText('HAR file to import'),
      new File([JSON.stringify({ log: { version: '1.2', entries } })], 'big.har'),
    );
    await waitFor(() => expect(status()).toBe('Imported 7 calls.'));
    const pieces = bridge.callsTo('importHar').map(([text]) => text as string);
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) expect(JSON.stringify([piece]).length).toBeLessThanOrEqual(56_000);
    expect(pieces.flatMap((p) => (JSON.parse(p) as { log: { entries: unknown[] } }).log.entries)).toEqual(entries);

    await user.upload(screen.getByLabelText('HAR file to import'), new File(['{"hello": 1}'], 'notes.json'));
    await waitFor(() => expect(status()).toContain('not a HAR'));
    expect(screen.getByRole('alert', { name: 'Error messages' }).textContent).toContain('Could not import the HAR file');
  });

  it('downloads one call from the detail pane', async () => {
    const bridge = browserBridge();
    const { user } = await renderLoaded(bridge);
    await user.click(document.querySelector<HTMLElement>('[data-call-id="2"]')!);
    const pane = await screen.findByRole('complementary', { name: 'Call details' });
    await user.click(await within(pane).findByRole('button', { name: 'Export as HAR' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(bridge.callsTo('exportHar')).toEqual([[{ ids: [2] }]]);
    expect(JSON.parse(await downloads[0]!.blob.text()).log.entries).toHaveLength(1);
    expect(await screen.findByText(/^Downloaded 1 call as/)).toBeTruthy();
  });

  it('reports an entry too large to send with where it is, and imports the rest', () => {
    const huge = { request: { method: 'POST', url: 'http://h/a', postData: { text: 'y'.repeat(70_000) } } };
    const small = { request: { method: 'POST', url: 'http://h/a', postData: { text: '{}' } } };
    const split = splitHar(JSON.stringify({ log: { entries: [small, huge, small] } }));
    if (!split.ok) throw new Error(split.message);
    expect(split.value.problems).toEqual([{ path: 'log.entries[1]', message: expect.stringContaining('desktop app') }]);
    expect(split.value.pieces.map((p) => p.offset)).toEqual([0, 2]);
  });
});

describe('HAR export and import in the desktop app', () => {
  it('lets main save and open the file through its dialogs and reports where', async () => {
    const bridge = historyBridge();
    bridge.replayCore.desktopDialog = { savePath: '/home/dev/calls.har', openText: null };
    const { user } = await renderLoaded(bridge);
    await user.click(screen.getByRole('button', { name: 'Export HAR' }));
    await waitFor(() => expect(status()).toBe('Saved 4 calls to /home/dev/calls.har'));
    expect(downloads).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Import HAR' }));
    await waitFor(() => expect(status()).toBe('Import cancelled: no file was read.'));
    expect(bridge.callsTo('importHar')).toEqual([[null]]);
    bridge.replayCore.desktopDialog = { savePath: null, openText: '{"log":{"entries":[{"request":{"postData":{"text":"{}"}}}]}}' };
    await user.click(screen.getByRole('button', { name: 'Import HAR' }));
    await waitFor(() => expect(status()).toBe('Imported 1 call.'));
    await user.click(screen.getByRole('button', { name: 'Export HAR' }));
    await waitFor(() => expect(status()).toBe('Export cancelled: nothing was saved.'));
  });

  it('says what to do when there is nothing to export', async () => {
    const bridge = new FakeBridge([]);
    const { user } = renderApp(bridge);
    await waitFor(() => expect(bridge.callsTo('getStats').length).toBeGreaterThan(0));
    await user.click(screen.getByRole('button', { name: 'Export HAR' }));
    await waitFor(() => expect(status()).toContain('There are no calls to export here'));
  });
});
