import type {
  AnswerMode,
  AnswerRoute,
  AnswerSettings,
  DefinitionError,
  MockFormat,
  MockSave,
  Result,
  StoredMock,
} from '../../contract/api';
import { ACTION_NAME_PATTERN, ACTION_NAME_RULE } from '../protocol/facts';
import type { CallsRepository } from '../store/calls-repository';
import type { AnswerStore } from '../store/answer-store';
import { checkTargetUrl } from './forward';
import { parseMockText } from './mock-file';
import { mockFromStoredCall } from './mock-from-call';
import type { Validated } from './validate-mock';

/** `null` is the default for every action. */
export type ActionKey = string | null;

/**
 * The answers feature's settings: mocks, and forwarding to the developer's handler.
 * Synchronous (SQLite is); the contract wraps each method in a Promise. Changes apply to the
 * running server at its next call.
 */
export interface Answers {
  /** Pure: parses JSON or YAML text, then validates (syntax errors carry line and column). */
  parseMock(text: string, format: MockFormat): Validated;
  /** Parses and validates the mock's text, then stores it. */
  setMock(action: ActionKey, text: string, format: MockFormat): MockSave;
  clearMock(action: ActionKey): Result<{ cleared: boolean }>;
  clearAllMocks(): Result<{ cleared: number }>;
  /** Turns a stored call's answer into its action's mock. */
  mockFromCall(callId: number): Result<StoredMock>;
  /** A URL such as `http://localhost:8000/actions/{action_name}`; also sets the mode to forward. `null` removes the target. */
  setForwardTarget(action: ActionKey, url: string | null): Result<AnswerRoute>;
  /** `null` goes back to inheriting (the default's mode, else forward when a target is set). */
  setMode(action: ActionKey, mode: AnswerMode | null): Result<AnswerRoute>;
  clearRoute(action: ActionKey): Result<{ cleared: boolean }>;
  clearAllRoutes(): Result<{ cleared: number }>;
  getAnswerSettings(): AnswerSettings;
}

export interface AnswersDeps {
  answers: () => AnswerStore;
  calls: () => CallsRepository;
  startupForwardTarget: string | null;
  forwardTimeoutMs: number;
  fallbackToMock: boolean;
  onChanged?: () => void;
}

export function createAnswers(deps: AnswersDeps): Answers {
  const changed = <T>(value: T): T => {
    deps.onChanged?.();
    return value;
  };
  const refusal = (action: ActionKey): { ok: false; code: string; message: string } | null => {
    const message = deps.answers().writeRefusal?.(action) ?? null;
    return message ? { ok: false, code: 'answer-file-invalid', message } : null;
  };
  return {
    parseMock: parseMockText,
    setMock(action, text, format) {
      const bad = checkAction(action);
      if (bad) return { ...bad, errors: [] };
      const parsed = parseMockText(text, format);
      if (!parsed.ok) return invalidMock(parsed.errors);
      const refused = refusal(action);
      if (refused) return { ...refused, errors: [] };
      return changed({ ok: true, value: deps.answers().setMock(action, parsed.value, { text, format }) });
    },
    clearMock(action) {
      return checkAction(action) ?? refusal(action) ?? changed({ ok: true, value: { cleared: deps.answers().clearMock(action) } });
    },
    clearAllMocks: () => changed({ ok: true, value: { cleared: deps.answers().clearAllMocks() } }),
    mockFromCall(callId) {
      const call = deps.calls().get(callId);
      if (!call) return { ok: false, code: 'call-not-found', message: `There is no stored call #${callId}.` };
      if (!call.action) return { ok: false, code: 'no-action', message: `Call #${callId} names no action, so there is no action to mock.` };
      const refused = refusal(call.action);
      if (refused) return refused;
      const definition = mockFromStoredCall(call);
      if (!definition)
        return {
          ok: false,
          code: 'no-answer',
          message: `Call #${callId} got no answer (the connection was closed), so there is nothing to copy.`,
        };
      return changed({ ok: true, value: deps.answers().setMock(call.action, definition) });
    },
    setForwardTarget(action, url) {
      const bad = checkAction(action);
      if (bad) return bad;
      if (url !== null) {
        const problem = checkTargetUrl(url);
        if (problem) return { ok: false, code: 'invalid-target', message: problem.message };
      }
      const refused = refusal(action);
      if (refused) return refused;
      return changed({
        ok: true,
        value: deps.answers().setRoute(action, url === null ? { target: null } : { target: url, mode: 'forward' }),
      });
    },
    setMode(action, mode) {
      return checkAction(action) ?? refusal(action) ?? changed({ ok: true, value: deps.answers().setRoute(action, { mode }) });
    },
    clearRoute(action) {
      return checkAction(action) ?? refusal(action) ?? changed({ ok: true, value: { cleared: deps.answers().clearRoute(action) } });
    },
    clearAllRoutes: () => changed({ ok: true, value: { cleared: deps.answers().clearAllRoutes() } }),
    getAnswerSettings: () => ({
      mocks: deps.answers().listMocks(),
      routes: deps.answers().listRoutes(),
      startupForwardTarget: deps.startupForwardTarget,
      forwardTimeoutMs: deps.forwardTimeoutMs,
      fallbackToMock: deps.fallbackToMock,
    }),
  };
}

function checkAction(action: ActionKey): { ok: false; code: string; message: string } | null {
  if (action === null || ACTION_NAME_PATTERN.test(action)) return null;
  return { ok: false, code: 'invalid-action', message: `"${action}" is not an action name: use ${ACTION_NAME_RULE}.` };
}

function invalidMock(errors: DefinitionError[]): MockSave {
  const count = errors.length === 1 ? 'a problem' : `${errors.length} problems`;
  return {
    ok: false,
    code: 'invalid-mock',
    message: `The mock was not saved: it has ${count}. ${errors[0]?.message ?? ''}`.trim(),
    errors,
  };
}
