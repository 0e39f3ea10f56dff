import { counted } from './counted';

/**
 * What a HAR import skipped, by reason: with the calls imported and those the history already
 * held (said on their own), every entry of the file is counted once.
 */
export interface ImportSkipped {
  /** Entries that are not a POST with a body (page loads, GETs...), skipped on purpose. */
  skipped: number;
  /** Broken entries (no request, a body that cannot be read...), each told with where. */
  broken: number;
}

/**
 * The summary's clause of the entries skipped, one count over both reasons, for every front end
 * (the import command, serve's line, the page's toast); null when none was.
 */
export function skippedWords({ skipped, broken }: ImportSkipped): string | null {
  const total = skipped + broken;
  if (total === 0) return null;
  const notCalls = skipped === 1 ? 'not a POST with a body' : 'not POSTs with a body';
  if (broken === 0) return `skipped ${skipped} that ${skipped === 1 ? 'is' : 'are'} ${notCalls}`;
  if (skipped === 0) return `skipped ${counted(broken, 'broken entry', 'broken entries')}`;
  return `skipped ${total}: ${skipped} ${notCalls}, ${broken} broken`;
}
