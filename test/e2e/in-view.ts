/// <reference lib="dom" />
// Code passed to evaluate runs in the page: it needs the DOM types.
import type { Locator, Page } from 'playwright-core';

/**
 * Whether a person sees `locator` whole without scrolling: inside the window, and not under
 * something else (past a dialog's edge, under a part that stays put): what the page shows at
 * each of its corners is it.
 */
export async function inView(locator: Locator): Promise<boolean> {
  await locator.waitFor();
  return locator.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const inside = box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
    const corners: [number, number][] = [
      [box.left + 2, box.top + 2],
      [box.right - 2, box.top + 2],
      [box.left + 2, box.bottom - 2],
      [box.right - 2, box.bottom - 2],
    ];
    return inside && corners.every(([x, y]) => el.contains(document.elementFromPoint(x, y)));
  });
}

/** How a fold test opens its dialog, and what it waits for inside before it measures. */
export interface DialogToOpen {
  /** What a person does to open it (a key, a menu item). */
  open: () => Promise<void>;
  /** The dialog's accessible name. */
  dialog: string;
  /** What inside it must be drawn first: a code editor lays out late, after the dialog. */
  ready: (dialog: Locator) => Locator;
}

/**
 * The window at `size`, then the dialog opened and drawn: what a fold test measures is the
 * dialog as a person first sees it in that window.
 */
export async function openAtSize(
  page: Page,
  size: { width: number; height: number },
  { open, dialog, ready }: DialogToOpen,
): Promise<Locator> {
  await page.setViewportSize(size);
  await open();
  const opened = page.getByRole('dialog', { name: dialog });
  await ready(opened).waitFor();
  return opened;
}
