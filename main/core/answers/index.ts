import type { MockCheck, MockSave, Result } from '../../contract/api';
import { ACTION_NAME_PATTERN, ACTION_NAME_RULE } from '../protocol/facts';
import type { CallsRepository } from '../store/calls-repository';
import type { RespondRepository } from '../store/answers-repository';
import { checkTargetUrl } from './forward';
import { parseMockText, type MockFormat } from './mock-file';
import { mockFromStoredCall } from './mock-from-call';
import { resolveRoute, type EffectiveRoute } from './route';
import type { AnswerMode, AnswerRoute, AnswerSettings, DefinitionError, StoredMock } from '../../contract/api';
import { validateMockDefinition, type Validated } from './validate-mock';

export { validateMockDefinition, type Validated } from './validate-mock';
export { parseMockText, formatOfFile, type MockFormat } from './mock-file';
export { checkAnswer } from '../protocol/answer-check';

/** A failed set: the message for a status line, and every problem with its path for inline display. */
export type SetResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string; errors: DefinitionError[] };

/** `null` is the default for every action. */
export type ActionKey = string | null;

/**
 * Mocks and forwarding, for the UI and the command line. Synchronous (SQLite is); the contract
 * can wrap each method in a Promise. Changes apply to the running server at its next call.
 */
export interface RespondApi {
  listMocks(): StoredMock[];
  getMock(action: ActionKey): StoredMock | null;
  /** Pure: checks a definition (parsed JSON/YAML) without storing it. */
  validateMock(input: unknown): Validated;
  /** Pure: parses JSON or YAML text, then validates (syntax errors carry line and column). */
  parseMock(text: string, format: MockFormat): Validated;
  setMock(action: ActionKey, input: unknown): SetResult<StoredMock>;
  /** The contract's `checkMock`: parse + validate text, nothing stored. */
  checkMock(text: string, format: MockFormat): MockCheck;
  /** The contract's `setMock`: parse + validate text, then store. */
  setMockText(action: ActionKey, text: string, format: MockFormat): MockSave;
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
  /** Where an action's answers come from now. */
  effectiveRoute(action: string): EffectiveRoute;
}

export interface RespondApiDeps {
  respond: () => RespondRepository;
  calls: () => CallsRepository;
  startupForwardTarget: string | null;
  forwardTimeoutMs: number;
  fallbackToMock: boolean;
  onChanged?: () => void;
}

export function createRespondApi(deps: RespondApiDeps): RespondApi {
  const changed = <T>(value: T): T => {
    deps.onChanged?.();
    return value;
  };
  const api: RespondApi = {
    listMocks: () => deps.respond().listMocks(),
    getMock: (action) => deps.respond().getMock(action),
    validateMock: validateMockDefinition,
    parseMock: parseMockText,
    setMock(action, input) {
      const bad = checkAction(action);
      if (bad) return { ...bad, errors: [] };
      const validated = validateMockDefinition(input);
      if (!validated.ok) return invalidMock(validated.errors);
      return changed({ ok: true, value: deps.respond().setMock(action, validated.value) });
    },
    checkMock(text, format) {
      const parsed = parseMockText(text, format);
      return parsed.ok ? { ok: true, definition: parsed.value } : parsed;
    },
    setMockText(action, text, format) {
      const parsed = parseMockText(text, format);
      return parsed.ok ? api.setMock(action, parsed.value) : invalidMock(parsed.errors);
    },
    clearMock(action) {
      return checkAction(action) ?? changed({ ok: true, value: { cleared: deps.respond().clearMock(action) } });
    },
    clearAllMocks: () => changed({ ok: true, value: { cleared: deps.respond().clearAllMocks() } }),
    mockFromCall(callId) {
      const call = deps.calls().get(callId);
      if (!call) return { ok: false, code: 'call-not-found', message: `There is no stored call #${callId}.` };
      if (!call.action) return { ok: false, code: 'no-action', message: `Call #${callId} names no action, so there is no action to mock.` };
      const definition = mockFromStoredCall(call);
      if (!definition)
        return {
          ok: false,
          code: 'no-answer',
          message: `Call #${callId} got no answer (the connection was closed), so there is nothing to copy.`,
        };
      return changed({ ok: true, value: deps.respond().setMock(call.action, definition) });
    },
    setForwardTarget(action, url) {
      const bad = checkAction(action);
      if (bad) return bad;
      if (url !== null) {
        const problem = checkTargetUrl(url);
        if (problem) return { ok: false, code: 'invalid-target', message: problem.message };
      }
      return changed({
        ok: true,
        value: deps.respond().setRoute(action, url === null ? { target: null } : { target: url, mode: 'forward' }),
      });
    },
    setMode(action, mode) {
      return checkAction(action) ?? changed({ ok: true, value: deps.respond().setRoute(action, { mode }) });
    },
    clearRoute(action) {
      return checkAction(action) ?? changed({ ok: true, value: { cleared: deps.respond().clearRoute(action) } });
    },
    clearAllRoutes: () => changed({ ok: true, value: { cleared: deps.respond().clearAllRoutes() } }),
    getAnswerSettings: () => ({
      mocks: deps.respond().listMocks(),
      routes: deps.respond().listRoutes(),
      startupForwardTarget: deps.startupForwardTarget,
      forwardTimeoutMs: deps.forwardTimeoutMs,
      fallbackToMock: deps.fallbackToMock,
    }),
    effectiveRoute(action) {
      const repository = deps.respond();
      const { mode, target } = resolveRoute(repository, action, deps.startupForwardTarget);
      const mock = repository.getMock(action) ?? repository.getMock(null);
      return { mode, target, mock: mock?.definition ?? null };
    },
  };
  return api;
}

function checkAction(action: ActionKey): { ok: false; code: string; message: string } | null {
  if (action === null || ACTION_NAME_PATTERN.test(action)) return null;
  return {
    ok: false,
    code: 'invalid-action',
    message: `"${action}" is not an action name: use ${ACTION_NAME_RULE}.`,
  };
}

function invalidMock(errors: DefinitionError[]): SetResult<never> {
  const first = errors[0];
  const summary = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'invalid';
  return {
    ok: false,
    code: 'invalid-mock',
    message: `The mock is not valid: ${summary}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
    errors,
  };
}
