import { COPIED, copyFailedWords, discardWarningWords, failedWith, NO_CLIPBOARD_HERE, SAVE_FIRST } from '../../../main/contract/words';
import { isUnreachable } from '../transport/connection';
import { requestFailureWords } from './request-failure-words';
import { onReset, useUiStore, type Toast, type UiState } from './stores';

let nextId = 1;
const toastTimers = new Set<ReturnType<typeof setTimeout>>();
onReset(() => {
  for (const t of toastTimers) clearTimeout(t);
  toastTimers.clear();
});

/** What a thrown value says, for a message that starts with what failed. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Shows a dismissible banner: `what` says what failed, the error says why. A request that
 * never reached the companion joins the one banner about the lost connection instead of
 * adding its own (Banners), and is forgotten when the connection is back.
 */
export function reportError(what: string, error?: unknown): void {
  // A refused token fails every request: the access screen says it once, with what to do.
  if (isLockedOut(useUiStore.getState().connection)) return;
  const message = error === undefined ? what : failedWith(what, requestFailureWords(error));
  const unreachable = isUnreachable(error);
  // Of those, the last one is kept: the banner says what failed last and why.
  useUiStore.setState((s) => {
    const kept = unreachable ? s.errors.filter((e) => !e.unreachable) : s.errors;
    return { errors: [...kept.slice(-4), { id: nextId++, message, unreachable, what }] };
  });
}

/**
 * A read that failed (`what`, as reportError was told) has now succeeded: its banner says nothing
 * true any more (a search the core refused, since corrected; a list read lost and read again).
 */
export function forgetError(what: string): void {
  useUiStore.setState((s) => (s.errors.some((e) => e.what === what) ? { errors: s.errors.filter((e) => e.what !== what) } : s));
}

/** The connection is back: failures that were only about reaching the companion say nothing true any more. */
export function forgetUnreachable(): void {
  useUiStore.setState((s) => (s.errors.some((e) => e.unreachable) ? { errors: s.errors.filter((e) => !e.unreachable) } : s));
}

export function dismissError(id: number): void {
  useUiStore.setState((s) => ({ errors: s.errors.filter((e) => e.id !== id) }));
}

/**
 * A short message over the page. `ms` null keeps it until dismissed (for errors a person
 * must read); an error toast is announced at once, the others politely. Returns its id, for
 * dismissToast.
 */
export function showToast(message: string, ms: number | null = 2500, kind: Toast['kind'] = 'info'): number {
  const id = nextId++;
  // The same words again replace those still up: the live region must not hold (and a screen
  // reader read) one message twice.
  useUiStore.setState((s) => {
    const others = s.toasts.filter((t) => t.message !== message || t.kind !== kind);
    return { toasts: [...others.slice(-2), { id, message, kind }] };
  });
  if (ms === null) return id;
  const timer = setTimeout(() => {
    toastTimers.delete(timer);
    dismissToast(id);
  }, ms);
  toastTimers.add(timer);
  return id;
}

export function dismissToast(id: number): void {
  useUiStore.setState((s) => (s.toasts.some((t) => t.id === id) ? { toasts: s.toasts.filter((t) => t.id !== id) } : s));
}

/** Copies with the async clipboard API; a toast on success, a banner when it is refused or missing. */
export async function copyText(text: string, what = 'text'): Promise<boolean> {
  // A browser may leave the API out (it gives it only to secure pages, and 127.0.0.1 is one): no retry can copy there.
  if (!navigator.clipboard) {
    reportError(failedWith(copyFailedWords(what), NO_CLIPBOARD_HERE));
    return false;
  }
  try {
    await navigator.clipboard.writeText(text);
    showToast(COPIED);
    return true;
  } catch (error) {
    reportError(copyFailedWords(what), error);
    return false;
  }
}

export function setConnection(connection: UiState['connection']): void {
  // Only a working connection ends a refusal (a stream that closes after it says nothing new).
  if (isLockedOut(useUiStore.getState().connection) && connection !== 'open') return;
  useUiStore.setState({ connection });
}

/** The page's token is refused or replaced: nothing it asks can work. */
export function isLockedOut(connection: UiState['connection']): boolean {
  return connection === 'denied' || connection === 'rotated';
}

export function openSettings(): void {
  useUiStore.setState({ settingsOpen: true, panel: null });
}

export function openPanel(panel: UiState['panel']): void {
  useUiStore.setState({ panel, settingsOpen: false });
}

export function closePanel(): void {
  useUiStore.setState({ panel: null, unsavedWork: null, discardWarned: false });
}

/** A form says what it would lose if its dialog closed now (null: nothing unsaved), and how it keeps it. */
export function setUnsavedWork(what: string | null, keep = SAVE_FIRST): void {
  const now = useUiStore.getState();
  if (now.unsavedWork !== what || now.unsavedKeep !== keep)
    useUiStore.setState({ unsavedWork: what, unsavedKeep: keep, discardWarned: false });
}

/**
 * The question a form asks on screen before its unsaved edits go (the Answers dialog's "Discard
 * and close / Keep editing"): Esc asks it too, so one way out does not warn in a toast while the
 * other asks in place. Null: the form has none, and Esc warns in a toast.
 */
let discardQuestion: (() => void) | null = null;

/** A form with its own discard question gives it here while it is open, and null when it closes. */
export function setDiscardQuestion(ask: (() => void) | null): void {
  discardQuestion = ask;
}

/**
 * Esc over a form with unsaved changes: the form's own question when it has one, else the first
 * press says so in a toast and keeps the dialog open, the second discards them. Returns whether
 * the dialog may close.
 */
export function mayDiscardOnEscape(): boolean {
  const { unsavedWork, unsavedKeep, discardWarned } = useUiStore.getState();
  if (!unsavedWork) return true;
  if (discardQuestion) {
    discardQuestion();
    return false;
  }
  if (discardWarned) return true;
  useUiStore.setState({ discardWarned: true });
  showToast(discardWarningWords(unsavedWork, unsavedKeep), 4000);
  return false;
}

export function dismissUrlChange(): void {
  useUiStore.setState({ urlChange: null });
}

export function closeSettings(): void {
  useUiStore.setState({ settingsOpen: false, unsavedWork: null, discardWarned: false });
}
