import { routeFor, type AnswerSettings } from '../../../main/contract/api';
import { mockAnswerWords, type AnswerFacts } from '../../../main/contract/words';

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

/**
 * What would answer the action's calls with the handler out of the way, in the shared words.
 * Kept for the replay's target field, which reads it from here (renderer/src/replay is worked
 * on elsewhere): the Answers dialog uses the words directly.
 */
export function describeMockAnswer(answer: ActionAnswer, action: string | null): string {
  return mockAnswerWords(answer.mock, action);
}
