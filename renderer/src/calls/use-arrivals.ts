import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CallSummary } from '../../../main/contract/api';

/** How long a new row stays highlighted (the CSS animation's length). */
export const FRESH_MS = 1600;
/** How often highlights that have run out are cleared: in a burst, not once per batch of rows. */
const SWEEP_MS = 500;
/**
 * More rows than this highlighted at once is a burst: the whole list is moving and a
 * highlight per row says nothing more, so new rows are not highlighted until it calms down.
 */
const MOST_HIGHLIGHTED = 24;

export interface Arrivals {
  /** Ids of rows that arrived moments ago. */
  fresh: ReadonlySet<number>;
  /** Rows that arrived while the list was scrolled away from the top, not seen yet. */
  unseen: number;
  /** Back to the top, where the new rows are. */
  toTop: () => void;
  /**
   * The ref of the list's scroll element. A callback, not an object read once: the list is
   * unmounted while there is nothing to show (a first run, a filter that matches nothing) and
   * a new element is mounted when rows come back, and that one is the one to listen to.
   */
  listRef: (el: HTMLDivElement) => () => void;
}

/**
 * Live arrivals in a list of fixed-height rows, newest first. A new call is any id above
 * the highest one shown before (pages of older calls are not arrivals). While the user is
 * away from the top, the rows they are reading stay where they are and the new ones are
 * counted instead; new rows are highlighted briefly either way.
 */
export function useArrivals(calls: CallSummary[], rowHeight: number): Arrivals {
  const [fresh, setFresh] = useState<ReadonlySet<number>>(() => new Set());
  const [unseen, setUnseen] = useState(0);
  const previous = useRef<{ maxId: number } | null>(null);
  const scroller = useRef<HTMLDivElement | null>(null);
  // Where the list was scrolled to, as its scroll events tell: whether the user is away from
  // the top is read from here, since reading the element's scrollTop right after rows were
  // added would make the browser lay the list out there and then, once per batch of arrivals,
  // on top of the frame's own layout.
  const scrolledTo = useRef(0);
  // When each highlighted row arrived; one sweep clears the ones that have run out.
  const arrivedAt = useRef(new Map<number, number>());
  const sweep = useRef<ReturnType<typeof setInterval> | null>(null);

  useEffect(() => {
    return () => {
      if (sweep.current) clearInterval(sweep.current);
    };
  }, []);

  useLayoutEffect(() => {
    const el = scroller.current;
    const before = previous.current;
    const maxId = calls.reduce((max, c) => (c.id > max ? c.id : max), -Infinity);
    previous.current = calls.length ? { maxId } : null;
    if (!before || !el) return;
    const added: number[] = [];
    calls.forEach((c, index) => {
      if (c.id > before.maxId) added.push(index);
    });
    if (added.length === 0) return;

    const now = Date.now();
    if (arrivedAt.current.size + added.length <= MOST_HIGHLIGHTED) {
      for (const index of added) arrivedAt.current.set(calls[index]!.id, now);
      setFresh(new Set(arrivedAt.current.keys()));
    }
    sweep.current ??= setInterval(() => {
      const cutoff = Date.now() - FRESH_MS;
      const before = arrivedAt.current.size;
      for (const [id, at] of arrivedAt.current) if (at <= cutoff) arrivedAt.current.delete(id);
      if (arrivedAt.current.size !== before) setFresh(new Set(arrivedAt.current.keys()));
      if (arrivedAt.current.size === 0 && sweep.current) {
        clearInterval(sweep.current);
        sweep.current = null;
      }
    }, SWEEP_MS);

    if (scrolledTo.current <= 0) return;
    // Keep the first row the user was reading in place: shift by the rows added above it.
    const firstVisible = Math.floor(scrolledTo.current / rowHeight);
    let shift = 0;
    for (const index of added) if (index < firstVisible + shift + 1) shift += 1;
    if (shift > 0) {
      // From the live position, not the last scroll event's: a scroll the browser has not told
      // of yet (it tells at the next frame) is kept. Setting scrollTop lays the list out anyway,
      // so reading it here adds no layout.
      el.scrollTop += shift * rowHeight;
      scrolledTo.current = el.scrollTop;
    }
    setUnseen((n) => n + added.length);
  }, [calls, rowHeight]);

  const listRef = useCallback((el: HTMLDivElement) => {
    // A list mounted anew is at the top, with nothing unseen.
    scroller.current = el;
    scrolledTo.current = el.scrollTop;
    setUnseen(0);
    // Reaching the top by any means (scrolling, Home, the pill) means the new rows are seen.
    const onScroll = () => {
      scrolledTo.current = el.scrollTop;
      if (el.scrollTop <= 1) setUnseen(0);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      if (scroller.current === el) scroller.current = null;
    };
  }, []);

  const toTop = useCallback(() => {
    scroller.current?.scrollTo({ top: 0 });
    setUnseen(0);
  }, []);

  return { fresh, unseen, toTop, listRef };
}
