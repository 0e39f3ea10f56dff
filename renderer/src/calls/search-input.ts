/** The id of the list's search box, for the shortcut that focuses it. */
export const SEARCH_INPUT_ID = 'call-search';
