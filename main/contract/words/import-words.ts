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
