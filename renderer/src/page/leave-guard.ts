import { onReset } from './stores';

/** One per form or draft with unsaved work: the page asks before unloading while any is held. */
const held = new Set<symbol>();

/**
 * The HTML spec's way to have the browser ask before the page goes (reload, close, another
 * address): preventDefault. `returnValue` as well, for browsers from before preventDefault
 * counted. In the desktop app the cancelled unload reaches main as `will-prevent-unload`.
 */
function askBeforeUnload(event: BeforeUnloadEvent): void {
  event.preventDefault();
  event.returnValue = true;
}

/**
 * Says the page has work a reload or close would lose, until the returned release is called.
 * Only then is there a `beforeunload` listener at all: a page without one may be kept in the
 * browser's back/forward cache, and unloads without asking.
 */
export function holdUnloadForUnsavedWork(): () => void {
  const token = Symbol('unsaved work');
  if (held.size === 0) window.addEventListener('beforeunload', askBeforeUnload);
  held.add(token);
  return () => {
    if (!held.delete(token)) return;
    if (held.size === 0) window.removeEventListener('beforeunload', askBeforeUnload);
  };
}

onReset(() => {
  if (held.size === 0) return;
  held.clear();
  window.removeEventListener('beforeunload', askBeforeUnload);
});
