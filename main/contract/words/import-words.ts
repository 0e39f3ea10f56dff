import type { HarImportSummary } from '../replay';
import { counted, countWords } from './counted';

/**
 * What a HAR import skipped, by reason: with the calls imported and those the history already
 * held (said on their own), every entry of the file is counted once.
 */
export interface ImportSkipped {
  /** Entries that are not a POST with a body (page loads, GETs...), skipped on purpose. */
  skipped: number;
  /**
   * POSTs of another tool's file (a browser's) that are no Flowent call: no `action_name` in the
   * body and no `/actions/<name>` path. A browser's HAR holds the page's own API calls too.
   */
  notFlowent: number;
  /** Broken entries (no request, a body that cannot be read, no time...), each told with where. */
  broken: number;
}

/**
 * The summary's clause of the entries skipped, one count over every reason, for every front end
 * (the import command, serve's line, the page's toast); null when none was.
 */
export function skippedWords({ skipped, notFlowent, broken }: ImportSkipped): string | null {
  const total = skipped + notFlowent + broken;
  if (total === 0) return null;
  const notPosts = skipped === 1 ? 'not a POST with a body' : 'not POSTs with a body';
  const notCalls = notFlowent === 1 ? 'not a Flowent call' : 'not Flowent calls';
  if (total === skipped) return `skipped ${countWords(skipped)} that ${skipped === 1 ? 'is' : 'are'} ${notPosts}`;
  if (total === notFlowent) return `skipped ${countWords(notFlowent)} that ${notFlowent === 1 ? 'is' : 'are'} ${notCalls}`;
  if (total === broken) return `skipped ${counted(broken, 'broken entry', 'broken entries')}`;
  const reasons = [
    skipped > 0 ? `${countWords(skipped)} ${notPosts}` : null,
    notFlowent > 0 ? `${countWords(notFlowent)} ${notCalls}` : null,
    broken > 0 ? `${countWords(broken)} broken` : null,
  ].filter((reason) => reason !== null);
  return `skipped ${countWords(total)}: ${reasons.join(', ')}`;
}

/**
 * The calls just imported that the history's limits delete at once (HarImportSummary.overLimits):
 * past a limit the calls received longest ago go first, and an old HAR's calls are old. Said, so
 * that "Imported 7 calls" is not followed by a history without them.
 */
export function overLimitsWords(overLimits: number, imported: number): string | null {
  if (overLimits === 0) return null;
  const which = overLimits >= imported ? (imported === 1 ? 'it' : `all ${imported} of them`) : `${overLimits} of them`;
  return `the history's limits delete ${which} at once (past a limit, the calls received longest ago go first)`;
}

/** What an import stored, said with `skippedWords` and `overLimitsWords`; one broken entry named in it. */
export interface ImportEnd extends ImportSkipped {
  imported: number;
  /** Calls the history held already: the same path, body and time received. */
  duplicates: number;
  overLimits?: number;
}

/**
 * What a HAR import stored and what it left out, for every front end: `import`'s line, `serve`'s
 * line when an import from the page ends, and the page's toast. `from`: the file (null where the
 * front end has just chosen it); `firstBroken`: a broken entry named where there is no room for
 * a line per entry (the toast), with where in the file it is.
 */
export function importEndWords(
  counts: ImportEnd,
  from: string | null,
  firstBroken: { path: string; message: string } | null = null,
): string {
  const parts = [`Imported ${counted(counts.imported, 'call')}${from === null ? '' : ` from ${from}`}`];
  const skipped = skippedWords(counts);
  if (skipped) parts.push(firstBroken ? `${skipped} (${firstBroken.path} ${firstBroken.message.replace(/\.$/, '')})` : skipped);
  if (counts.duplicates > 0)
    parts.push(`left out ${countWords(counts.duplicates)} already in the history (same path, body and time received: imported before)`);
  const over = overLimitsWords(counts.overLimits ?? 0, counts.imported);
  if (over) parts.push(over);
  return `${parts.join('; ')}.`;
}

/** The page's import whose file dialog was closed without a file. */
export const IMPORT_CANCELLED = 'Import cancelled: no file was read.';

/** The page's toast when an import ends: in `import`'s words, the first broken entry named (a toast has room for one). */
export function importToastWords(
  summary: Pick<HarImportSummary, 'opened' | 'imported' | 'duplicates' | 'skipped' | 'notFlowent' | 'problems' | 'overLimits'>,
): string {
  if (!summary.opened) return IMPORT_CANCELLED;
  return importEndWords({ ...summary, broken: summary.problems.length }, null, summary.problems[0] ?? null);
}

/** Whole megabytes, or tenths under 10 MB (a small file's upload would read "0 of 1 MB"). */
function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb < 10 ? mb.toFixed(1) : String(Math.floor(mb));
}

/** How far the page's upload of a HAR file has gone, beside its bar; `total` 0: not known yet. */
export function uploadingWords(sent: number, total: number): string {
  return total > 0 ? `Uploading ${megabytes(sent)} of ${megabytes(total)} MB` : 'Uploading…';
}

/** The page's HAR import once uploaded (or chosen in the desktop app's dialog), before its entries are counted. */
export const READING_THE_FILE = 'Reading the file…';
