// @vitest-environment happy-dom
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { KEY, useCompanion } from '../harness/companion';
import { renderApp } from '../harness/render';
import { sendHistory } from './replay-kit';
import { flowentHar } from '../../helpers/flowent-har';

let downloads: { name: string; blob: Blob }[] = [];
beforeEach(() => {
  downloads = [];
  const blobs = new Map<string, Blob>();
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:download/${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  // The browser's download of a link: what it would save, and under which name.
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloads.push({ name: this.download, blob: blobs.get(this.href)! });
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** What came of the last export or import: the newest toast (errors stay until dismissed). */
const status = () => [...document.querySelectorAll('.toast')].at(-1)?.textContent ?? '';

const listedIds = () => [...document.querySelectorAll('[data-call-id]')].map((row) => Number(row.getAttribute('data-call-id')));

describe('HAR export and import in the browser', () => {
  const companion = useCompanion({ mode: 'headless' });

  /** The page as `serve` serves it, over Flowent's history. */
  async function browserPage() {
    const c = companion();
    await sendHistory(c);
    const view = renderApp(await c.browserBridge());
    await waitFor(() => expect(listedIds()).toHaveLength(4));
    // The stream is open once its hello made the page read the history again: events reach the page from then on.
    await waitFor(() => {
      expect(c.inspectorRequests.filter((r) => r.method === 'listCalls').length).toBeGreaterThanOrEqual(2);
      expect(c.inspectorRequests.every((r) => r.answered)).toBe(true);
    });
    return { c, ...view };
  }

  it('downloads the filtered calls as a .har file and imports a file back', async () => {
    const { c, user } = await browserPage();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action' }), 'send_email');
    await waitFor(() => expect(listedIds()).toHaveLength(3));
    await user.click(screen.getByRole('button', { name: 'Export HAR' }));
    await waitFor(() => expect(status()).toMatch(/^Downloaded 3 calls as flowent-calls-.*\.har/));
    expect(downloads).toHaveLength(1);
    expect(downloads[0]!.name).toMatch(/^flowent-calls-.*\.har$/);
    const text = await downloads[0]!.blob.text();
    expect(JSON.parse(text).log.entries.map((e: { _callId: number }) => e._callId)).toEqual([1, 2, 3]);
    // Fetched as a file, not as a JSON reply holding its text.
    expect(c.inspectorRequests.filter((r) => r.method === 'exportHar').map((r) => new URL(r.url).pathname)).toEqual(['/api/export-har']);

    // The history holds them: imported back as they are, they are left out, and the toast says so.
    await user.upload(screen.getByLabelText('HAR file to import'), new File([text], 'calls.har', { type: 'application/json' }));
    await waitFor(() =>
      expect(status()).toBe('Imported 0 calls; left out 3 already in the history (same path, body and time received: imported before).'),
    );
    await user.upload(
      screen.getByLabelText('HAR file to import'),
      new File([aSecondLater(text)], 'calls.har', { type: 'application/json' }),
    );
    await waitFor(() => expect(status()).toBe('Imported 3 calls.'));
    // Imported calls keep the time they were made: listed beside their originals.
    await waitFor(() => expect(listedIds().sort()).toEqual([1, 2, 3, 5, 6, 7]));
    const imported = await c.api.listCalls({ source: 'import' });
    expect(imported.calls.map((call) => call.action)).toEqual(['send_email', 'send_email', 'send_email']);
  });

  it("says an empty file is empty, and a later import clears the earlier imports' errors", async () => {
    const { user } = await browserPage();
    await user.click(screen.getByRole('button', { name: 'Export HAR' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const har = await downloads[0]!.blob.text();
    const errors = () =>
      [...document.querySelectorAll('.toast')].map((t) => t.textContent ?? '').filter((t) => t.includes('Could not import'));

    await user.upload(screen.getByLabelText('HAR file to import'), new File([''], 'empty.har'));
    await waitFor(() => expect(status()).toContain('Could not import the HAR file: The file is empty.'));
    expect(status()).toContain('Choose a HAR file exported by the companion or by a browser');
    expect(status()).not.toContain('Unexpected end of JSON input');

    // A HAR whose entry list is empty is refused as the command refuses it, not "Imported 0 calls".
    await user.upload(screen.getByLabelText('HAR file to import'), new File([JSON.stringify({ log: { entries: [] } })], 'none.har'));
    await waitFor(() => expect(status()).toContain('Could not import the HAR file: The file is a HAR with no entries'));

    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    await user.upload(screen.getByLabelText('HAR file to import'), new File([png], 'picture.har'));
    // Its bytes as they are, read as the import command reads them: not guessed at as text.
    await waitFor(() =>
      expect(status()).toContain(
        'Could not import the HAR file: The HAR file is not valid UTF-8: byte 0 (0x89) begins an invalid or incomplete UTF-8 sequence. ' +
          'Save it encoded as UTF-8, then import it again.',
      ),
    );
    // The earlier files' errors went when the next import began: one error, the latest file's.
    expect(errors()).toHaveLength(1);

    // UTF-16 with its byte order mark, as Windows tools write a HAR: imported as the command imports it.
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...aSecondLater(har)].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    await user.upload(screen.getByLabelText('HAR file to import'), new File([utf16], 'calls.har'));
    await waitFor(() => expect(status()).toBe('Imported 4 calls.'));
    expect(errors()).toEqual([]);
  });

  it('refuses a file over the limit before sending it, with the command that imports it into this history', async () => {
    const { c, user } = await browserPage();
    const file = new File(['{}'], 'huge.har');
    Object.defineProperty(file, 'size', { value: 67 * 1024 * 1024 });
    await user.upload(screen.getByLabelText('HAR file to import'), file);
    await waitFor(() =>
      expect(status()).toContain(
        'Could not import the HAR file: huge.har is 67 MB; HAR imports here are at most 64 MB. ' +
          `Import it with the command, which takes any size: flowent-companion import huge.har --data-dir ${c.dataDir}`,
      ),
    );
    expect(c.inspectorRequests.filter((r) => r.method === 'importHar')).toEqual([]);
  });

  it('says a chosen file that can no longer be read is unreadable, not that the companion is away', async () => {
    const { c, user } = await browserPage();
    // Moved away after it was chosen: the browser fails the upload as it would on a lost connection.
    const gone = () => Promise.reject(new DOMException('A requested file or directory could not be found.', 'NotFoundError'));
    const file = new File(['{"log":{"entries":[]}}'], 'moved.har');
    Object.defineProperty(file, 'arrayBuffer', { value: gone });
    Object.defineProperty(file, 'slice', { value: () => file });
    await user.upload(screen.getByLabelText('HAR file to import'), file);
    await waitFor(() =>
      expect(status()).toContain(
        'Could not import the HAR file: Could not read moved.har: A requested file or directory could not be found.',
      ),
    );
    expect(screen.queryByRole('alert', { name: 'Connection lost' })).toBeNull();
    expect(c.inspectorRequests.filter((r) => r.method === 'importHar')).toEqual([]);
  });

  it('counts every entry it skipped, broken ones with the others, as the import command does', async () => {
    const { user } = await browserPage();
    await user.click(screen.getByRole('button', { name: 'Export HAR' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const one = JSON.parse(aSecondLater(await downloads[0]!.blob.text())).log.entries[0];
    const entries = [{ request: null }, { request: { method: 'GET', url: 'http://h/' } }, one];
    await user.upload(screen.getByLabelText('HAR file to import'), new File([JSON.stringify({ log: { entries } })], 'mixed.har'));
    await waitFor(() =>
      expect(status()).toContain(
        'Imported 1 call; skipped 2: 1 not a POST with a body, 1 broken (log.entries[0].request is missing or not an object).',
      ),
    );

    await user.upload(
      screen.getByLabelText('HAR file to import'),
      new File([JSON.stringify({ log: { entries: [{ request: 5 }] } })], 'broken.har'),
    );
    await waitFor(() => expect(status()).toMatch(/^Imported 0 calls; skipped 1 broken entry \(log\.entries\[0\]\.request /));
  });

  it('sends a large HAR whole, shows each stage of the import beside its bar, and says what is wrong with a bad file', async () => {
    const { c, user } = await browserPage();
    const big = 'x'.repeat(220_000);
    const entries = Array.from({ length: 7 }, (_, i) => ({
      startedDateTime: '2026-01-01T00:00:00.000Z',
      request: {
        method: 'POST',
        url: 'http://h/actions/a',
        headers: [],
        postData: { mimeType: 'application/json', text: `{"n":${i},"pad":"${big}"}` },
      },
      response: { status: 200, headers: [], content: { text: '{"result":"ok","error":""}' } },
      _action: 'a',
    }));
    const text = JSON.stringify({ log: { version: '1.2', entries } });
    // Every stage the bar's words took, in order, as the page showed them.
    const stages: string[] = [];
    const observer = new MutationObserver(() => {
      const bar = document.querySelector('progress[aria-label="HAR import"]');
      const words = bar && document.getElementById(bar.getAttribute('aria-describedby') ?? '')?.textContent;
      if (words && words !== stages.at(-1)) stages.push(words);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    // The upload stops after its first piece; the core imports at once once it has the file and
    // tells its progress over the stream; its answer reaches the page only when released.
    const releaseUpload = c.holdNextUpload();
    const release = c.holdNextInspectorAnswer('importHar');
    await user.upload(screen.getByLabelText('HAR file to import'), new File([text], 'big.har'));
    const progress = await screen.findByRole('progressbar', { name: 'HAR import' });
    await waitFor(() => expect(progress.getAttribute('value')).toBe(String(64 * 1024)));
    expect(progress.getAttribute('max')).toBe(String(text.length));
    expect(stages.at(-1)).toBe('Uploading 0.1 of 1.5 MB');
    releaseUpload();
    await waitFor(() => expect(progress.getAttribute('value')).toBe('7'));
    expect(progress.getAttribute('max')).toBe('7');
    expect(status()).not.toBe('Imported 7 calls.');
    observer.disconnect();
    // The bytes as they went, then the parse (no count: the bar has no value), then the entries.
    const [reading, ...counted] = stages.filter((words) => !words.startsWith('Uploading'));
    expect(reading).toBe('Reading the file…');
    expect(counted.every((words) => /^\d of 7 calls$/.test(words))).toBe(true);
    expect(counted.at(-1)).toBe('7 of 7 calls');
    expect(stages.filter((words) => words.startsWith('Uploading')).at(-1)).toMatch(/^Uploading 1\.[0-9] of 1\.5 MB$/);
    release();
    await waitFor(() => expect(status()).toBe('Imported 7 calls.'));
    expect(screen.queryByRole('progressbar', { name: 'HAR import' })).toBeNull();
    // More than the API's 64 KB limit on a body, yet one request: a HAR has its own upload path.
    const sent = c.inspectorRequests.filter((r) => r.method === 'importHar');
    expect(sent.map((r) => r.args)).toEqual([[text]]);
    expect(sent[0]!.bodyLength).toBeGreaterThan(64 * 1024);
    const stored = await c.api.listCalls({ source: 'import' });
    const bodies = await Promise.all(stored.calls.map(async (call) => JSON.parse((await c.api.getCall(call.id))!.requestBody).n as number));
    expect(bodies.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);

    await user.upload(screen.getByLabelText('HAR file to import'), new File(['{"hello": 1}'], 'notes.json'));
    await waitFor(() => expect(status()).toContain('not a HAR'));
    expect(screen.getByRole('alert', { name: 'Error messages' }).textContent).toContain('Could not import the HAR file');
  });

  it('downloads one call from the detail pane', async () => {
    const { user } = await browserPage();
    await user.click(document.querySelector<HTMLElement>('[data-call-id="2"]')!);
    const pane = await screen.findByRole('complementary', { name: 'Call details' });
    await user.click(await within(pane).findByRole('button', { name: 'Export as HAR' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const entries = JSON.parse(await downloads[0]!.blob.text()).log.entries;
    expect(entries.map((e: { _callId: number }) => e._callId)).toEqual([2]);
    expect(await screen.findByText(/^Downloaded 1 call as/)).toBeTruthy();
  });

  // The detail pane's button started a download of its own beside a running export of the list.
  it("the detail pane's Export as HAR waits for a running export too, and says it is exporting", async () => {
    const { c, user } = await browserPage();
    await user.click(document.querySelector<HTMLElement>('[data-call-id="2"]')!);
    const pane = await screen.findByRole('complementary', { name: 'Call details' });
    await within(pane).findByRole('button', { name: 'Export as HAR' });
    const release = c.holdNextInspectorAnswer('exportHar');
    await user.click(screen.getByRole('button', { name: 'Export HAR' }));
    const busy = await within(pane).findByRole('button', { name: 'Exporting…' });
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    await user.click(busy);
    release();
    await waitFor(() => expect(downloads).toHaveLength(1));
    await waitFor(() => expect(within(pane).getByRole('button', { name: 'Export as HAR' }).getAttribute('aria-disabled')).toBeNull());
    expect(c.inspectorRequests.filter((r) => r.method === 'exportHar')).toHaveLength(1);

    await user.click(within(pane).getByRole('button', { name: 'Export as HAR' }));
    await waitFor(() => expect(downloads).toHaveLength(2));
    expect(JSON.parse(await downloads[1]!.blob.text()).log.entries.map((e: { _callId: number }) => e._callId)).toEqual([2]);
  });

  // The `e` key started an export of its own beside the button's, with nothing on screen: two
  // presses were two downloads of the same file.
  it('exports one at a time, by the e key or the button, and the button says "Exporting…" meanwhile', async () => {
    const { c, user } = await browserPage();
    const exports = () => c.inspectorRequests.filter((r) => r.method === 'exportHar').length;
    let release = c.holdNextInspectorAnswer('exportHar');
    await user.keyboard('e');
    const busy = await screen.findByRole('button', { name: 'Exporting…' });
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByRole('button', { name: 'Import HAR' }).getAttribute('aria-disabled')).toBe('true');
    await user.keyboard('e');
    await waitFor(() => expect(status()).toBe('A HAR export is running: one export at a time.'));
    await user.click(busy);
    release();
    await waitFor(() => expect(status()).toMatch(/^Downloaded 4 calls as/));
    expect(downloads).toHaveLength(1);
    expect(exports()).toBe(1);
    expect(screen.getByRole('button', { name: 'Export HAR' }).getAttribute('aria-disabled')).toBeNull();

    // Started by the button, the key waits for it too.
    release = c.holdNextInspectorAnswer('exportHar');
    await user.click(screen.getByRole('button', { name: 'Export HAR' }));
    await screen.findByRole('button', { name: 'Exporting…' });
    await user.keyboard('e');
    release();
    await waitFor(() => expect(downloads).toHaveLength(2));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Export HAR' }).getAttribute('aria-disabled')).toBeNull());
    expect(exports()).toBe(2);
  });
});

describe('HAR export and import in the desktop app', () => {
  const companion = useCompanion();

  it('lets main save and open the file through its dialogs and reports where', async () => {
    const c = companion();
    await sendHistory(c);
    const savePath = join(c.dataDir, 'calls.har');
    c.dialogs.savePath = savePath;
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(listedIds()).toHaveLength(4));
    await user.click(screen.getByRole('button', { name: 'Export HAR' }));
    await waitFor(() => expect(status()).toBe(`Exported 4 calls to ${savePath}.`));
    expect(downloads).toEqual([]);
    expect(JSON.parse(readFileSync(savePath, 'utf8')).log.entries).toHaveLength(4);
    await user.click(screen.getByRole('button', { name: 'Import HAR' }));
    await waitFor(() => expect(status()).toBe('Import cancelled: no file was read.'));
    expect(c.bridge.callsTo('importHar')).toEqual([[null]]);
    const onePath = join(c.dataDir, 'one.har');
    const one = JSON.parse(readFileSync(savePath, 'utf8'));
    writeFileSync(onePath, aSecondLater(JSON.stringify({ log: { ...one.log, entries: one.log.entries.slice(0, 1) } })));
    c.dialogs.savePath = null;
    c.dialogs.openPath = onePath;
    await user.click(screen.getByRole('button', { name: 'Import HAR' }));
    await waitFor(() => expect(status()).toBe('Imported 1 call.'));
    await waitFor(() => expect(listedIds()).toHaveLength(5));
    await user.click(screen.getByRole('button', { name: 'Export HAR' }));
    await waitFor(() => expect(status()).toBe('Export cancelled: nothing was saved.'));
  });

  it('says how many calls its export left out, how to write them all, and counts with separators', async () => {
    const c = companion();
    // One more than the page's export takes: it holds the file whole.
    expect(await c.api.importHar(flowentHar(10_001, KEY))).toMatchObject({ ok: true, value: { imported: 10_001 } });
    const savePath = join(c.dataDir, 'calls.har');
    c.dialogs.savePath = savePath;
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(screen.getByLabelText('Call counts').textContent).toContain('10,001 calls'));
    await user.click(screen.getByRole('button', { name: 'Export HAR' }));
    await waitFor(
      () =>
        expect(status()).toBe(
          `Exported the newest 10,000 of 10,001 calls to ${savePath}; 1 older call was left out: ` +
            `the command writes every one: flowent-companion export --har calls.har --all --data-dir ${c.dataDir}`,
        ),
      { timeout: 60_000 },
    );
    expect(JSON.parse(readFileSync(savePath, 'utf8')).log.entries).toHaveLength(10_000);
  }, 120_000);

  it('says what to do when there is nothing to export', async () => {
    const c = companion();
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(c.bridge.callsTo('getStats').length).toBeGreaterThan(0));
    await user.click(screen.getByRole('button', { name: 'Export HAR' }));
    await waitFor(() => expect(status()).toContain('There are no calls to export here'));
  });
});

/** A HAR's calls as if received a second later: not calls the history holds, which an import leaves out. */
function aSecondLater(text: string): string {
  const har = JSON.parse(text) as { log: { entries: { startedDateTime: string }[] } };
  for (const entry of har.log.entries) entry.startedDateTime = new Date(Date.parse(entry.startedDateTime) + 1000).toISOString();
  return JSON.stringify(har);
}
