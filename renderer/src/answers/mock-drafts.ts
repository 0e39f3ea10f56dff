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

/** The action a draft's key is for: null for the default mock's. */
export function actionOfKey(key: string): string | null {
  return key === DEFAULT_KEY ? null : key;
}
