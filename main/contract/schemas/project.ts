import * as z from 'zod';
import { argumentList } from './arguments';

/** Whether actions only on Flowent are deleted (plan, apply) or files of actions Flowent lacks are removed (pull). */
const prune = z.boolean().describe('true or false: whether what is only on one side is deleted');

export const projectArguments = {
  getProject: argumentList(),
  planActions: argumentList(['prune', prune]),
  applyActions: argumentList(['prune', prune]),
  pullActions: argumentList(['prune', prune]),
};
