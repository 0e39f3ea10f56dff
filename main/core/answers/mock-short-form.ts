import { BUILT_IN_ANSWER_TEXT, type Condition, type Fault, type MockDefinition, type MockResponse } from '../../contract/api';
import { DEFAULT_ERROR_MESSAGE, DEFAULT_HOLD_MS } from './validate-mock';

/**
 * A mock as a person writes it, for a file meant for git (`mocks export`, an answer file): the
 * shortest shape that reads back as the same mock. One answer and nothing to choose from is
 * written at the top (`status`, `body`); a value the reader fills in when it is left out (rules,
 * no conditions, no headers, the built-in answer's body, no delay, no fault, a fault's own
 * defaults) is left out; a fallback has no conditions to write. Every answer keeps its `status`,
 * what it is read by: one answer at the top still reads as one, and no answer is an empty `{}`.
 */
export function mockShortForm(definition: MockDefinition): Record<string, unknown> {
  const { selection, responses, fallback, answerRegistrationCheck } = definition;
  const top = {
    ...(selection !== 'rules' ? { selection } : {}),
    ...(answerRegistrationCheck ? { answerRegistrationCheck } : {}),
  };
  if (responses.length === 0 && fallback) return { ...top, ...answerShortForm(fallback) };
  return {
    ...top,
    ...(responses.length > 0 ? { responses: responses.map(answerShortForm) } : {}),
    ...(fallback ? { fallback: answerShortForm(fallback) } : {}),
  };
}

function answerShortForm({ name, when, status, headers, body, delayMs, fault }: MockResponse): Record<string, unknown> {
  return {
    ...(name !== undefined ? { name } : {}),
    // One condition is written alone, as `mocks --help` shows it: the reader takes it for a list of one.
    ...(when.length > 0 ? { when: when.length === 1 ? conditionShortForm(when[0]!) : when.map(conditionShortForm) } : {}),
    status,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    // Compared as sent: a body with the same fields in another order answers other bytes.
    ...(JSON.stringify(body) !== BUILT_IN_ANSWER_TEXT ? { body } : {}),
    ...(delayMs !== 0 ? { delayMs } : {}),
    ...(fault !== null ? { fault: faultShortForm(fault) } : {}),
  };
}

/** A condition as it is written: `{path: ..., contains: ...}`, not as it is stored (`op`, `value`). */
function conditionShortForm({ path, op, value }: Condition): Record<string, unknown> {
  return { path, [op]: value };
}

/** A fault by its name alone (`fault: timeout`) when the rest of it is what the name gives. */
function faultShortForm(fault: Fault): Fault | Fault['type'] {
  if (fault.type === 'timeout') return fault.holdMs === DEFAULT_HOLD_MS ? fault.type : fault;
  if (fault.type === 'error') return fault.message === DEFAULT_ERROR_MESSAGE ? fault.type : fault;
  return fault.type;
}
