import { VIOLATION_CODES, type DefinitionError, type MockDefinition, type MockResponse, type ViolationCode } from '../../contract/api';
import { checkAnswer } from '../protocol/answer-check';

/**
 * The field of an answer each violation is about, so the editor marks that value: `result`
 * itself for a result that is not a string, the whole body for a body that is not an object.
 */
const FIELD_OF: Record<Exclude<ViolationCode, 'no-answer'>, string> = {
  'too-slow': 'delayMs',
  'too-large': 'body',
  'not-json': 'body',
  'not-object': 'body',
  'result-missing': 'body',
  'result-not-string': 'body.result',
  'error-not-string': 'body.error',
  'error-on-success': 'body.error',
  'not-2xx': 'status',
};

/**
 * What a template in the body can change: a body that is one template may render to anything.
 * Every mark but those of the status and of an answer that never came (a mock always answers).
 */
const DECIDED_BY_THE_BODY: readonly string[] = VIOLATION_CODES.filter(
  (code) => code !== 'not-2xx' && code !== 'no-answer' && code !== 'too-slow',
);

/**
 * What each answer of a valid mock breaks of Flowent's contract, said as the call's details say
 * it (the same check, on the answer the mock would give), at the path of the field at fault. A
 * warning, not an error: a developer may want a failing answer on purpose, to try a flow's
 * "on action failure" branch. `fallbackPath` is where the fallback sits: "fallback", or "" for a
 * mock written as one answer at the top.
 */
export function mockContractWarnings(definition: MockDefinition, fallbackPath: string): DefinitionError[] {
  const answers: [MockResponse, string][] = definition.responses.map((response, index) => [response, `responses[${index}]`]);
  if (definition.fallback) answers.push([definition.fallback, fallbackPath]);
  return answers.flatMap(([response, path]) => answerWarnings(response, path));
}

function answerWarnings(response: MockResponse, path: string): DefinitionError[] {
  // A fault gives no answer, or one that is not JSON: breaking the contract is what it is for.
  if (response.fault) return [];
  // As the mock answers it (renderBody): a text body goes out as it is, any other as JSON.
  const written = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  const body = Buffer.from(written, 'utf8');
  const violations = checkAnswer({
    who: 'the mock',
    status: response.status,
    body,
    fullSize: body.length,
    durationMs: response.delayMs,
    registrationCheck: false,
  });
  return violations
    .filter((violation) => knowable(violation.code, response.body))
    .map((violation) => ({
      path: join(path, fieldOf(violation.code, response.body)),
      message: violation.message,
    }));
}

/**
 * Whether a violation holds whatever the templates render to. A template inside a JSON value
 * renders to a string there, so `result`'s type is known; what a string renders to is not (an
 * `error` of "{{parameters.reason}}" may be empty), nor is anything about a body that is one
 * text template.
 */
function knowable(code: string, body: unknown): boolean {
  if (!DECIDED_BY_THE_BODY.includes(code)) return true;
  if (typeof body === 'string') return !body.includes('{{');
  if (code === 'too-large') return !JSON.stringify(body).includes('{{');
  if (code === 'error-on-success') {
    const error = (body as { error?: unknown }).error;
    return !(typeof error === 'string' && error.includes('{{'));
  }
  return true;
}

function fieldOf(code: string, body: unknown): string {
  const field = (FIELD_OF as Record<string, string | undefined>)[code] ?? 'body';
  // A text body has no `result` of its own to point at: the text is at fault.
  return typeof body === 'string' && field.startsWith('body.') ? 'body' : field;
}

function join(path: string, field: string): string {
  return path ? `${path}.${field}` : field;
}
