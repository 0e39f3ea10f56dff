import type { CallSummary } from '../../../main/contract/api';
import { onReset } from './stores';

/**
 * Calls stored while counts are being read, one record per read in flight. A read's counts cover
 * the calls up to its `countedUpTo`; a call stored after the read may still be told to the page
 * before the read's answer comes (events and answers travel apart), and then only this record
 * has it to add.
 */
export interface StoredMeanwhile {
  /** Every call told. */
  stored: CallSummary[];
  /**
   * Under a text search, the calls told that the core said contain the text (the search without
   * the action chosen: search-arrivals.ts). A summary has no body, so `stored` cannot say which.
   */
  searchMatches: CallSummary[];
}

const inFlight = new Set<StoredMeanwhile>();
onReset(() => inFlight.clear());

/** Tells every read in flight of calls just stored. */
export function noteStored(calls: CallSummary[]): void {
  for (const read of inFlight) read.stored.push(...calls);
}

/** Tells every read in flight of calls told earlier that the core said match the search. */
export function noteSearchMatches(calls: CallSummary[]): void {
  for (const read of inFlight) read.searchMatches.push(...calls);
}

/** Starts gathering the calls stored from now on, until `stop`: for reads that span several answers. */
export function watchStored(): StoredMeanwhile & { stop: () => void } {
  const read: StoredMeanwhile = { stored: [], searchMatches: [] };
  inFlight.add(read);
  return { ...read, stop: () => inFlight.delete(read) };
}

/** Runs `read`, and gives the calls stored meanwhile with what it read. */
export async function withStoredMeanwhile<T>(read: () => Promise<T>): Promise<{ value: T; meanwhile: StoredMeanwhile }> {
  const watch = watchStored();
  try {
    return { value: await read(), meanwhile: watch };
  } finally {
    watch.stop();
  }
}
