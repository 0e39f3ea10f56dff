import { clearFilters } from '../history/calls-actions';

/** The id of the list's search box, for the shortcut that focuses it. */
export const SEARCH_INPUT_ID = 'call-search';

/** The id of the calls list, where Esc in the search box hands the keyboard. */
export const CALL_LIST_ID = 'call-list';

/**
 * "Clear filters", the bar's or an empty list's. The button turns unavailable, or goes with the
 * list it was in, under the keyboard of whoever pressed it (Chromium would drop its focus to the
 * page's body): the search box, the bar's first control, where a new filter starts, takes it.
 * Only this button moves the focus: Esc clears the search to leave the box for the list's keys.
 */
export function clearFiltersFromButton(): void {
  void clearFilters();
  document.getElementById(SEARCH_INPUT_ID)?.focus({ preventScroll: true });
}
