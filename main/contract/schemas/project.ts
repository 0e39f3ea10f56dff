import * as z from 'zod';
import { argumentList } from './arguments';

/** Whether actions only on Flowent are deleted (plan, apply) or files of actions Flowent lacks are removed (pull). */
const prune = z.boolean().describe('true or false: whether what is only on one side is deleted');

/** Whether pull writes Flowent's version over files changed since the last apply or pull. */
const force = z.boolean().describe('true or false: whether files changed since the last apply or pull are written over');

export const projectArguments = {
  getProject: argumentList(),
  planActions: argumentList(['prune', prune]),
  applyActions: argumentList(['prune', prune]),
  // Optional: a front end that never overwrites (the page) leaves it out.
  pullActions: argumentList(['prune', prune], ['force', force]),
};
