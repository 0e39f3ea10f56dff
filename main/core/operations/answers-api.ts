import type { AnswersMethods, MockCheck } from '../../contract/api';
import type { RespondApi } from '../answers';

/** Mocks and forwarding settings, over the respond module. */
export function createAnswersApi(respond: RespondApi): AnswersMethods {
  return {
    getAnswerSettings: async () => respond.getAnswerSettings(),
    checkMock: async (text, format) => toMockCheck(respond.parseMock(text, format)),
    setMock: async (action, text, format) => {
      const parsed = respond.parseMock(text, format);
      if (!parsed.ok) {
        const count = parsed.errors.length === 1 ? 'a problem' : `${parsed.errors.length} problems`;
        return {
          ok: false,
          code: 'invalid-mock',
          message: `The mock was not saved: it has ${count}. ${parsed.errors[0]?.message ?? ''}`.trim(),
          errors: parsed.errors,
        };
      }
      return respond.setMock(action, parsed.value);
    },
    clearMock: async (action) => respond.clearMock(action),
    mockFromCall: async (callId) => respond.mockFromCall(callId),
    setForwardTarget: async (action, url) => respond.setForwardTarget(action, url),
    setAnswerMode: async (action, mode) => respond.setMode(action, mode),
  };
}

function toMockCheck(parsed: ReturnType<RespondApi['parseMock']>): MockCheck {
  return parsed.ok ? { ok: true, definition: parsed.value } : { ok: false, errors: parsed.errors };
}
