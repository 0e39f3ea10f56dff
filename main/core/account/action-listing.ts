import type { FlowentAction } from './types';

/**
 * A `GET /actions` answer read: its actions, and whether it is the whole list. Only a whole
 * list says an action left out of it is not on Flowent.
 */
export interface ActionListing {
  actions: FlowentAction[];
  complete: boolean;
}

/** Fields by which a paged answer would say more actions follow (Flowent documents no paging; build for both readings). */
const MORE_FOLLOWS = ['next', 'next_cursor', 'next_page', 'next_page_token', 'cursor'] as const;

/**
 * Reads the answer's `actions`. It is whole unless it lacks an `actions` array, says more
 * follow (`has_more`, a next cursor or page) or counts more actions than it carries (`total`).
 */
export function readListing(body: unknown): ActionListing {
  const answer = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const listed = answer.actions;
  if (!Array.isArray(listed)) return { actions: [], complete: false };
  const actions = listed.filter(
    (action): action is FlowentAction => typeof action === 'object' && action !== null && typeof action.name === 'string',
  );
  const moreFollows =
    answer.has_more === true ||
    MORE_FOLLOWS.some((field) => answer[field] !== undefined && answer[field] !== null && answer[field] !== '') ||
    [answer.total, answer.total_count].some((total) => typeof total === 'number' && total > actions.length);
  return { actions, complete: !moreFollows && actions.length === listed.length };
}
