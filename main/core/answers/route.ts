import type { AnswerSource } from '../store/answer-store';
import { routeFor, type AnswerMode, type MockDefinition } from '../../contract/api';

/** Where the answer for one action comes from now, and why. */
export interface EffectiveRoute {
  mode: AnswerMode;
  target: string | null;
  mock: MockDefinition | null;
}

/** Where an action's answers come from: the contract's rule (routeFor) over the stored settings. */
export function resolveRoute(
  repository: AnswerSource,
  action: string,
  startupTarget: string | null,
): { mode: AnswerMode; target: string | null } {
  return routeFor(repository.getRoute(action), repository.getRoute(null), startupTarget);
}
