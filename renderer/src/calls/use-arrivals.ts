import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { CallSummary } from '../../../main/contract/api';

/** How long a new row stays highlighted. */
export const FRESH_MS = 1600;

export interface Arrivals {
  /** Ids of rows that arrived moments ago. */
  fresh: ReadonlySet<number>;
  /** Rows that arrived while the list was scrolled away from the top, not seen yet. */
  unseen: number;
  /** Back to the top, where the new rows are. */
  toTop: () => void;
}

/**
 * Live arrivals in a list of fixed-height rows, newest first. A new call is any id above
 * the highest one shown before (pages of older calls are not arrivals). While the user is
 * away from the top, the rows they are reading stay where they are and the new ones are
 * counted instead; new rows are highlighted briefly either way.
 */
export function useArrivals(calls: CallSummary[], scrollRef: RefObject<HTMLDivElement | null>, rowHeight: number): Arrivals {
  const [fresh, setFresh] = useState<ReadonlySet<number>>(() => new Set());
  const [unseen, setUnseen] = useState(0);
  const previous = useRef<{ maxId: number; scrollTop: number } | null>(null);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  useEffect(() => {
    const all = timers.current;
    return () => all.forEach(clearTimeout);
  }, []);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    const before = previous.current;
    const maxId = calls.reduce((max, c) => (c.id > max ? c.id : max), -Infinity);
    previous.current = calls.length ? { maxId, scrollTop: el?.scrollTop ?? 0 } : null;
    if (!before || !el) return;
    const added: number[] = [];
    calls.forEach((c, index) => {
      if (c.id > before.maxId) added.push(index);
    });
    if (added.length === 0) return;

    const ids = added.map((index) => calls[index]!.id);
    setFresh((f) => new Set([...f, ...ids]));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setFresh((f) => new Set([...f].filter((id) => !ids.includes(id))));
    }, FRESH_MS);
    timers.current.add(timer);

    if (el.scrollTop <= 0) return;
    // Keep the first row the user was reading in place: shift by the rows added above it.
    const firstVisible = Math.floor(el.scrollTop / rowHeight);
    let shift = 0;
    for (const index of added) if (index < firstVisible + shift + 1) shift += 1;
    if (shift > 0) el.scrollTop += shift * rowHeight;
    setUnseen((n) => n + added.length);
    previous.current = { maxId, scrollTop: el.scrollTop };
  }, [calls, scrollRef, rowHeight]);

  // Reaching the top by any means (scrolling, Home, the pill) means the new rows are seen.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => {
      if (el.scrollTop <= 1) setUnseen(0);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [scrollRef]);

  const toTop = useCallback(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setUnseen(0);
  }, [scrollRef]);

  return { fresh, unseen, toTop };
}
