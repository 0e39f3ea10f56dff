import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { CALL_LIST_WORDS } from '../../../main/contract/words';

/** Layout only (never a secret): where the split between the list and the details was left. */
export const SPLIT_KEY = 'flowent-companion.list-share';
const MIN_LIST_PX = 360;
const MIN_DETAIL_PX = 380;
const DEFAULT_SHARE = 0.5;

function readShare(): number {
  try {
    const stored = Number(localStorage.getItem(SPLIT_KEY));
    return stored > 0 && stored < 1 ? stored : DEFAULT_SHARE;
  } catch {
    return DEFAULT_SHARE;
  }
}

function saveShare(share: number): void {
  try {
    localStorage.setItem(SPLIT_KEY, share.toFixed(4));
  } catch {
    // Storage refused (private mode, quota): the split still works, it is just not remembered.
  }
}

/** The list's share of the width, kept so that neither side gets narrower than it can be read at. */
function clampShare(share: number, width: number): number {
  if (width <= MIN_LIST_PX + MIN_DETAIL_PX) return DEFAULT_SHARE;
  return Math.min(Math.max(share, MIN_LIST_PX / width), 1 - MIN_DETAIL_PX / width);
}

/** The list and the details side by side, with a handle between them (drag, or arrow keys) whose place is remembered. */
export function SplitView({ left, right }: { left: ReactNode; right: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [share, setShare] = useState(readShare);
  const [width, setWidth] = useState(0);
  const dragging = useRef(false);

  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const shown = width > 0 ? clampShare(share, width) : share;
  const move = useCallback(
    (next: number) => {
      const clamped = clampShare(next, box.current?.clientWidth ?? 0);
      setShare(clamped);
      saveShare(clamped);
    },
    [setShare],
  );

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const el = box.current;
    if (!dragging.current || !el) return;
    const rect = el.getBoundingClientRect();
    move((e.clientX - rect.left) / rect.width);
  };
  const onPointerUp = () => {
    dragging.current = false;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 0.1 : 0.02;
    if (e.key === 'ArrowLeft') move(shown - step);
    else if (e.key === 'ArrowRight') move(shown + step);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(1);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <main className="workspace" ref={box} style={{ gridTemplateColumns: `${(shown * 100).toFixed(2)}% 6px minmax(0, 1fr)` }}>
      {left}
      <div
        className="split-handle"
        role="separator"
        aria-orientation="vertical"
        aria-label={CALL_LIST_WORDS.resize}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(shown * 100)}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onKeyDown={onKeyDown}
      />
      {right}
    </main>
  );
}
