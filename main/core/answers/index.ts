import type { AnswerMode, AnswerRoute, AnswersFailure, AnswerSettings, MockFormat, Refused, Result, StoredMock } from '../../contract/api';
import { isActionName } from '../../contract/action-name';
import { hasAnswerToCopy } from '../../contract/names-and-limits';
import type { CallsRepository } from '../store/calls-repository';
import type { AnswerStore } from '../store/answer-store';
import { checkTargetUrl } from './forward-target';
import { parseMockText, withoutByteOrderMark } from './mock-file';
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
  setMock(action: ActionKey, text: string, format: MockFormat): Result<StoredMock, AnswersFailure>;
  clearMock(action: ActionKey): Result<{ cleared: boolean }, AnswersFailure>;
  clearAllMocks(): Result<{ cleared: number }, AnswersFailure>;
  /** Turns a stored call's answer into its action's mock. */
  mockFromCall(callId: number): Result<StoredMock, AnswersFailure>;
  /** A URL such as `http://localhost:8000/actions/{action_name}`; also sets the mode to forward. `null` removes the target. */
  setForwardTarget(action: ActionKey, url: string | null): Result<AnswerRoute, AnswersFailure>;
  /** `null` goes back to inheriting (the default's mode, else forward when a target is set). */
  setMode(action: ActionKey, mode: AnswerMode | null): Result<AnswerRoute, AnswersFailure>;
  clearRoute(action: ActionKey): Result<{ cleared: boolean }, AnswersFailure>;
  clearAllRoutes(): Result<{ cleared: number }, AnswersFailure>;
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
  const refusal = (action: ActionKey | 'all'): Refused<AnswersFailure> | null => {
    const refused = deps.answers().writeRefusal?.(action) ?? null;
    return refused ? { ok: false, ...refused } : null;
  };
  return {
    parseMock: parseMockText,
    setMock(action, text, format) {
      const bad = checkAction(action);
      if (bad) return bad;
      const parsed = parseMockText(text, format);
      if (!parsed.ok) return { ok: false, code: 'invalid-mock', errors: parsed.errors };
      const refused = refusal(action);
      if (refused) return refused;
      return changed({ ok: true, value: deps.answers().setMock(action, parsed.value, { text: withoutByteOrderMark(text), format }) });
    },
    clearMock(action) {
      return checkAction(action) ?? refusal(action) ?? changed({ ok: true, value: { cleared: deps.answers().clearMock(action) } });
    },
    clearAllMocks: () => refusal('all') ?? changed({ ok: true, value: { cleared: deps.answers().clearAllMocks() } }),
    mockFromCall(callId) {
      const call = deps.calls().get(callId);
      if (!call) return { ok: false, code: 'call-not-found', id: callId };
      if (!call.action) return { ok: false, code: 'call-without-action', id: callId, wanted: 'mock' };
      const refused = refusal(call.action);
      if (refused) return refused;
      if (!hasAnswerToCopy(call)) {
        const cause = call.violations.find((v) => v.cause !== undefined)?.cause ?? null;
        return { ok: false, code: 'call-without-answer', id: callId, answeredBy: call.answeredBy, status: call.status, cause };
      }
      const definition = mockFromStoredCall(call);
      return changed({ ok: true, value: deps.answers().setMock(call.action, definition) });
    },
    setForwardTarget(action, url) {
      const bad = checkAction(action);
      if (bad) return bad;
      if (url !== null) {
        const problem = checkTargetUrl(url);
        if (problem) return problem;
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
    clearAllRoutes: () => refusal('all') ?? changed({ ok: true, value: { cleared: deps.answers().clearAllRoutes() } }),
    getAnswerSettings: () => ({
      mocks: deps.answers().listMocks(),
      routes: deps.answers().listRoutes(),
      startupForwardTarget: deps.startupForwardTarget,
      forwardTimeoutMs: deps.forwardTimeoutMs,
      fallbackToMock: deps.fallbackToMock,
    }),
  };
}

function checkAction(action: ActionKey): Refused<AnswersFailure> | null {
  return action === null || isActionName(action) ? null : { ok: false, code: 'invalid-action', action };
}
