/** Types for answering Flowent calls: editable mocks, forwarding and the contract check. */

// The shapes the UI sees live in the contract; the core re-exports them so there is one source.
export type {
  AnsweredBy as CoreAnsweredBy,
  Condition,
  ConditionOperator,
  DefinitionError,
  Fault,
  MockDefinition,
  MockResponse,
  AnswerMode,
  AnswerSettings,
  AnswerRoute,
  Selection,
  StoredMock,
  Violation,
} from '../../contract/api';
import type { MockDefinition, AnswerMode } from '../../contract/api';

/** Where the answer for one action comes from now, and why. */
export interface EffectiveRoute {
  mode: AnswerMode;
  target: string | null;
  mock: MockDefinition | null;
}
