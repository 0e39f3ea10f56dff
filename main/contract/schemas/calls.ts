import * as z from 'zod';
import { CALL_SOURCES, MAX_PAGE_SIZE, MAX_SEARCH_LENGTH, VERDICTS } from '../names-and-limits';
import { argumentList } from './arguments';
import { actionName, callId } from './common';

export const statusClass = z.enum(['2xx', '3xx', '4xx', '5xx']).describe('one of 2xx, 3xx, 4xx, 5xx');

const time = z.number().describe('a time in milliseconds since the epoch');

/** A time as the API was given it, and as a reader knows it (a number no date can be stays a number). */
function timeInWords(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : `${ms} (${date.toISOString()})`;
}

/**
 * Why a filter's time range can hold no call (its end before its start); null when it can.
 * The one place this is decided: every API method that takes a filter refuses it in these
 * words (a page only ever sends a range in order: it swaps or refuses one itself).
 */
export function invertedRange({ since, until }: { since?: number; until?: number }): string | null {
  if (since === undefined || until === undefined || since <= until) return null;
  return (
    `\`until\` ${timeInWords(until)} is before \`since\` ${timeInWords(since)}: the range ends before it starts, so no call ` +
    'could be in it. Give an `until` at or after `since` (swapped, if they were given the wrong way round).'
  );
}

/** Filters for the history list. All are optional and combine with AND. */
export const callFilter = z
  .strictObject({
    action: z.string().max(100).optional().describe('an action name of at most 100 characters'),
    verdict: z
      .enum(VERDICTS)
      .optional()
      .describe(`one of ${VERDICTS.join(', ')}`),
    statusClass: statusClass.optional(),
    /** true: only registration checks; false: no registration checks. */
    test: z.boolean().optional().describe('true or false'),
    /** Inclusive bounds on `receivedAt`, milliseconds since the epoch. */
    since: time.optional(),
    until: time.optional(),
    /** Free text searched in the request body. */
    text: z.string().max(MAX_SEARCH_LENGTH).optional().describe(`a string of at most ${MAX_SEARCH_LENGTH} characters`),
    /**
     * true: only the calls the header counts as failures (the contract's `countsAsFailure`:
     * Flowent's own calls that failed), not a replay, simulated or imported call that failed.
     */
    failures: z.literal(true).optional().describe('true (only the calls counted as failures)'),
    /** Only calls from this source. */
    source: z
      .enum(CALL_SOURCES)
      .optional()
      .describe(`one of ${CALL_SOURCES.join(', ')}`),
  })
  .superRefine((filter, ctx) => {
    const inverted = invertedRange(filter);
    // `sentence`: the words are the whole answer, not "must be <the field's description>".
    if (inverted) ctx.addIssue({ code: 'custom', path: ['until'], message: inverted, params: { sentence: true } });
  })
  .describe('a filter object');

export const callQuery = callFilter
  .extend({
    /** Page size; the core caps it. */
    limit: z.int().min(1).max(MAX_PAGE_SIZE).optional().describe(`a whole number from 1 to ${MAX_PAGE_SIZE}`),
    /**
     * Return only calls with an id higher than this: with `beforeId`, a few ids just stored, so a
     * page can ask which of the calls it was told of match a search it cannot test itself.
     */
    afterId: callId.optional(),
    /** Return calls with an id lower than this (the next page, newest first). */
    beforeId: callId.optional(),
  })
  .describe('a filter object with page fields');

export const callCountQuery = callFilter
  .extend({
    /** Count only calls with an id lower than this (the rest of counts that ran out of time). */
    beforeId: callId.optional(),
    /** false: leave out the per-action counts (an empty list), which a total alone counts faster without. */
    perAction: z.boolean().optional().describe('true or false'),
  })
  .describe('a filter object, with beforeId to go on counting and perAction: false for the totals alone');

export const callEstimateQuery = callFilter
  .extend({
    /** false: leave out the estimates per action (an empty list), as getStats's counts. */
    perAction: z.boolean().optional().describe('true or false'),
  })
  .describe('a filter object, with perAction: false for the total alone');

export const callsArguments = {
  listCalls: argumentList(['query', callQuery]),
  getCall: argumentList(['id', callId]),
  getStats: argumentList(['filter', callCountQuery]),
  estimateCount: argumentList(['query', callEstimateQuery]),
  getSampleRequest: argumentList(['action', actionName]),
  clearHistory: argumentList(),
  listWaitingCalls: argumentList(),
};
