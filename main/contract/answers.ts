/** Answers: the developer's mocks and forwarding to the developer's handler. */
import type { Result } from './result';

export type ConditionOperator = 'equals' | 'contains' | 'regex' | 'exists';

/** A test on one value of the call, found by a JSON path such as `parameters.user.email`. */
export interface Condition {
  path: string;
  op: ConditionOperator;
  /** equals: any JSON value; contains/regex: a string; exists: true or false. */
  value: unknown;
}

/** A fault injected on purpose, to see what the flow does when the action misbehaves. */
export type Fault = { type: 'timeout'; holdMs: number } | { type: 'drop' } | { type: 'non-json' } | { type: 'error'; message: string };

/** One possible answer. `body` is a Handlebars template, or a JSON value whose strings are templates. */
export interface MockResponse {
  name?: string;
  /** For `rules` selection: applies when every condition holds (none: always). */
  when: Condition[];
  status: number;
  headers: Record<string, string>;
  body: unknown;
  delayMs: number;
  fault: Fault | null;
}

export type Selection = 'rules' | 'sequence' | 'random';

/** What is stored for an action (or for every action: the default). */
export interface MockDefinition {
  selection: Selection;
  responses: MockResponse[];
  /** Answer when no rule matches (or when there are no responses). */
  fallback: MockResponse | null;
  /** Registration checks get the built-in success answer unless this is true. */
  answerRegistrationCheck: boolean;
}

/** A problem at a path inside a mock definition, e.g. `responses[1].when[0].value`. */
export interface DefinitionError {
  path: string;
  message: string;
  /** For syntax and template errors: where, 1-based. */
  line?: number;
  column?: number;
}

export type MockFormat = 'json' | 'yaml';
export type AnswerMode = 'mock' | 'forward';

/** A stored mock; `action` null is the default for every action. */
export interface StoredMock {
  action: string | null;
  definition: MockDefinition;
  /**
   * The mock as it was written, comments and key order kept: what the editor and `mocks get`
   * show. A mock made from a call's answer, or stored before the text was kept, reads as its
   * definition in JSON.
   */
  text: string;
  format: MockFormat;
  updatedAt: number;
}

/** The per-action (or default) choice between mock and forwarding. */
export interface AnswerRoute {
  action: string | null;
  mode: AnswerMode | null;
  /** e.g. http://localhost:8000/actions/{action_name} */
  target: string | null;
  updatedAt: number;
}

export interface AnswerSettings {
  mocks: StoredMock[];
  routes: AnswerRoute[];
  /** From `serve --forward`, not stored. */
  startupForwardTarget: string | null;
  forwardTimeoutMs: number;
  fallbackToMock: boolean;
}

/** A mock checked without being stored: the parsed definition, or every problem with its path. */
export type MockCheck = { ok: true; definition: MockDefinition } | { ok: false; errors: DefinitionError[] };

/** Saving a mock: like Result, plus every problem with its path for inline display. */
export type MockSave = { ok: true; value: StoredMock } | { ok: false; code: string; message: string; errors: DefinitionError[] };

export interface AnswersMethods {
  getAnswerSettings(): Promise<AnswerSettings>;
  /** Parses and validates a mock (JSON or YAML text) without storing it. */
  checkMock(text: string, format: MockFormat): Promise<MockCheck>;
  /** `action` null sets the default for every action. */
  setMock(action: string | null, text: string, format: MockFormat): Promise<MockSave>;
  clearMock(action: string | null): Promise<Result<{ cleared: boolean }>>;
  /** Removes every mock, the default's too: every action answers the built-in success again. */
  clearAllMocks(): Promise<Result<{ cleared: number }>>;
  /** Turns a stored call's answer into its action's mock. */
  mockFromCall(callId: number): Promise<Result<StoredMock>>;
  /** A URL like http://localhost:8000/actions/{action_name}; null removes it. */
  setForwardTarget(action: string | null, url: string | null): Promise<Result<AnswerRoute>>;
  /** null goes back to inheriting the default. */
  setAnswerMode(action: string | null, mode: AnswerMode | null): Promise<Result<AnswerRoute>>;
  /** Removes an action's (or with null the default's) target and mode. */
  clearAnswerRoute(action: string | null): Promise<Result<{ cleared: boolean }>>;
  /** Removes every target and mode. */
  clearAllAnswerRoutes(): Promise<Result<{ cleared: number }>>;
}

export const ANSWERS_METHOD_NAMES = [
  'getAnswerSettings',
  'checkMock',
  'setMock',
  'clearMock',
  'clearAllMocks',
  'mockFromCall',
  'setForwardTarget',
  'setAnswerMode',
  'clearAnswerRoute',
  'clearAllAnswerRoutes',
] as const satisfies readonly (keyof AnswersMethods)[];

/** Mocks or forwarding settings changed; read them again with getAnswerSettings. */
export type AnswersEvent = { type: 'answers-changed' };
