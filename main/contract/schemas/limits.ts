import * as z from 'zod';
import { LIMIT_RANGES, type LimitName } from '../names-and-limits';
import { argumentList } from './arguments';
import { count } from './common';

/** A limit: null (no limit) or a whole number in its range. */
function limit(name: LimitName) {
  const { min, max } = LIMIT_RANGES[name];
  return z
    .int()
    .min(min)
    .max(max)
    .nullable()
    .describe(`null (no limit) or a whole number from ${count(min)} to ${count(max)}`);
}

/** Every limit named: a limit left out is not "unchanged", so the settings always say all four. */
export const historyLimits = z
  .strictObject({
    /** Most calls kept: past it, the oldest go. */
    keepCalls: limit('keepCalls'),
    /** Days a call is kept, counted from when it was received (imported calls are kept by count and size only). */
    keepDays: limit('keepDays'),
    /** Most bytes the history may take on disk (the database's pages in use: bodies, headers, the text index). */
    keepBytes: limit('keepBytes'),
    /** Requests per second one client may send to the webhook port; past it, 429. */
    rateLimitPerSecond: limit('rateLimitPerSecond'),
  })
  .describe('the limits');

export const limitsArguments = {
  getLimits: argumentList(),
  setLimits: argumentList(['limits', historyLimits]),
};
