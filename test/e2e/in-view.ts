/// <reference lib="dom" />
// Code passed to evaluate runs in the page: it needs the DOM types.
import type { Locator } from 'playwright-core';

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
