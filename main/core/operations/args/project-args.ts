import type { ProjectMethods } from '../../../contract/api';
import { noArguments, type ArgsCheckers } from './predicates';

const prune = (args: unknown[]) =>
  args.length === 1 && typeof args[0] === 'boolean' ? [args[0]] : 'expects one boolean: whether actions only on Flowent are deleted.';

export const projectArgs: ArgsCheckers<ProjectMethods> = {
  getProject: noArguments,
  planActions: prune,
  applyActions: prune,
  pullActions: prune,
};
