import type { CallSummary } from '../../../main/contract/api';
import { onReset } from './stores';

/**
 * Calls stored while counts are being read, one list per read in flight. A read's counts cover
 * the calls up to its `countedUpTo`; a call stored after the read may still be told to the page
 * before the read's answer comes (events and answers travel apart), and then only this list
 * has it to add.
 */
const inFlight = new Set<CallSummary[]>();
onReset(() => inFlight.clear());

/** Tells every read in flight of calls just stored. */
export function noteStored(calls: CallSummary[]): void {
  for (const arrived of inFlight) arrived.push(...calls);
}

/** Starts gathering the calls stored from now on, until `stop`: for reads that span several answers. */
export function watchStored(): { stored: CallSummary[]; stop: () => void } {
  const stored: CallSummary[] = [];
  inFlight.add(stored);
  return { stored, stop: () => inFlight.delete(stored) };
}

/** Runs `read`, and gives the calls stored meanwhile with what it read. */
export async function withStoredMeanwhile<T>(read: () => Promise<T>): Promise<{ value: T; stored: CallSummary[] }> {
  const watch = watchStored();
  try {
    return { value: await read(), stored: watch.stored };
  } finally {
    watch.stop();
  }
}
