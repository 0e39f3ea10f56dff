import type { Page } from 'playwright-core';

/** The page's window once `installCutShort` has run in it. */
export interface CutShortWindow {
  /** Whether an element is drawn shorter than its content (an ellipsis, or words hidden by its box). */
  cutShort: (element: Element) => boolean;
}

/**
 * Gives the page `window.cutShort`, for the tests that measure the list's words. scrollWidth is
 * rounded to whole pixels, and a name half a pixel too wide is drawn with an ellipsis all the
 * same ("send_em…"); a copy of it laid out at its natural width, in the same place (so the same
 * rules apply), is not.
 */
export function installCutShort(page: Page): Promise<void> {
  return page.evaluate(() => {
    (window as unknown as CutShortWindow).cutShort = (element: Element) => {
      const copy = element.cloneNode(true) as HTMLElement;
      copy.style.cssText = 'position: absolute; visibility: hidden; width: max-content; min-width: 0; max-width: none';
      element.parentElement!.appendChild(copy);
      const natural = copy.getBoundingClientRect().width;
      copy.remove();
      return natural > element.getBoundingClientRect().width + 0.01;
    };
  });
}
