import { joinPath } from '../../contract/mock-path';
import { parsePath } from './json-path';
import { checkTemplate, templatesIn, type TemplateProblem } from './template';
import type { TemplateLocator } from './template-position';
import { mockContractWarnings } from './mock-contract';
import type { Condition, ConditionOperator, DefinitionError, Fault, MockDefinition, MockResponse, Selection } from '../../contract/api';

/** `warnings`: what the mock's answers break of Flowent's contract; it is valid, and may be stored, all the same. */
export type Validated = { ok: true; value: MockDefinition; warnings: DefinitionError[] } | { ok: false; errors: DefinitionError[] };

/**
 * A mistake of the mock, with `place` 'value' when the value written at its path is at fault
 * (`status: 700`, a regex that does not compile, text where a number goes): a file that holds
 * the mock says it at the value, where it is retyped. Without, the mistake is about the field
 * itself (unknown, missing, not allowed there) and is said at its key.
 */
export type MockProblem = DefinitionError & { place?: 'value' };

export type ValidatedMock = { ok: true; value: MockDefinition; warnings: DefinitionError[] } | { ok: false; errors: MockProblem[] };

const VALUE = { place: 'value' } as const;

const MAX_DELAY_MS = 120_000;
const MAX_HOLD_MS = 600_000;
/** Past Flowent's 30 s, so the timeout is really seen as one. */
export const DEFAULT_HOLD_MS = 35_000;
/** What an `error` fault answers when its message is left out. */
export const DEFAULT_ERROR_MESSAGE = 'Simulated failure (fault injected by Flowent Companion)';
const OPERATORS: readonly ConditionOperator[] = ['equals', 'contains', 'regex', 'exists'];
const SELECTIONS: readonly Selection[] = ['rules', 'sequence', 'random'];
const RESPONSE_FIELDS = ['name', 'when', 'status', 'headers', 'body', 'delayMs', 'fault'];
const TOP_FIELDS = ['selection', 'responses', 'fallback', 'answerRegistrationCheck'];
/** The fields of the answer Flowent gets: a mock that has them at its top is that answer, written without its body. */
const ANSWER_BODY_FIELDS = ['result', 'error'];

/**
 * Checks a mock definition as written by a person (JSON or YAML, already parsed) and returns
 * the normalized definition, or every problem found with the path it sits at, so an editor
 * can underline them. A definition with just `status`/`headers`/`body`/`delayMs`/`fault` at
 * the top is shorthand for a mock with that one answer as its fallback. With `locate`, a
 * template's problem is placed in the mock's text (where the person wrote it); without, its
 * position is said to be inside the template. `besides`: the fields the file that holds the
 * mock has of its own (an answer file's version, mode, forward), named where an unknown field is.
 */
