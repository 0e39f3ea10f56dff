import { redactUrlCredentials, routeFor, type AnswerMode, type AnswerSettings, type StoredMock } from '../../../main/contract/api';
import { formatDateAndTime } from '../shared/format';

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

/** In a few words, for the list of actions: a target's password as ***, as the command line prints it (the page is screen-shared). */
export function describeAnswer(answer: ActionAnswer, action: string | null): string {
  if (answer.mode === 'forward')
    return answer.target ? `your handler (${redactUrlCredentials(answer.target)})` : 'your handler, but no target is set';
  return describeMockAnswer(answer, action);
}

/**
 * The mode picker's "not set" choice, said as what it means: the mode the action gets with its
 * own mode unset and its own target kept (a target of its own makes it forward, as in the core).
 */
export function unsetModeLabel(settings: AnswerSettings, action: string | null): string {
  if (action !== null) {
    const own = settings.routes.find((r) => r.action === action);
    const fallback = settings.routes.find((r) => r.action === null);
    const { mode, target } = routeFor({ mode: null, target: own?.target ?? null }, fallback, settings.startupForwardTarget);
    if (fallback?.mode != null) return `Same as the default: ${mode}`;
    return target ? 'Same as the default: forward, as a target is set' : 'Same as the default: mock, as no forward target is set';
  }
  const { target } = routeFor(
    settings.routes.find((r) => r.action === null),
    undefined,
    settings.startupForwardTarget,
  );
  return target ? `Not set: forward, as a target is set (${redactUrlCredentials(target)})` : 'Not set: mock, as no forward target is set';
}

/** Why an action forwards, in a few words ("its mode is Forward"); for an action the route sends to its handler. */
export function forwardReason(settings: AnswerSettings, action: string | null): string {
  const own = settings.routes.find((r) => r.action === action);
  if (own?.mode === 'forward') return action === null ? 'the default mode is Forward' : 'its mode is Forward';
  const fallback = action === null ? undefined : settings.routes.find((r) => r.action === null);
  if (own?.mode == null && fallback?.mode === 'forward') return 'it follows the default, which forwards';
  return 'a forward target is set';
}

/** What would answer the action's calls with the handler out of the way: its mock, the default mock, or the built-in answer. */
export function describeMockAnswer(answer: ActionAnswer, action: string | null): string {
  if (answer.mock === 'own') return action === null ? 'the default mock' : 'its own mock';
  if (answer.mock === 'default') return 'the default mock';
  return 'the built-in answer {"result":"ok","error":""}';
}

/**
 * What the mock section says of the action's mock, by the route: a mock answers only when the
 * action is in mock mode, or (with `--fallback-to-mock`) when forwarding got no answer.
 */
export function describeMockUse(settings: AnswerSettings, action: string | null, stored: StoredMock | null): string {
  const answer = answerFor(settings, action);
  if (answer.mode === 'mock') {
    if (stored)
      return `A mock is stored for ${action ?? 'every action without its own mock'} (updated ${formatDateAndTime(stored.updatedAt)}).`;
    if (action === null) return 'No default mock: actions answer {"result":"ok","error":""}.';
    if (answer.mock === 'default') return `No mock of its own: ${action} uses the default.`;
    return `No mock of its own: ${action} answers with the built-in answer {"result":"ok","error":""}.`;
  }
  const fallback = settings.fallbackToMock
    ? `; when the handler gives no answer, ${describeMockAnswer(answer, action)} answers (--fallback-to-mock).`
    : `; with --fallback-to-mock, ${describeMockAnswer(answer, action)} would answer when the handler gives none.`;
  if (action === null) {
    const forwards = `actions that follow the default forward to your handler (${forwardReason(settings, null)})`;
    if (stored)
      return `A mock is stored for every action without its own mock (updated ${formatDateAndTime(stored.updatedAt)}), but ${forwards}${fallback}`;
    return `No default mock: ${forwards}${fallback}`;
  }
  const forwards = `${action} forwards to your handler (${forwardReason(settings, action)})`;
  if (stored)
    return `A mock is stored for ${action} (updated ${formatDateAndTime(stored.updatedAt)}), but it does not answer: ${forwards}${fallback}`;
  return `No mock of its own: ${forwards}${fallback}`;
}

const SELECTION_WORDS: Record<StoredMock['definition']['selection'], [string, string]> = {
  rules: ['rule', 'rules'],
  sequence: ['response in sequence', 'responses in sequence'],
  random: ['response picked at random', 'responses picked at random'],
};

/** The mock a replacement would lose, in a few words: "the mock of send_email (8 rules, updated …)". */
export function describeOwnMock(mock: StoredMock & { action: string }): string {
  const { responses, selection, fallback } = mock.definition;
  const [one, many] = SELECTION_WORDS[selection];
  const parts = [`${responses.length} ${responses.length === 1 ? one : many}`];
  if (fallback) parts.push('a fallback');
  return `the mock of ${mock.action} (${parts.join(' and ')}, updated ${formatDateAndTime(mock.updatedAt)})`;
}
