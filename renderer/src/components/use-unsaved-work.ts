import { useEffect } from 'react';
import { setUnsavedWork } from '../store/ui-actions';

/**
 * Tells the app what this form would lose if its dialog closed now (null: nothing), so Esc
 * warns once before discarding it. Cleared when the form goes away (saved or cancelled).
 */
export function useUnsavedWork(what: string | null): void {
  useEffect(() => setUnsavedWork(what), [what]);
  useEffect(() => () => setUnsavedWork(null), []);
}
