/**
 * What answers an action, as the Answers dialog says it: the list's "answered by", the mode
 * picker's "not set" choice, and the line over the mock editor saying whether its mock answers.
 * The command line says the same facts of one mock in answer-setting-words.ts (noMockWords,
 * forwardedMockNote) in its own flags; `time` writes a moment as the front end shows dates.
 */
import { BUILT_IN_ANSWER_TEXT, routeFor, type AnswerMode, type AnswerSettings, type StoredMock } from '../answers';
import { hasLeftOutCredentials, REDACTED_CREDENTIAL, redactUrlCredentials } from '../url-credentials';

/** Which mock answers an action in mock mode: its own, the default, or the built-in answer. */
export type MockAnswering = 'own' | 'default' | 'built-in';

/** What answers an action, as the page works it out from the settings by the core's rule (routeFor). */
export interface AnswerFacts {
  mode: AnswerMode;
  /** Where calls go when forwarded (null: nowhere, so a forward fails). */
  target: string | null;
  mock: MockAnswering;
}

const BUILT_IN_ANSWER = `the built-in answer ${BUILT_IN_ANSWER_TEXT}`;

/** What would answer the action's calls with the handler out of the way (`action` null: the default itself). */
export function mockAnswerWords(mock: MockAnswering, action: string | null): string {
  if (mock === 'own') return action === null ? 'the default mock' : 'its own mock';
  if (mock === 'default') return 'the default mock';
  return BUILT_IN_ANSWER;
}

/** In a few words, for the list of actions: a target's password as ***, as the command line prints it (the page is screen-shared). */
export function actionAnswerWords(answer: AnswerFacts, action: string | null): string {
  if (answer.mode === 'forward' && answer.target !== null && hasLeftOutCredentials(answer.target))
    // A file from git read where its password was never given: serve sends nothing rather than "***".
    return (
      `your handler, but nothing is forwarded: ${answer.target} has ${REDACTED_CREDENTIAL} for its password, and this history ` +
      'folder keeps none for that URL; save the target here with its password'
    );
  if (answer.mode === 'forward')
    return answer.target ? `your handler (${redactUrlCredentials(answer.target)})` : 'your handler, but no target is set';
  return mockAnswerWords(answer.mock, action);
}

/**
 * The mode picker's "not set" choice, said as what it means: the mode the action gets with its
 * own mode unset and its own target kept (a target of its own makes it forward, as in the core).
 */
export function unsetModeWords(settings: AnswerSettings, action: string | null): string {
  const fallback = settings.routes.find((r) => r.action === null);
  if (action !== null) {
    const own = settings.routes.find((r) => r.action === action);
    const { mode, target } = routeFor({ mode: null, target: own?.target ?? null }, fallback, settings.startupForwardTarget);
    if (fallback?.mode != null) return `Same as the default: ${mode}`;
    return target ? 'Same as the default: forward, as a target is set' : 'Same as the default: mock, as no forward target is set';
  }
  const { target } = routeFor(fallback, undefined, settings.startupForwardTarget);
  return target ? `Not set: forward, as a target is set (${redactUrlCredentials(target)})` : 'Not set: mock, as no forward target is set';
}

/** Why an action forwards, in a few words ("its mode is Forward"); for an action the route sends to its handler. */
function forwardReason(settings: AnswerSettings, action: string | null): string {
  const own = settings.routes.find((r) => r.action === action);
  if (own?.mode === 'forward') return action === null ? 'the default mode is Forward' : 'its mode is Forward';
  const fallback = action === null ? undefined : settings.routes.find((r) => r.action === null);
  if (own?.mode == null && fallback?.mode === 'forward') return 'it follows the default, which forwards';
  return 'a forward target is set';
}

/**
 * What the mock section says of the action's mock (`stored`, or none), by what answers the action
 * (`answer`): a mock answers only when the action is in mock mode, or (with `--fallback-to-mock`)
 * when forwarding got no answer.
 */
export function mockUseWords(
  settings: AnswerSettings,
  answer: AnswerFacts,
  action: string | null,
  stored: StoredMock | null,
  time: (ms: number) => string,
): string {
  if (answer.mode === 'mock') {
    if (stored) return `A mock is stored for ${action ?? 'every action without its own mock'} (updated ${time(stored.updatedAt)}).`;
    if (action === null) return `No default mock: actions answer ${BUILT_IN_ANSWER_TEXT}.`;
    if (answer.mock === 'default') return `No mock of its own: ${action} uses the default.`;
    return `No mock of its own: ${action} answers with ${BUILT_IN_ANSWER}.`;
  }
  const instead = mockAnswerWords(answer.mock, action);
  const fallback = settings.fallbackToMock
    ? `; when the handler gives no answer, ${instead} answers (--fallback-to-mock).`
    : `; with --fallback-to-mock, ${instead} would answer when the handler gives none.`;
  if (action === null) {
    const forwards = `actions that follow the default forward to your handler (${forwardReason(settings, null)})`;
    if (stored)
      return `A mock is stored for every action without its own mock (updated ${time(stored.updatedAt)}), but ${forwards}${fallback}`;
    return `No default mock: ${forwards}${fallback}`;
  }
  const forwards = `${action} forwards to your handler (${forwardReason(settings, action)})`;
  if (stored) return `A mock is stored for ${action} (updated ${time(stored.updatedAt)}), but it does not answer: ${forwards}${fallback}`;
  return `No mock of its own: ${forwards}${fallback}`;
}

const SELECTION_WORDS: Record<StoredMock['definition']['selection'], [string, string]> = {
  rules: ['rule', 'rules'],
  sequence: ['response in sequence', 'responses in sequence'],
  random: ['response picked at random', 'responses picked at random'],
};

/** The mock a replacement would lose, in a few words: "the mock of send_email (8 rules, updated …)". */
export function ownMockWords(mock: StoredMock & { action: string }, time: (ms: number) => string): string {
  const { responses, selection, fallback } = mock.definition;
  const [one, many] = SELECTION_WORDS[selection];
  const parts = [`${responses.length} ${responses.length === 1 ? one : many}`];
  if (fallback) parts.push('a fallback');
  return `the mock of ${mock.action} (${parts.join(' and ')}, updated ${time(mock.updatedAt)})`;
}
