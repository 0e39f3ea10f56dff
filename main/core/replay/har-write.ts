import { MAX_SELECTION, type CallFilter, type CallSelection } from '../../contract/api';
import type { CallsRepository } from '../store/calls-repository';
import { callsToHar, harEntry } from './har-export';

/**
 * What an export writes: a selection as the API takes it (ids, or a filter's newest `limit`), or
 * every call of a filter (`all`: the command's `export --all`, written a batch at a time).
 */
export type HarSelection = CallSelection | { filter: CallFilter; all: true };

/** The calls an export writes, oldest first, and how many the selection matched: more than written when its limit left some out. */
export interface HarPlan {
  ids: number[];
  matched: number;
}

/** How many ids one step of the filter's reading takes: the query budget bounds each step's time. */
const IDS_PER_STEP = 10_000;
/**
 * How many calls one statement reads for writing: one statement a call cost most of an export's
 * time, and a batch is held in memory (with bodies of up to 1 MB), so a few dozen at once.
 */
const CALLS_PER_READ = 50;

/** Webhook calls are answered between an export's steps: a serve exports within its own loop. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * The ids an export writes. A filter's calls are all counted (ids only, newest first), so an
 * export limited to the newest ones can say how many it left out.
 */
export async function harPlan(calls: CallsRepository, selection: HarSelection): Promise<HarPlan> {
  if ('ids' in selection) {
    // An id given twice is one call: a HAR with a call twice would import as two.
    const ids = [...new Set(selection.ids)].filter((id) => calls.summary(id) !== null);
    return { ids, matched: ids.length };
  }
  const newestFirst: number[] = [];
  for (let beforeId: number | undefined; ;) {
    const step = calls.selectIds(selection.filter, IDS_PER_STEP, beforeId);
    newestFirst.push(...step.ids);
    const last = step.ids.at(-1);
    const next = step.nextBeforeId ?? (step.ids.length === IDS_PER_STEP && last !== undefined ? last : null);
    if (next === null) break;
    beforeId = next;
    // A filter over 1,000,000 calls reads for seconds.
    await nextTurn();
  }
  const limit = 'all' in selection ? newestFirst.length : selectionLimit(selection);
  return { ids: newestFirst.slice(0, limit).reverse(), matched: newestFirst.length };
}

/** How many calls a selection by filter takes: its limit, within the API's bound. */
export function selectionLimit(selection: { limit?: number }): number {
  return Math.min(MAX_SELECTION, Math.max(1, selection.limit ?? MAX_SELECTION));
}

/**
 * Writes the calls as a HAR 1.2 document through `write`, a batch of calls read and written at a
 * time: a whole history exported holds one batch in memory, not the file. The bytes are those of
 * `JSON.stringify(callsToHar(calls, version, ownWebhookBaseUrl), null, 2)`, so a streamed export
 * and the page's agree. `onWritten` hears how many are written after each batch (and 0 first), for
 * a progress line. `ownWebhookBaseUrl`: the companion's webhook server, where tunnelled calls arrived.
 */
export async function writeHar(
  calls: CallsRepository,
  ids: readonly number[],
  write: (chunk: string) => void,
  onWritten: (written: number, total: number) => void = () => {},
  ownWebhookBaseUrl: string | null = null,
): Promise<number> {
  const shell = JSON.stringify(callsToHar([]), null, 2);
  const at = shell.lastIndexOf('[]');
  write(shell.slice(0, at + 1));
  let count = 0;
  onWritten(0, ids.length);
  for (let from = 0; from < ids.length; from += CALLS_PER_READ) {
    if (from > 0) await nextTurn();
    for (const call of calls.getMany(ids.slice(from, from + CALLS_PER_READ))) {
      const entry = JSON.stringify(harEntry(call, ownWebhookBaseUrl), null, 2).replace(/\n/g, '\n      ');
      write(`${count === 0 ? '' : ','}\n      ${entry}`);
      count++;
    }
    onWritten(count, ids.length);
  }
  write(`${count === 0 ? '' : '\n    '}${shell.slice(at + 1)}`);
  return count;
}

/** The calls as HAR text, as writeHar writes them; `onWritten` as writeHar's. */
export async function harText(
  calls: CallsRepository,
  ids: readonly number[],
  ownWebhookBaseUrl: string | null = null,
  onWritten?: (written: number, total: number) => void,
): Promise<{ text: string; count: number }> {
  const chunks: string[] = [];
  const count = await writeHar(calls, ids, (chunk) => chunks.push(chunk), onWritten, ownWebhookBaseUrl);
  return { text: chunks.join(''), count };
}
