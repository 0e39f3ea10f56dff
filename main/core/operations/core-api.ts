import type { CompanionApi } from '../../contract/api';
import type { Answers } from '../answers';
import type { Replay } from '../replay';
import type { CallsRepository } from '../store/calls-repository';
import type { KeyedHandlerMemory } from '../store/handlers-repository';
import { createAccountApi, type AccountDeps } from './account-api';
import { createAnswersApi } from './answers-api';
import { createCallsApi, type CallsDeps } from './calls-api';
import { createHandlerMethods } from './handlers-api';
import { createLimitsApi, type LimitsDeps } from './limits-api';
import { createProjectApi, type ProjectDeps } from './project-api';
import { createReplayMethods } from './replay-api';
import { createStatusApi, type StatusDeps } from './status-api';

export interface CoreApiDeps extends StatusDeps, LimitsDeps, ProjectDeps {
  account: AccountDeps['account'];
  projectSchema: AccountDeps['projectSchema'];
  simulatorSchema: AccountDeps['simulatorSchema'];
  dataDir: AccountDeps['dataDir'];
  calls: () => CallsRepository;
  handlers: () => KeyedHandlerMemory;
  answers: Answers;
  replay: Replay;
  onHistoryCleared: () => void;
  waitingCalls: CallsDeps['waitingCalls'];
}

/** The contract's operations over the store and the running server, one part per feature. */
export function createCoreApi(deps: CoreApiDeps): CompanionApi {
  return {
    ...createCallsApi({ ...deps, hmacKey: () => deps.hmacKey.get(), learnedStyle: () => deps.replay.learnedStyle() }),
    ...createStatusApi(deps),
    ...createAnswersApi(deps.answers),
    ...createReplayMethods(deps.replay, (ids) => deps.retention().dueAmong(ids)),
    ...createHandlerMethods(deps.replay),
    ...createAccountApi(deps),
    ...createLimitsApi(deps),
    ...createProjectApi(deps),
  };
}
