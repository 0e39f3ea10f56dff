import type { AnswerSource } from '../store/answer-store';
import type { AnswerMode, MockDefinition } from '../../contract/api';

/** Where the answer for one action comes from now, and why. */
export interface EffectiveRoute {
  mode: AnswerMode;
  target: string | null;
  mock: MockDefinition | null;
}

/**
 * Where an action's answers come from: its own setting, else the default's, else `serve
 * --forward`; the mode defaults to forward exactly when a target is known.
 */
export function resolveRoute(
  repository: AnswerSource,
  action: string,
  startupTarget: string | null,
): { mode: AnswerMode; target: string | null } {
  const own = repository.getRoute(action);
  const fallback = repository.getRoute(null);
  const target = own?.target ?? fallback?.target ?? startupTarget;
  const mode: AnswerMode = own?.mode ?? fallback?.mode ?? (target ? 'forward' : 'mock');
  return { mode, target };
}
