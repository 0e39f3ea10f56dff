import {
  MAX_HAR_IMPORT_BYTES,
  type CallSelection,
  type HarImportStage,
  type HarImportSummary,
  type ReplayEvent,
} from '../../../main/contract/api';
import { canDownloadHar, canUploadHar, hasConnection, type RendererBridge } from '../transport/connection';
import { currentBridge } from '../page/bridge-holder';
import { inPageWords } from '../page/page-words';
import { errorMessage, reportError } from '../page/ui-actions';
import {
  callsDoneWords,
  companionCommand,
  dataDirForCommands,
  EXPORT_CANCELLED,
  exportDownloadedWords,
  exportedWords,
  leftOutWords,
  NOT_CONNECTED,
  PAGE_FAILURE_WORDS,
  READING_THE_FILE,
  uploadingWords,
} from '../../../main/contract/words';
import { useMetaStore } from '../page/stores';
import { useReplayStore } from './replay-store';

export type HarOutcome = { ok: true; message: string } | { ok: false; message: string };

/** An import's summary, or its refusal in the page's words. */
export type HarImported = { ok: true; value: HarImportSummary } | { ok: false; message: string };

/**
 * How to write the calls the page's export left out: the page holds the file whole, so it takes
 * at most MAX_SELECTION calls; the command writes a call at a time, however many.
 */
function writeAll(): string {
  return `the command writes every one: ${companionCommand('export --har calls.har --all', dataDirForCommands(useMetaStore.getState().status))}`;
}

/**
 * Exports the selection: the browser downloads the file the inspector sends, the desktop app saves
 * it through a dialog. The core tells how far it has written meanwhile; `harExport` in the replay store follows it.
 */
export async function exportHar(selection: CallSelection, now = new Date()): Promise<HarOutcome | null> {
  const b = currentBridge();
  if (!b) return { ok: false, message: NOT_CONNECTED };
  useReplayStore.setState({ harExport: null });
  const name = `flowent-calls-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.har`;
  try {
    if (canDownloadHar(b)) {
      const fetched = await b.downloadHar(selection);
      if (!fetched.ok) return { ok: false, message: inPageWords(fetched) };
      download(fetched.value.file, name);
      return { ok: true, message: exportDownloadedWords(fetched.value, name, leftOutWords(fetched.value, writeAll())) };
    }
    // The desktop app: main asks where to save the file and writes it there.
    const result = await b.exportHar(selection);
    if (!result.ok) return { ok: false, message: inPageWords(result) };
    const { savedTo } = result.value;
    if (!savedTo) return { ok: true, message: EXPORT_CANCELLED };
    return { ok: true, message: exportedWords(result.value, { file: savedTo, leftOut: leftOutWords(result.value, writeAll()) }) };
  } catch (error) {
    reportError(PAGE_FAILURE_WORDS.exportCalls, error);
    return null;
  } finally {
    useReplayStore.setState({ harExport: null });
  }
}

/**
 * The core's word on a HAR export: shown while this window's export runs (another window's
 * export is not followed), and never going back (a lagging event after a later one).
 */
export function applyHarExportProgress({ done, total }: Extract<ReplayEvent, { type: 'har-export-progress' }>): void {
  const { harWork, harExport } = useReplayStore.getState();
  if (harWork !== 'export' || (harExport && harExport.total === total && harExport.done > done)) return;
  useReplayStore.setState({ harExport: { done, total } });
}

function download(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
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
 * Imports a HAR: the desktop app asks for the file itself (`file` null; a page there never has
 * one); the browser sends the chosen file's bytes, its transport telling them as they go. The
 * core then reads the file and imports it in slices, telling each stage; `harImport` in the
 * replay store follows them until the import ends.
 */
export async function importHar(file: File | null): Promise<HarImported | null> {
  const b = currentBridge();
  if (!b) return { ok: false, message: NOT_CONNECTED };
  const upload = file !== null && canUploadHar(b) ? { file, bridge: b } : null;
  useReplayStore.setState({ harImport: upload ? { stage: 'uploading', sent: 0, total: 0 } : { stage: 'choosing' } });
  try {
    const result = upload ? await upload.bridge.uploadHar(upload.file, applyHarImportStage) : await b.importHar(null);
    return result.ok ? result : { ok: false, message: inPageWords(result) };
  } catch (error) {
    // An upload that failed because the file could not be read is about the file, not the connection.
    const unreadable = upload && (await whyUnreadable(upload.file));
    if (unreadable) return { ok: false, message: inPageWords({ code: 'file-unreadable', file: upload.file.name, reason: unreadable }) };
    reportError(PAGE_FAILURE_WORDS.importHar, error);
    return null;
  } finally {
    useReplayStore.setState({ harImport: null });
  }
}

/**
 * Imports a HAR file the user chose in the browser: one over the import limit is refused here,
 * before it is read or sent (the inspector would refuse it too, after the upload).
 */
export async function importHarFile(file: File): Promise<HarImported | null> {
  const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);
  if (file.size > MAX_HAR_IMPORT_BYTES) {
    const failure = {
      code: 'har-too-large',
      file: file.name,
      megabytes: megabytes(file.size),
      maxMegabytes: megabytes(MAX_HAR_IMPORT_BYTES),
      dataDir: dataDirForCommands(useMetaStore.getState().status),
    } as const;
    return { ok: false, message: inPageWords(failure) };
  }
  return importHar(file);
}

/** Why a chosen file cannot be read now (moved or changed since it was chosen), or null when it can. */
async function whyUnreadable(file: Blob): Promise<string | null> {
  try {
    await file.slice(0, 1).arrayBuffer();
    return null;
  } catch (error) {
    return errorMessage(error).replace(/\.$/, '');
  }
}

/** The core's word on a HAR import: shown while this window's import runs (another window's import is not followed). */
export function applyHarImportProgress({ type: _, ...stage }: Extract<ReplayEvent, { type: 'har-import-progress' }>): void {
  applyHarImportStage(stage);
}

const STAGE_ORDER = ['choosing', 'uploading', 'reading', 'entries'] as const;

/**
 * Moves this window's import to a later stage, or further in its stage. The transport's last
 * upload event and the core's first event may come in either order: an import never goes back.
 */
function applyHarImportStage(stage: HarImportStage): void {
  const current = useReplayStore.getState().harImport;
  if (!current) return;
  const later = STAGE_ORDER.indexOf(stage.stage) - STAGE_ORDER.indexOf(current.stage);
  const further =
    (stage.stage === 'entries' && current.stage === 'entries' && stage.done >= current.done) ||
    (stage.stage === 'uploading' && current.stage === 'uploading' && stage.sent >= current.sent);
  if (later > 0 || further) useReplayStore.setState({ harImport: stage });
}

/** What the bar beside the import button says of the stage. */
export function harImportStageWords(stage: HarImportStage): string {
  switch (stage.stage) {
    case 'uploading':
      return uploadingWords(stage.sent, stage.total);
    case 'reading':
      return READING_THE_FILE;
    case 'entries':
      return callsDoneWords(stage.done, stage.total);
    default: {
      const never: never = stage;
      return never;
    }
  }
}
