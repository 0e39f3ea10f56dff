/** One shortcut: the keys as the help lists them, what it does, and the key values it answers to. */
export interface Shortcut {
  keys: string;
  what: string;
  /** `KeyboardEvent.key` values; none for keys handled elsewhere (Esc, Ctrl/Cmd+Enter in editors). */
  match: string[];
  run?: () => void;
  /** Names it for the buttons that do the same, whose titles name its key (withKey). */
  id?: ShortcutId;
}

/** The shortcuts a button does the same as. */
export type ShortcutId = 'answers' | 'account' | 'settings' | 'bulk-replay' | 'simulate' | 'export' | 'help';

/**
 * A button's title with the key that does the same, taken from the list the `?` help shows: a
 * title that wrote its key itself went on naming one that did nothing once the keys changed.
 */
export function titleWithKey(shortcuts: Shortcut[], title: string, id: ShortcutId): string {
  const shortcut = shortcuts.find((s) => s.id === id);
  if (!shortcut) throw new Error(`No shortcut is named ${id}`);
  return `${title} (${shortcut.keys})`;
}
