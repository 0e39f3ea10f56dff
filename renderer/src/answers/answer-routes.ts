import type { AnswerMode, AnswerSettings } from '../../../main/contract/api';

/** What answers an action's calls now, worked out from the stored settings as the core does. */
export interface ActionAnswer {
  mode: AnswerMode;
  /** Where calls go when forwarded (null: nowhere, so a forward fails). */
  target: string | null;
  /** Which mock answers in mock mode: its own, the default, or the built-in `{"result":"ok"}`. */
  mock: 'own' | 'default' | 'built-in';
  /** Whether the mode and target are the action's own, or inherited. */
  ownRoute: boolean;
}

/**
 * The core's rule: an action's own mode and target, else the default's, else `serve
 * --forward`'s target; with no mode set anywhere, forward exactly when a target is known.
 * `action` null is the default itself.
 */
export function answerFor(settings: AnswerSettings, action: string | null): ActionAnswer {
  const own = settings.routes.find((r) => r.action === action);
  const fallback = action === null ? undefined : settings.routes.find((r) => r.action === null);
  const target = own?.target ?? fallback?.target ?? settings.startupForwardTarget;
  const mode: AnswerMode = own?.mode ?? fallback?.mode ?? (target ? 'forward' : 'mock');
  const hasOwnMock = settings.mocks.some((m) => m.action === action);
  const hasDefaultMock = settings.mocks.some((m) => m.action === null);
  const mock = hasOwnMock ? 'own' : hasDefaultMock ? 'default' : 'built-in';
  return { mode, target, mock, ownRoute: own?.mode != null || own?.target != null };
}

/** In a few words, for the list of actions. */
export function describeAnswer(answer: ActionAnswer, action: string | null): string {
  if (answer.mode === 'forward') return answer.target ? `your handler (${answer.target})` : 'your handler, but no target is set';
  if (answer.mock === 'own') return action === null ? 'the default mock' : 'its own mock';
  if (answer.mock === 'default') return 'the default mock';
  return 'the built-in answer {"result":"ok","error":""}';
}

/** The mode picker's "not set" choice, said as what it means. */
export function unsetModeLabel(settings: AnswerSettings, action: string | null): string {
  if (action !== null) {
    const inherited = answerFor({ ...settings, routes: settings.routes.filter((r) => r.action !== action) }, action);
    return `Same as the default: ${inherited.mode === 'forward' ? 'forward' : 'mock'}`;
  }
  const target = settings.routes.find((r) => r.action === null)?.target ?? settings.startupForwardTarget;
  return target ? `Not set: forward, as a target is set (${target})` : 'Not set: mock, as no forward target is set';
}
