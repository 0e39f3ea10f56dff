/** Answers: the developer's mocks and forwarding to the developer's handler. */
import type { CallsFailure } from './shared';
import type * as z from 'zod';
import type { Result } from './result';
import type { answerMode, answersArguments, mockFormat } from './schemas/answers';
import type { ArgumentsOf } from './schemas/arguments';

/** A mock or a forwarding target the answers feature refused. */
export type AnswersFailure =
  | CallsFailure
  | { code: 'invalid-action'; action: string }
  /** `problem`: not a URL at all, or not http(s). */
  /** `placeholder`: with `unknown-placeholder`, the first `{...}` that is not `{action_name}`. */
  | { code: 'invalid-target'; url: string; problem: 'not-a-url' | 'not-http' | 'unknown-placeholder'; placeholder?: string }
  /** Every problem with its path, for inline display; the first one is the headline. */
  | { code: 'invalid-mock'; errors: DefinitionError[] }
  /** The project's answer file for the action has a mistake: changing it now would overwrite the user's edit. */
  | ({ code: 'answer-file-invalid' } & AnswerFileMistake)
  /** The project folder (`folder`) was removed while in use: its last version answers, and there is nowhere to write. */
  | { code: 'project-folder-removed'; folder: string }
  /** This user may not write the project's answer file `file` (as the project names it); `reason`: the file system's code (EACCES, EROFS...). */
  | { code: 'answer-file-unwritable'; file: string; reason: string };

/** Why a project's answers cannot be changed now: a file's mistake to fix first, the folder gone, or a file this user may not write. */
export type AnswersWriteRefusal = Extract<
  AnswersFailure,
  { code: 'answer-file-invalid' | 'project-folder-removed' | 'answer-file-unwritable' }
>;

/** A mistake in a project's answer file: the file, what its checker found (a position's text), and where. */
export interface AnswerFileMistake {
  file: string;
  problem: string;
  line: number | null;
}

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
  /**
   * Where, 1-based: a syntax error's place, a template problem's place in the text, and (in JSON
   * as in YAML) the value at fault when the mistake is in a value (a wrong status, a bad regex),
   * else the key of the field at fault (the mapping that lacks a missing one).
   */
  line?: number;
  column?: number;
  /**
   * A mock read as JSON that is not JSON but reads as a YAML mapping or list: most likely YAML
   * written with the format left at JSON. Each front end says how to pick the format in its way.
   */
  readsAsYaml?: true;
}

export type MockFormat = z.output<typeof mockFormat>;
export type AnswerMode = z.output<typeof answerMode>;

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

/** A route's settings as far as where calls go is concerned: its mode and target, either unset. */
export type RouteChoice = Pick<AnswerRoute, 'mode' | 'target'>;

/**
 * Where an action's calls go, the core's rule (the page says it with the same function): the
 * action's own mode and target, else the default's, else `serve --forward`'s target; with no
 * mode set anywhere, forward exactly when a target is known, the action's own target included.
 */
export function routeFor(
  own: RouteChoice | null | undefined,
  fallback: RouteChoice | null | undefined,
  startupTarget: string | null,
): { mode: AnswerMode; target: string | null } {
  const target = own?.target ?? fallback?.target ?? startupTarget;
  const mode: AnswerMode = own?.mode ?? fallback?.mode ?? (target ? 'forward' : 'mock');
  return { mode, target };
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
/** `warnings`: what the mock's answers break of Flowent's contract (it may be saved all the same), placed like errors. */
export type MockCheck = { ok: true; definition: MockDefinition; warnings: DefinitionError[] } | { ok: false; errors: DefinitionError[] };

type Args = ArgumentsOf<typeof answersArguments>;

export interface AnswersMethods {
  getAnswerSettings(...args: Args['getAnswerSettings']): Promise<AnswerSettings>;
  /** Parses and validates a mock (JSON or YAML text) without storing it. */
  checkMock(...[text, format]: Args['checkMock']): Promise<MockCheck>;
  /** `action` null sets the default for every action. */
  setMock(...[action, text, format]: Args['setMock']): Promise<Result<StoredMock, AnswersFailure>>;
  clearMock(...[action]: Args['clearMock']): Promise<Result<{ cleared: boolean }, AnswersFailure>>;
  /** Removes every mock, the default's too: every action answers the built-in success again. */
  clearAllMocks(...args: Args['clearAllMocks']): Promise<Result<{ cleared: number }, AnswersFailure>>;
  /** Turns a stored call's answer into its action's mock. */
  mockFromCall(...[callId]: Args['mockFromCall']): Promise<Result<StoredMock, AnswersFailure>>;
  /** A URL like http://localhost:8000/actions/{action_name}; null removes it. */
  setForwardTarget(...[action, url]: Args['setForwardTarget']): Promise<Result<AnswerRoute, AnswersFailure>>;
  /** null goes back to inheriting the default. */
  setAnswerMode(...[action, mode]: Args['setAnswerMode']): Promise<Result<AnswerRoute, AnswersFailure>>;
  /** Removes an action's (or with null the default's) target and mode. */
  clearAnswerRoute(...[action]: Args['clearAnswerRoute']): Promise<Result<{ cleared: boolean }, AnswersFailure>>;
  /** Removes every target and mode. */
  clearAllAnswerRoutes(...args: Args['clearAllAnswerRoutes']): Promise<Result<{ cleared: number }, AnswersFailure>>;
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

/**
 * What an action answers when no mock applies (none stored, or nothing in it held): Flowent's
 * success shape. Defined here because the core answers with it and every front end says it.
 */
export const BUILT_IN_ANSWER_BODY = { result: 'ok', error: '' } as const;
/** The built-in answer's body as sent and as the front ends quote it: `{"result":"ok","error":""}`. */
export const BUILT_IN_ANSWER_TEXT = JSON.stringify(BUILT_IN_ANSWER_BODY);
