import { routeFor, type AnswerSettings } from '../../../main/contract/api';
import type { AnswerFacts } from '../../../main/contract/words';

/** What answers an action's calls now, worked out from the stored settings as the core does. */
export interface ActionAnswer extends AnswerFacts {
  /** Whether the mode and target are the action's own, or inherited. */
  ownRoute: boolean;
}

/** What answers an action (`action` null: the default itself), by the core's rule (routeFor in the contract). */
export function answerFor(settings: AnswerSettings, action: string | null): ActionAnswer {
  const own = settings.routes.find((r) => r.action === action);
  const fallback = action === null ? undefined : settings.routes.find((r) => r.action === null);
  const { mode, target } = routeFor(own, fallback, settings.startupForwardTarget);
  const hasOwnMock = settings.mocks.some((m) => m.action === action);
  const hasDefaultMock = settings.mocks.some((m) => m.action === null);
  const mock = hasOwnMock ? 'own' : hasDefaultMock ? 'default' : 'built-in';
  return { mode, target, mock, ownRoute: own?.mode != null || own?.target != null };
}
