import type { Page } from 'playwright-core';

/** The call list's scrolling box. */
export const callList = (page: Page) => page.getByTestId('call-list-scroll');

/** The id of the row under a point of the list `y` pixels below its top: a fixed place on the screen. */
export function rowIdAt(page: Page, y: number): Promise<string | null> {
  return callList(page).evaluate((el, dy) => {
    const box = el.getBoundingClientRect();
    return (
      document
        .elementFromPoint(box.left + 40, box.top + dy)
        ?.closest('[data-call-id]')
        ?.getAttribute('data-call-id') ?? null
    );
  }, y);
}