export function validateMockDefinition(input: unknown, locate?: TemplateLocator, besides: readonly string[] = []): ValidatedMock {
  const errors: MockProblem[] = [];
  const error = (path: string, message: string, extra: Partial<MockProblem> = {}) => errors.push({ path, message, ...extra });
  if (!isObject(input)) {
    error('', `a mock must be an object (e.g. {"status":200,"body":{"result":"ok","error":""}}), not ${describe(input)}`, VALUE);
    return { ok: false, errors };
  }
  const shorthand = RESPONSE_FIELDS.some((field) => field !== 'name' && field !== 'when' && field in input);
  const known = shorthand ? [...TOP_FIELDS, ...RESPONSE_FIELDS] : TOP_FIELDS;
  for (const key of Object.keys(input)) {
    if (!known.includes(key))
      error(joinPath('', key), ANSWER_BODY_FIELDS.includes(key) ? answerOutsideBody(key) : unknownTopField(key, besides));
  }
  if (shorthand && ('responses' in input || 'fallback' in input)) {
    error('', 'give either one answer (status, headers, body, delayMs, fault) or "responses"/"fallback", not both');
  }

  let selection: Selection = 'rules';
  if (input.selection !== undefined) {
    if (typeof input.selection === 'string' && (SELECTIONS as readonly string[]).includes(input.selection))
      selection = input.selection as Selection;
    else error('selection', `selection must be one of ${SELECTIONS.join(', ')}, not ${describe(input.selection)}`, VALUE);
  }
  let answerRegistrationCheck = false;
  if (input.answerRegistrationCheck !== undefined) {
    if (typeof input.answerRegistrationCheck === 'boolean') answerRegistrationCheck = input.answerRegistrationCheck;
    else
      error(
        'answerRegistrationCheck',
        `answerRegistrationCheck must be true or false, not ${describe(input.answerRegistrationCheck)}`,
        VALUE,
      );
  }

  const responses: MockResponse[] = [];
  let fallback: MockResponse | null = null;
  if (shorthand) {
    const { selection: _s, answerRegistrationCheck: _a, ...answer } = input;
    fallback = validateResponse(answer, '', error, false, locate);
  } else {
    if (input.responses !== undefined) {
      if (!Array.isArray(input.responses))
        error('responses', `responses must be a list of answers, not ${describe(input.responses)}`, VALUE);
      else
        input.responses.forEach((response, index) => {
          const checked = validateResponse(response, `responses[${index}]`, error, selection === 'rules', locate);
          if (checked) responses.push(checked);
        });
    }
    if (input.fallback !== undefined && input.fallback !== null)
      fallback = validateResponse(input.fallback, 'fallback', error, false, locate);
    if (responses.length === 0 && !fallback && errors.length === 0) {
      error('responses', 'the mock has no answer: give "responses" or a "fallback" (or status/body at the top)');
    }
    if (selection !== 'rules' && responses.some((r) => r.when.length > 0)) {
      error('selection', `conditions ("when") only apply with selection "rules"; with "${selection}" they would be ignored`);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const value = { selection, responses, fallback, answerRegistrationCheck };
  return { ok: true, value, warnings: mockContractWarnings(value, shorthand ? '' : 'fallback') };
}

type ErrorSink = (path: string, message: string, extra?: Partial<MockProblem>) => void;

function validateResponse(
  input: unknown,
  path: string,
  error: ErrorSink,
  allowWhen: boolean,
  locate: TemplateLocator | undefined,
): MockResponse | null {
  const at = (field: string) => joinPath(path, field);
  if (!isObject(input)) {
    error(path, `an answer must be an object with status, headers, body, delayMs or fault, not ${describe(input)}`, VALUE);
    return null;
  }
  if (path !== '') {
    for (const key of Object.keys(input)) {
      if (ANSWER_BODY_FIELDS.includes(key)) error(at(key), answerOutsideBody(key));
      else if (!RESPONSE_FIELDS.includes(key)) error(at(key), `unknown field "${key}"; an answer has ${RESPONSE_FIELDS.join(', ')}`);
    }
  }
  const response: MockResponse = { when: [], status: 200, headers: {}, body: { result: 'ok', error: '' }, delayMs: 0, fault: null };
  if (input.name !== undefined) {
    if (typeof input.name === 'string') response.name = input.name;
    else error(at('name'), `name must be text, not ${describe(input.name)}`, VALUE);
  }
  if (input.status !== undefined) {
    if (typeof input.status === 'number' && Number.isInteger(input.status) && input.status >= 100 && input.status <= 599)
      response.status = input.status;
    else error(at('status'), `status must be an HTTP status from 100 to 599, not ${describe(input.status)}`, VALUE);
  }
  if (input.headers !== undefined) {
    if (!isObject(input.headers)) error(at('headers'), `headers must be an object of name: value, not ${describe(input.headers)}`, VALUE);
    else
      for (const [name, value] of Object.entries(input.headers)) {
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) error(joinPath(at('headers'), name), `"${name}" is not a valid header name`);
        else if (typeof value !== 'string' && typeof value !== 'number')
          error(joinPath(at('headers'), name), `a header value must be text, not ${describe(value)}`, VALUE);
        else if (/[\r\n\0]/.test(String(value))) error(joinPath(at('headers'), name), 'a header value cannot contain line breaks', VALUE);
        else if (/^(content-length|transfer-encoding|connection)$/i.test(name))
          error(joinPath(at('headers'), name), `${name} is set by the server; leave it out`);
        else response.headers[name] = String(value);
      }
  }
  if (input.body !== undefined) {
    response.body = input.body;
    for (const template of templatesIn(input.body, at('body'))) {
      const problem = checkTemplate(template.text);
      if (problem) error(template.path, ...templateProblem(problem, template.path, locate));
    }
  }
  if (input.delayMs !== undefined) {
    if (typeof input.delayMs === 'number' && Number.isInteger(input.delayMs) && input.delayMs >= 0 && input.delayMs <= MAX_DELAY_MS)
      response.delayMs = input.delayMs;
    else
      error(
        at('delayMs'),
        `delayMs must be whole milliseconds from 0 to ${MAX_DELAY_MS}, not ${describe(input.delayMs)} (for a timeout use fault: timeout)`,
        VALUE,
      );
  }
  if (input.fault !== undefined && input.fault !== null) response.fault = validateFault(input.fault, at('fault'), error);
  // An empty list is "no conditions": the normalized form has one on every answer.
  if (input.when !== undefined && !(Array.isArray(input.when) && input.when.length === 0)) {
    if (!allowWhen)
      error(
        at('when'),
        path === 'fallback' || path === ''
          ? 'the fallback answers when nothing else matched; it cannot have conditions'
          : 'conditions need selection "rules"',
      );
    else {
      const list = Array.isArray(input.when) ? input.when : [input.when];
      list.forEach((condition, index) => {
        const checked = validateCondition(condition, Array.isArray(input.when) ? at(`when[${index}]`) : at('when'), error);
        if (checked) response.when.push(checked);
      });
    }
  }
  return response;
}

/**
 * A template's problem with its place: in the mock's text when it can be found there (its line
 * and column, which the message leaves to whoever shows it), else said in the message as inside
 * the template, at the template's value.
 */
function templateProblem(
  problem: TemplateProblem,
  path: string,
  locate: TemplateLocator | undefined,
): [message: string, position: Partial<MockProblem>] {
  if (problem.line === undefined) return [problem.message, VALUE];
  const inFile = locate?.(path, { line: problem.line, column: problem.column ?? 1 });
  if (inFile) {
    // A column the checker did not know is not made up from the start of the template's line.
    return [problem.message, problem.column === undefined ? { line: inFile.line } : inFile];
  }
  const where = problem.column !== undefined ? `template line ${problem.line}, column ${problem.column}` : `template line ${problem.line}`;
  return [`${problem.message} (${where})`, VALUE];
}

function validateCondition(raw: unknown, path: string, error: ErrorSink): Condition | null {
  // The stored form {path, op, value} is accepted too, so a stored definition validates again.
  const input =
    isObject(raw) && typeof raw.op === 'string' && Object.keys(raw).every((key) => ['path', 'op', 'value'].includes(key))
      ? { path: raw.path, [raw.op]: raw.value }
      : raw;
  if (!isObject(input)) {
    error(path, `a condition must be an object like {"path":"parameters.recipient","equals":"a@b.c"}, not ${describe(input)}`, VALUE);
    return null;
  }
  let ok = true;
  if (typeof input.path !== 'string') {
    // A path that is not there is said at the condition that lacks it, one of the wrong type at its value.
    error(`${path}.path`, `a condition needs "path", a JSON path such as parameters.user.email, not ${describe(input.path)}`, VALUE);
    ok = false;
  } else {
    const parsed = parsePath(input.path);
    if (!parsed.ok) {
      error(`${path}.path`, parsed.message, VALUE);
      ok = false;
    }
  }
  const ops = OPERATORS.filter((op) => op in input);
  const extra = Object.keys(input).filter((key) => key !== 'path' && !(OPERATORS as readonly string[]).includes(key));
  for (const key of extra) error(joinPath(path, key), `unknown field "${key}"; a condition has path and one of ${OPERATORS.join(', ')}`);
  if (ops.length !== 1) {
    error(
      path,
      ops.length === 0
        ? `a condition needs one operator: ${OPERATORS.join(', ')}`
        : `a condition takes one operator, not ${ops.join(' and ')}`,
    );
    return null;
  }
  const op = ops[0] as ConditionOperator;
  const value = input[op];
  if (op === 'contains' && typeof value !== 'string' && (value === null || typeof value === 'object')) {
    error(`${path}.contains`, `contains takes text (or a single value to find in a list), not ${describe(value)}`, VALUE);
    ok = false;
  }
  if (op === 'regex') {
    if (typeof value !== 'string') {
      error(`${path}.regex`, `regex must be a pattern as text, not ${describe(value)}`, VALUE);
      ok = false;
    } else {
      try {
        new RegExp(value, 'u');
      } catch (problem) {
        error(`${path}.regex`, `not a valid regular expression: ${(problem as Error).message}`, VALUE);
        ok = false;
      }
    }
  }
  if (op === 'exists' && typeof value !== 'boolean') {
    error(`${path}.exists`, `exists must be true or false, not ${describe(value)}`, VALUE);
    ok = false;
  }
  return ok ? { path: input.path as string, op, value } : null;
}

/** An unknown field at the top, with the fields that are known there: the holder's own, then the mock's. */
function unknownTopField(key: string, besides: readonly string[]): string {
  const mock = [...TOP_FIELDS, 'status', 'headers', 'body', 'delayMs', 'fault'].join(', ');
  return besides.length === 0
    ? `unknown field "${key}"; a mock has ${mock}`
    : `unknown field "${key}"; an answer file has ${besides.join(', ')}, and a mock's ${mock}`;
}

/**
 * A field of the answer Flowent gets where a mock's answer goes (`result: ok`, `error: ""` at the
 * top, or in a fallback): the most natural first mock is that answer, written without its body.
 */
function answerOutsideBody(key: string): string {
  return `unknown field "${key}": the answer Flowent gets goes under body, as in status: 200, body: {result: "ok", error: ""}`;
}

function validateFault(input: unknown, path: string, error: ErrorSink): Fault | null {
  const spec: Record<string, unknown> | null = typeof input === 'string' ? { type: input } : isObject(input) ? input : null;
  const types = ['timeout', 'drop', 'non-json', 'error'];
  if (!spec || typeof spec.type !== 'string' || !types.includes(spec.type)) {
    error(path, `fault must be one of ${types.join(', ')} (or {"type":"timeout","holdMs":35000}), not ${describe(input)}`, VALUE);
    return null;
  }
  switch (spec.type) {
    case 'timeout': {
      const holdMs = spec.holdMs ?? DEFAULT_HOLD_MS;
      if (typeof holdMs !== 'number' || !Number.isInteger(holdMs) || holdMs < 1 || holdMs > MAX_HOLD_MS) {
        error(`${path}.holdMs`, `holdMs must be whole milliseconds from 1 to ${MAX_HOLD_MS}, not ${describe(holdMs)}`, VALUE);
        return null;
      }
      return { type: 'timeout', holdMs };
    }
    case 'error': {
      const message = spec.message ?? DEFAULT_ERROR_MESSAGE;
      if (typeof message !== 'string') {
        error(`${path}.message`, `message must be text, not ${describe(message)}`, VALUE);
        return null;
      }
      return { type: 'error', message };
    }
    case 'drop':
      return { type: 'drop' };
    default:
      return { type: 'non-json' };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'string' ? 'the text' : `the ${typeof value}`} ${JSON.stringify(value)}`;
}
