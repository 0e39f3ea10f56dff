import type { StyleResult } from '../../../main/contract/api';

/** Styles that signed the same bytes (and so expect the same digest): one row of the folded table. */
export interface StyleGroup {
  styles: StyleResult[];
  expected: string | null;
  matched: boolean;
}

/**
 * Folds styles that produced the same bytes: a plain ASCII body serializes the same way in
 * most styles, and thirteen rows of one hash say nothing that one row does not. Without the
 * signed text (a summary), the expected digest decides; styles with neither stay alone.
 */
export function groupStyles(styles: StyleResult[]): StyleGroup[] {
  const byKey = new Map<string, StyleGroup>();
  const groups: StyleGroup[] = [];
  for (const style of styles) {
    const key = style.canonical !== undefined ? `c:${style.canonical}` : style.expected !== null ? `e:${style.expected}` : null;
    const group = key === null ? undefined : byKey.get(key);
    if (group) {
      group.styles.push(style);
      group.matched ||= style.matched;
      continue;
    }
    const made = { styles: [style], expected: style.expected, matched: style.matched };
    groups.push(made);
    if (key !== null) byKey.set(key, made);
  }
  return groups;
}
