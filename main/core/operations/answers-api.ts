import type { AnswersMethods } from '../../contract/api';
import type { Answers } from '../answers';

/** Mocks and forwarding settings, over the answers feature. */
export function createAnswersApi(answers: Answers): AnswersMethods {
  return {
    getAnswerSettings: async () => answers.getAnswerSettings(),
    checkMock: async (text, format) => {
      const parsed = answers.parseMock(text, format);
      return parsed.ok ? { ok: true, definition: parsed.value, warnings: parsed.warnings } : { ok: false, errors: parsed.errors };
    },
    setMock: async (action, text, format) => answers.setMock(action, text, format),
    clearMock: async (action) => answers.clearMock(action),
    clearAllMocks: async () => answers.clearAllMocks(),
    mockFromCall: async (callId) => answers.mockFromCall(callId),
    setForwardTarget: async (action, url) => answers.setForwardTarget(action, url),
    setAnswerMode: async (action, mode) => answers.setMode(action, mode),
    clearAnswerRoute: async (action) => answers.clearRoute(action),
    clearAllAnswerRoutes: async () => answers.clearAllRoutes(),
  };
}
