import { readFile, stat } from 'node:fs/promises';
import { MAX_HAR_IMPORT_BYTES, type CompanionApi, type ReplayFailure, type Result } from '../contract/api';
import { dataDirForCommands } from '../contract/words';
import { harFileText, writePrivateFile } from '../core';

/** The parts of Electron's `dialog` this module uses, so tests can play the user's part. */
export interface DialogLike<W> {
  showSaveDialog(window: W, options: SaveOptions): Promise<{ canceled: boolean; filePath?: string }>;
  showSaveDialog(options: SaveOptions): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(window: W, options: OpenOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showOpenDialog(options: OpenOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export interface HarDialogOptions<W> {
  /** The app window, so the dialog is attached to it (a sheet on macOS) instead of floating behind it. */
  parent?: () => W | null;
  now?: () => Date;
}
interface SaveOptions {
  title: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
}
interface OpenOptions {
  title: string;
  properties: 'openFile'[];
  filters: { name: string; extensions: string[] }[];
}

const HAR_FILTERS = [
  { name: 'HAR files', extensions: ['har', 'json'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * The desktop app's HAR export/import: main shows the save/open dialog and writes/reads the file
 * itself, so the renderer never names a path and never gets file access. Returns the API with
 * `exportHar` and `importHar` replaced; everything else (and the IPC sender checks) is unchanged.
 */
export function withHarDialogs<W>(api: CompanionApi, dialog: DialogLike<W>, options: HarDialogOptions<W> = {}): CompanionApi {
  const now = options.now ?? (() => new Date());
  const save = (o: SaveOptions) => {
    const parent = options.parent?.();
    return parent ? dialog.showSaveDialog(parent, o) : dialog.showSaveDialog(o);
  };
  const open = (o: OpenOptions) => {
    const parent = options.parent?.();
    return parent ? dialog.showOpenDialog(parent, o) : dialog.showOpenDialog(o);
  };
  return {
    ...api,
    async exportHar(selection) {
      const exported = await api.exportHar(selection);
      if (!exported.ok || exported.value.text === null) return exported;
      const stamp = now().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      const chosen = await save({ title: 'Export calls as HAR', defaultPath: `flowent-calls-${stamp}.har`, filters: HAR_FILTERS });
      if (chosen.canceled || !chosen.filePath) return { ok: true, value: { ...exported.value, text: null, savedTo: null } };
      try {
        // Callers' headers and bodies, as the history holds them: as private as the history.
        writePrivateFile(chosen.filePath, exported.value.text);
      } catch (error) {
        return { ok: false, code: 'file-unwritable', file: chosen.filePath, reason: describe(error) };
      }
      return { ok: true, value: { ...exported.value, text: null, savedTo: chosen.filePath } };
    },
    async importHar(text) {
      // A page that already has the text (never the case in the app window) imports it as is.
      if (text !== null) return api.importHar(text);
      const chosen = await open({ title: 'Import a HAR file', properties: ['openFile'], filters: HAR_FILTERS });
      const file = chosen.filePaths[0];
      if (chosen.canceled || !file)
        return {
          ok: true,
          value: { imported: 0, skipped: 0, notFlowent: 0, duplicates: 0, problems: [], ids: [], overLimits: 0, opened: false },
        };
      const read = await readHar(file, api);
      return read.ok ? api.importHar(read.value) : read;
    },
  };
}

/** The file's text, or why it cannot be imported here (`api` tells which folder the import command would need to name). */
async function readHar(file: string, api: CompanionApi): Promise<Result<string, ReplayFailure>> {
  try {
    const { size } = await stat(file);
    if (size > MAX_HAR_IMPORT_BYTES) {
      return {
        ok: false,
        code: 'har-too-large',
        file,
        megabytes: Math.round(size / 1024 / 1024),
        maxMegabytes: MAX_HAR_IMPORT_BYTES / 1024 / 1024,
        dataDir: dataDirForCommands(await api.getStatus()),
      };
    }
    const text = harFileText(await readFile(file));
    // Refused as the command refuses it, in its words: read leniently, bad bytes would be stored as U+FFFD.
    return text.ok ? text : { ok: false, code: 'har-not-text', reason: text.message };
  } catch (error) {
    return { ok: false, code: 'file-unreadable', file, reason: describe(error) };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
