import { counted, countWords } from './counted';

/** How many calls an export wrote, of how many its selection matched. */
export interface ExportedCount {
  count: number;
  /** More than `count` when the export's limit left the older calls out. */
  matched: number;
}

/**
 * The calls an export wrote, for every front end: "1,000 calls", or "the newest 1,000 of 27,000
 * calls" when its limit left some out (an export that says only "1,000 calls" reads as all of them).
 */
export function exportedCallsWords({ count, matched }: ExportedCount): string {
  return matched > count ? `the newest ${countWords(count)} of ${counted(matched, 'call')}` : counted(count, 'call');
}

/** How far a HAR export or import has gone through its calls, beside its bar on the page: "2,500 of 10,000 calls". */
export function callsDoneWords(done: number, total: number): string {
  return `${countWords(done)} of ${counted(total, 'call')}`;
}

/** The calls an export left out and `how` to write them (in the front end's words); null when it left none out. */
export function leftOutWords({ count, matched }: ExportedCount, how: string): string | null {
  const left = matched - count;
  return left > 0 ? `${counted(left, 'older call')} ${left === 1 ? 'was' : 'were'} left out: ${how}` : null;
}

/** Where an export went and what it left behind, for `exportedWords`. */
export interface ExportedTo {
  /** The file written; null when the HAR went to standard output. */
  file: string | null;
  /** How to write the calls the export's limit left out (leftOutWords), in the front end's words; null when none. */
  leftOut: string | null;
  /** Ids the command line was given that the history does not hold. */
  notStored?: number;
}

/**
 * An export written to a file, in one sentence for `export` and for the page's export saved by
 * the desktop app's dialog: "Exported 4 calls to /home/me/calls.har."
 */
export function exportedWords(exported: ExportedCount, { file, leftOut, notStored = 0 }: ExportedTo): string {
  const missing = notStored > 0 ? ` (${notStored} of the given ids are not stored)` : '';
  return `Exported ${exportedCallsWords(exported)}${file === null ? '' : ` to ${file}`}${missing}${leftOut ? `; ${leftOut}` : '.'}`;
}

/** The page's export, downloaded by the browser as `name`. */
export function exportDownloadedWords(exported: ExportedCount, name: string, leftOut: string | null): string {
  return `Downloaded ${exportedCallsWords(exported)} as ${name}${leftOut ? `; ${leftOut}` : ''}`;
}

/** The page's export whose save dialog was closed without a file. */
export const EXPORT_CANCELLED = 'Export cancelled: nothing was saved.';
