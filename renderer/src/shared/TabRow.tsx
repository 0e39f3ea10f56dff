import { useRef, type KeyboardEvent, type MutableRefObject } from 'react';

/** One tab of a TabRow: what it stands for, and the words on it. */
export interface TabOf<T extends string> {
  id: T;
  label: string;
}

/**
 * A row of tabs as the tabs pattern has it everywhere: one Tab stop, the tab shown; ← and → choose
 * the neighbour (round the ends), Home and End the first and last, and take the keyboard there.
 */
export function TabRow<T extends string>(props: {
  tabs: readonly TabOf<T>[];
  current: T;
  onChoose: (tab: T) => void;
  /** The row's accessible name. */
  label: string;
  className?: string;
  /** The class of each tab; the one shown has `active` too. */
  tabClassName?: string;
  /** The tabs' buttons by tab, for an owner that takes the keyboard to a tab it chose itself. */
  buttons?: MutableRefObject<Map<T, HTMLButtonElement>>;
}) {
  const { tabs, current, onChoose, label, className, tabClassName } = props;
  const own = useRef(new Map<T, HTMLButtonElement>());
  const buttons = props.buttons ?? own;
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const next =
      tabs[
        tabAfterKey(
          e.key,
          tabs.findIndex((tab) => tab.id === current),
          tabs.length,
        ) ?? -1
      ];
    if (!next) return;
    e.preventDefault();
    onChoose(next.id);
    buttons.current.get(next.id)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className={className} onKeyDown={onKey}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          aria-selected={tab.id === current}
          tabIndex={tab.id === current ? 0 : -1}
          className={[tabClassName, tab.id === current ? 'active' : null].filter(Boolean).join(' ') || undefined}
          ref={(button) => {
            if (button) buttons.current.set(tab.id, button);
            else buttons.current.delete(tab.id);
          }}
          onClick={() => onChoose(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

function tabAfterKey(key: string, current: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
      return (current + 1) % count;
    case 'ArrowLeft':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
