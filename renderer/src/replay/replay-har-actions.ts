import { MAX_HAR_IMPORT_BYTES, type CallSelection, type HarImportSummary, type ReplayEvent } from '../../../main/contract/api';
import { hasConnection, type RendererBridge } from '../transport/connection';
import { currentBridge } from '../page/bridge-holder';
import { NOT_CONNECTED } from '../page/run-result';
import { inPageWords } from '../page/page-words';
import { reportError } from '../page/ui-actions';
import { useReplayStore } from './replay-store';

export type HarOutcome = { ok: true; message: string } | { ok: false; message: string };

/** An import's summary, or its refusal in the page's words. */
export type HarImported = { ok: true; value: HarImportSummary } | { ok: false; message: string };

/** Exports the selection: the desktop app saves it through a dialog, the browser downloads it. */
export async function exportHar(selection: CallSelection, now = new Date()): Promise<HarOutcome | null> {
  const b = currentBridge();
  if (!b) return { ok: false, message: NOT_CONNECTED };
  try {
    const result = await b.exportHar(selection);
    if (!result.ok) return { ok: false, message: inPageWords(result) };
    const { count, text, savedTo } = result.value;
    const calls = `${count} call${count === 1 ? '' : 's'}`;
    if (savedTo) return { ok: true, message: `Saved ${calls} to ${savedTo}` };
    if (text === null) return { ok: true, message: 'Export cancelled: nothing was saved.' };
    const name = `flowent-calls-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.har`;
    download(text, name);
    return { ok: true, message: `Downloaded ${calls} as ${name}` };
  } catch (error) {
    reportError('Could not export the calls', error);
    return null;
  }
}

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the object URL can go once the event loop moves on.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** True when the page runs in the desktop app (which opens files through a dialog in main). */
export function importsThroughDialog(b: RendererBridge | null = currentBridge()): boolean {
  return b !== null && !hasConnection(b);
}

/**
 * Imports a HAR: the desktop app asks for the file itself (`text` null); the browser sends the
 * file's text whole. The core imports it in slices and tells its progress, which
 * `harImport` in the replay store follows until the import ends.
 */
export async function importHar(text: string | null): Promise<HarImported | null> {
  const b = currentBridge();
  if (!b) return { ok: false, message: NOT_CONNECTED };
  useReplayStore.setState({ harImport: { done: 0, total: 0 } });
  try {
    const result = await b.importHar(text);
    return result.ok ? result : { ok: false, message: inPageWords(result) };
  } catch (error) {
    reportError('Could not import the HAR file', error);
    return null;
  } finally {
    useReplayStore.setState({ harImport: null });
  }
}

/**
 * Imports a HAR file the user chose in the browser: one over the import limit is refused here,
 * before it is read or sent (the inspector would refuse it too, after the upload).
 */
export async function importHarFile(file: Pick<File, 'name' | 'size' | 'text'>): Promise<HarImported | null> {
  const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);
  if (file.size > MAX_HAR_IMPORT_BYTES) {
    const failure = {
      code: 'har-too-large',
      file: file.name,
      megabytes: megabytes(file.size),
      maxMegabytes: megabytes(MAX_HAR_IMPORT_BYTES),
    } as const;
    return { ok: false, message: inPageWords(failure) };
  }
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    return { ok: false, message: inPageWords({ code: 'file-unreadable', file: file.name, reason: String(error) }) };
  }
  return importHar(text);
}

/** The core read more of a HAR file: shown while this window's import runs (another window's import is not followed). */
export function applyHarImportProgress(event: Extract<ReplayEvent, { type: 'har-import-progress' }>): void {
  const current = useReplayStore.getState().harImport;
  if (event.stage !== 'entries') return;
  if (current && event.done >= current.done) useReplayStore.setState({ harImport: { done: event.done, total: event.total } });
}
