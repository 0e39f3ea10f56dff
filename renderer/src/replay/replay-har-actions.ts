import type { CallSelection, HarImportProblem, HarImportSummary, ReplayFailure, Result } from '../../../main/contract/api';
import { hasConnection, type RendererBridge } from '../transport/connection';
import { currentBridge } from '../app/bridge-holder';
import { NOT_CONNECTED } from '../app/run-result';
import { reportError } from '../app/ui-actions';
import { inPageWords } from '../app/page-words';

/**
 * The browser inspector's API bodies are at most 64 KB (JSON-encoded, so quotes count
 * twice): a HAR is sent a few entries at a time, each piece a HAR of its own.
 */
const MAX_PIECE_CHARS = 56_000;

export type HarOutcome = { ok: true; message: string } | { ok: false; message: string };

export type HarImported = { ok: true; value: HarImportSummary } | { ok: false; message: string };

function worded<T>(result: Result<T, ReplayFailure>): { ok: true; value: T } | { ok: false; message: string } {
  return result.ok ? result : { ok: false, message: inPageWords(result) };
}

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
 * Imports a HAR: the desktop app asks for the file itself (`text` null); the browser sends
 * the file's text in pieces, calling `onProgress` after each. A refusal comes in the page's words.
 */
export async function importHar(
  text: string | null,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<HarImported | null> {
  const b = currentBridge();
  if (!b) return { ok: false, message: NOT_CONNECTED };
  try {
    if (text === null) return worded(await b.importHar(null));
    const pieces = splitHar(text);
    if (!pieces.ok) return worded(pieces);
    const total: HarImportSummary = { imported: 0, skipped: 0, problems: [...pieces.value.problems], ids: [], opened: true };
    for (const [index, piece] of pieces.value.pieces.entries()) {
      const result = await b.importHar(piece.text);
      if (!result.ok) return worded(result);
      total.imported += result.value.imported;
      total.skipped += result.value.skipped;
      total.ids.push(...result.value.ids);
      total.problems.push(...result.value.problems.map((p) => shiftProblem(p, piece.offset)));
      onProgress(index + 1, pieces.value.pieces.length);
    }
    return { ok: true, value: total };
  } catch (error) {
    reportError('Could not import the HAR file', error);
    return null;
  }
}

interface Pieces {
  pieces: { text: string; offset: number }[];
  problems: HarImportProblem[];
}

/** Splits a HAR into HARs small enough for one API call; anything that is not a HAR goes whole, for the core to explain. */
export function splitHar(text: string): Result<Pieces, ReplayFailure> {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    doc = null;
  }
  const log = doc && typeof doc === 'object' ? (doc as { log?: unknown }).log : undefined;
  const entries = log && typeof log === 'object' ? (log as { entries?: unknown }).entries : undefined;
  if (!Array.isArray(entries)) {
    if (encodedLength(text) > MAX_PIECE_CHARS) {
      return { ok: false, code: 'not-har', missing: 'entries' };
    }
    return { ok: true, value: { pieces: [{ text, offset: 0 }], problems: [] } };
  }
  const wrap = (list: unknown[]) => JSON.stringify({ log: { ...(log as object), entries: list } });
  const pieces: Pieces = { pieces: [], problems: [] };
  let current: unknown[] = [];
  let offset = 0;
  entries.forEach((entry, index) => {
    if (encodedLength(wrap([...current, entry])) <= MAX_PIECE_CHARS) {
      current.push(entry);
      return;
    }
    if (current.length > 0) pieces.pieces.push({ text: wrap(current), offset });
    current = [];
    offset = index;
    if (encodedLength(wrap([entry])) > MAX_PIECE_CHARS) {
      pieces.problems.push({
        path: `log.entries[${index}]`,
        message:
          'is too large to send from the browser (64 KB at most); import this file in the desktop app or with `flowent-companion import`.',
      });
      offset = index + 1;
    } else current.push(entry);
  });
  if (current.length > 0) pieces.pieces.push({ text: wrap(current), offset });
  return { ok: true, value: pieces };
}

function encodedLength(text: string): number {
  return JSON.stringify([text]).length;
}

function shiftProblem(problem: HarImportProblem, offset: number): HarImportProblem {
  return { ...problem, path: problem.path.replace(/^log\.entries\[(\d+)\]/, (_, n: string) => `log.entries[${Number(n) + offset}]`) };
}
