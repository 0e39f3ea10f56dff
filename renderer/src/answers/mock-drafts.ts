import type { MockFormat } from '../../../main/contract/api';

/** The key of the default mock among the dialog's drafts (an action's key is its name). */
export const DEFAULT_KEY = '';

/** A mock edited and not saved: its text, and what the core held when the editing began. */
export interface MockDraft {
  text: string;
  format: MockFormat;
  savedText: string;
  savedFormat: MockFormat;
}

/** "the mock of send_email", "the default mock". */
export function mockWords(key: string): string {
  return key === DEFAULT_KEY ? 'the default mock' : `the mock of ${key}`;
}

/**
 * The mocks with unsaved edits, named as the Esc warning and the close confirm say them:
 * "the mock of send_email", "the default mock and the mocks of charge_card and send_email".
 * Null when there are none.
 */
export function draftsWords(keys: readonly string[]): string | null {
  if (keys.length === 0) return null;
  const actions = keys.filter((k) => k !== DEFAULT_KEY).sort();
  const parts: string[] = [];
  if (keys.includes(DEFAULT_KEY)) parts.push('the default mock');
  if (actions.length === 1) parts.push(`the mock of ${actions[0]}`);
  else if (actions.length > 1) parts.push(`the mocks of ${actions.slice(0, -1).join(', ')} and ${actions[actions.length - 1]}`);
  return parts.join(' and ');
}
