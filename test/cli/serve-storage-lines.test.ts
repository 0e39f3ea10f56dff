import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StorageFault } from '../../main/contract/api';
import { StorageFaultLines } from '../../main/cli/serve-storage-lines';
import { internalErrorLine } from '../../main/cli/open-core';
import { HistoryWriteFault } from '../../main/core';
import { backgroundWriteFailure } from '../../main/core/store/store-faults';

// How serve folds the calls refused while the history is full into few lines: the status events
// bring a growing count (at most one a second); serve says it when the refusals pause for 10 s,
// or once a minute while they go on, and the total when calls are stored again.
const START = Date.UTC(2026, 11, 6, 15, 30, 0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(START);
});
afterEach(() => vi.useRealTimers());

const fault = (refused: number, endedAt: number | null = null): StorageFault => ({
  code: 'disk-full',
  reason: 'the disk is full',
  since: START,
  refused,
  endedAt,
});

function linesOf(): { lines: string[]; watch: StorageFaultLines } {
  const lines: string[] = [];
  return { lines, watch: new StorageFaultLines((line) => lines.push(line), '/data') };
}

describe("serve's lines about calls that cannot be stored", () => {
  it('says the start once, the refusals of a stretch in one line when they pause, and the total at the end', () => {
    const { lines, watch } = linesOf();
    watch.seen(null);
    watch.seen(fault(1));
    watch.seen(fault(1));
    for (let refused = 2; refused <= 40; refused++) {
      vi.advanceTimersByTime(1_000);
      watch.seen(fault(refused));
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      '! Calls cannot be stored: the disk is full, since 15:30:00. 1 call refused so far: Flowent got 503 for each ' +
        '(it may send them again); they are not in the history. Free space on the disk holding /data: the next call is stored again by itself.',
    );
    vi.advanceTimersByTime(10_000);
    expect(lines.slice(1)).toEqual(['! 39 more calls refused (40 calls since 15:30:00): calls still cannot be stored, the disk is full.']);
    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(2);

    watch.seen(fault(45, START + 120_000));
    expect(lines.slice(2)).toEqual([
      'Calls are stored again since 15:32:00. 45 calls were refused from 15:30:00 (the disk is full): ' +
        'Flowent got 503 for each (it may send them again); they are not in the history.',
    ]);
    // An ended fault seen again (a later status event) says nothing more.
    watch.seen(fault(45, START + 120_000));
    vi.advanceTimersByTime(60_000);
    watch.flush();
    expect(lines).toHaveLength(3);
  });

  it('says the count once a minute while refusals never pause, and what is left at the stop', () => {
    const { lines, watch } = linesOf();
    watch.seen(fault(1));
    for (let refused = 2; refused <= 65; refused++) {
      vi.advanceTimersByTime(1_000);
      watch.seen(fault(refused));
    }
    expect(lines.slice(1)).toEqual(['! 60 more calls refused (61 calls since 15:30:00): calls still cannot be stored, the disk is full.']);
    watch.flush();
    expect(lines.slice(2)).toEqual(['! 4 more calls refused (65 calls since 15:30:00): calls still cannot be stored, the disk is full.']);
  });

  it('says nothing of a fault that ended before this serve heard of it', () => {
    const { lines, watch } = linesOf();
    watch.seen(fault(3, START + 5_000));
    watch.flush();
    expect(lines).toEqual([]);
  });
});

describe('what the history refused in the background', () => {
  it('is said in its own words, with what to do; anything else is said as the bug it is', () => {
    const refused = new HistoryWriteFault(
      backgroundWriteFailure('text-index', Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })),
    );
    expect(internalErrorLine(refused)).toBe(
      'flowent-companion: Flowent Companion could not add new calls to the search index: the disk is full. ' +
        'Searches still find them (by reading each new call), only slower; free space or fix the data folder.\n',
    );
    expect(internalErrorLine(new Error('boom'))).toBe('flowent-companion: internal error: Error: boom\n');
  });
});
