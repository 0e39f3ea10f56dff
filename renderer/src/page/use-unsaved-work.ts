import { useCallback, useEffect, useRef } from 'react';
import { holdUnloadForUnsavedWork } from './leave-guard';
import { setDiscardQuestion, setUnsavedWork, showToast } from './ui-actions';
import { discardWarningWords } from '../../../main/contract/words';

/** While `unsaved`, a reload or close asks first (leave-guard.ts). */
function useUnloadGuard(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return undefined;
    return holdUnloadForUnsavedWork();
  }, [unsaved]);
}

/**
 * Tells the app what this form would lose if its dialog closed now (null: nothing), so Esc
 * warns once before discarding it (saying how to keep it: `keep`, "save first" by default) (or, given `ask`, asks the form's own question), and a reload
 * or close of the page asks first. Cleared when the form goes away (saved or cancelled).
 */
export function useUnsavedWork(what: string | null, ask?: () => void, keep?: string): void {
  useEffect(() => {
    setUnsavedWork(what, keep);
  }, [what, keep]);
  useEffect(() => {
    return () => setUnsavedWork(null);
  }, []);
  useEffect(() => {
    if (!ask) return undefined;
    setDiscardQuestion(ask);
    return () => setDiscardQuestion(null);
  }, [ask]);
  useUnloadGuard(what !== null);
}

/**
 * The same warn-once-then-discard for an editor that is not a dialog (the replay editor sits in
 * the call's details, under whatever dialog opens). It keeps its own warning state: in the app's
 * one slot, Esc over an unrelated dialog (the shortcut list) would warn about it, and closing that
 * dialog would clear the slot and let the next Esc drop the edits silently.
 * A reload or close of the page asks first, as for the dialogs: that guard counts every holder,
 * so it has none of the one slot's trouble.
 * `keep` says how the edits are kept, in the words of the editor's own button.
 * Returns the Esc handler's question: may the editor close now?
 */
export function useInlineUnsavedWork(what: string | null, keep: string): () => boolean {
  const warned = useRef(false);
  useUnloadGuard(what !== null);
  useEffect(() => {
    warned.current = false;
  }, [what]);
  return useCallback(() => {
    if (!what || warned.current) return true;
    warned.current = true;
    // Worded as the dialogs' warning (mayDiscardOnEscape), so both read the same.
    showToast(discardWarningWords(what, keep), 4000);
    return false;
  }, [what, keep]);
}
