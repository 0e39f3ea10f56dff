import type { CallSummary } from '../../../main/contract/api';

/**
 * The list's order: by when each call arrived, newest first (the id breaks ties). The store
 * numbers calls when they are answered, so a replay that took 3 s gets a higher id than a
 * call that arrived after it and was answered at once: ordered by id, their times would read
 * out of order.
 */
export function newerFirst(a: CallSummary, b: CallSummary): number {
  return b.receivedAt - a.receivedAt || b.id - a.id;
}

/**
 * `incoming` merged into `existing` (already in arrival order) where each call belongs. Rows
 * already shown keep their order: new ones are only ever inserted between them.
 */
export function mergeByArrival(existing: CallSummary[], incoming: CallSummary[]): CallSummary[] {
  if (incoming.length === 0) return existing;
  const sorted = [...incoming].sort(newerFirst);
  const out: CallSummary[] = [];
  let i = 0;
  for (const call of sorted) {
    while (i < existing.length && newerFirst(existing[i]!, call) < 0) out.push(existing[i++]!);
    out.push(call);
  }
  while (i < existing.length) out.push(existing[i++]!);
  return out;
}

/** The highest and lowest ids in a list, whatever its order (pages are asked for by id). */
export function idRange(calls: CallSummary[]): { newest: number; oldest: number } {
  let newest = -Infinity;
  let oldest = Infinity;
  for (const c of calls) {
    if (c.id > newest) newest = c.id;
    if (c.id < oldest) oldest = c.id;
  }
  return { newest, oldest };
}
