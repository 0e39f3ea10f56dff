import { MAX_JSON_DEPTH } from '../json/json-node';
import { locateDuplicateKey, parseJson, toPlainValue, type JsonWords } from '../json/parse-json';
import type { DefinitionError, MockFormat } from '../../contract/api';
import { validateMockDefinition, type MockProblem, type Validated, type ValidatedMock } from './validate-mock';
import { jsonTemplateLocator, yamlTemplateLocator } from './template-position';
import { isBlockCollection, parseYamlText, yamlPosition, type TextPosition } from '../yaml/yaml-text';
import { jsonPosition, positionAt } from './json-position';
import { jsonSyntaxProblem } from '../../contract/json-syntax';

/** Said of an empty mock in either format: there is no place to point at, so no line. */
const EMPTY_MOCK = 'the mock is empty: write it as JSON or YAML, such as {"status": 200, "body": {"result": "ok", "error": ""}}';

/**
 * JSON mistakes said of a mock someone wrote (in a file or the app's editor), not of a call's
 * body: no byte offsets (the line and column are added), no advice to "send" anything. A syntax
 * mistake is said by jsonSyntaxProblem, as every editor of the app says it; these words are for
 * what only this reader refuses.
 */
const MOCK_JSON_WORDS: JsonWords = {
  empty: () => EMPTY_MOCK,
  bom: 'Not valid JSON: it starts with a byte order mark: save it as UTF-8 without one',
  invalidUtf8: (_, byte) => `Not valid JSON: ${byte} begins an invalid or incomplete UTF-8 sequence`,
  syntax: (_, what) => `Not valid JSON: ${what}`,
  tooDeep: () => `Not valid JSON: it nests deeper than ${MAX_JSON_DEPTH} levels`,
  end: 'the end of the mock',
  duplicateKey: (key) => `Not valid JSON: the key "${key}" appears twice in one object`,
};

/**
 * Parses a mock written as JSON or YAML text, then validates it. Syntax errors come back with
 * their line and column, like validation errors come back with their path.
 */
export function parseMockText(written: string, format: MockFormat): Validated {
  const text = withoutByteOrderMark(written);
  if (format === 'json') {
    const bytes = Buffer.from(text, 'utf8');
    const parsed = parseJson(bytes, MOCK_JSON_WORDS);
    if (!parsed.ok && parsed.code === 'empty') return { ok: false, errors: [{ path: '', message: parsed.message }] };
    const syntax = !parsed.ok && parsed.code === 'invalid-json' ? jsonSyntaxProblem(text) : null;
    if (syntax) {
      const { message, line, column } = syntax;
      return { ok: false, errors: [{ path: '', message, line, column, ...(readsAsYamlCollection(text) ? { readsAsYaml: true } : {}) }] };
    }
    if (!parsed.ok) {
      const where = positionAt(bytes, parsed.offset);
      return { ok: false, errors: [{ path: '', message: `${parsed.message} (line ${where.line}, column ${where.column})`, ...where }] };
    }
    // Placed as a syntax mistake is: the editor marks the second key, and the list says where it is.
    const duplicate = locateDuplicateKey(parsed.root);
    if (duplicate !== null) {
      const where = positionAt(bytes, duplicate.offset);
      const said = MOCK_JSON_WORDS.duplicateKey(duplicate.key, duplicate.path, duplicate.offset);
      return {
        ok: false,
        errors: [{ path: '', message: `${said} (line ${where.line}, column ${where.column}): keep only one of them.`, ...where }],
      };
    }
    const { root } = parsed;
    const validated = validateMockDefinition(toPlainValue(root), jsonTemplateLocator(text, root));
    return withPlaces(validated, (path, place) => jsonPosition(bytes, root, path, place));
  }
  const parsed = parseYamlText(text);
  const { document, syntaxErrors } = parsed;
  if (syntaxErrors.length > 0) {
    return {
      ok: false,
      errors: syntaxErrors.map(({ message, line, column }) => ({
        path: '',
        message: `${message}${line !== null ? ` (line ${line}, column ${column})` : ''}`,
        ...(line !== null && column !== null ? { line, column } : {}),
      })),
    };
  }
  // Nothing but comments, or nothing at all.
  if (document.contents === null) return { ok: false, errors: [{ path: '', message: EMPTY_MOCK }] };
  const validated = validateMockDefinition(document.toJS() as unknown, yamlTemplateLocator(text, document));
  return withPlaces(validated, (path, place) => yamlPosition(parsed, path, place));
}

/**
 * Points each problem at its place in the text, in JSON as in YAML, for people (and editors)
 * reading the file: a wrong value at the value, anything else at its key.
 */
function withPlaces(validated: ValidatedMock, positionOf: (path: string, place?: 'value') => TextPosition | null): Validated {
  const placed = ({ place, ...problem }: MockProblem): DefinitionError =>
    problem.line !== undefined ? withPlaceSaid(problem) : { ...problem, ...positionOf(problem.path, place) };
  // A contract warning is about the value written at its path (`status: 500`, `result: 5`).
  if (validated.ok) return { ...validated, warnings: validated.warnings.map((warning) => placed({ ...warning, place: 'value' })) };
  return { ok: false, errors: validated.errors.map(placed) };
}

/**
 * A template's problem, found in the text, with its line (and column) said in its message too:
 * the editor's list of problems shows the message alone.
 */
function withPlaceSaid(problem: DefinitionError): DefinitionError {
  const where = problem.column === undefined ? `line ${problem.line}` : `line ${problem.line}, column ${problem.column}`;
  return { ...problem, message: `${problem.message} (${where})` };
}

/**
 * Whether text that is not JSON reads as a YAML mapping or list written in YAML's own block
 * style: YAML typed with the format left at JSON. Flow style (`{...}`, `[...]`) is JSON's
 * shape, so a JSON typo that YAML happens to accept (a trailing comma) is not taken for YAML.
 */
function readsAsYamlCollection(text: string): boolean {
  const { document, syntaxErrors } = parseYamlText(text);
  return syntaxErrors.length === 0 && isBlockCollection(document.contents);
}

/**
 * The text without the byte order mark an editor on Windows may save a file with: a YAML mock
 * with one was read (the YAML library passes over it), so a JSON mock is too, and neither is
 * stored with it.
 */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}
