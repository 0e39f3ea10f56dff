import type { AnswerMode, DefinitionError, MockDefinition, ProjectProblem } from '../../contract/api';
import { checkTargetUrl } from '../answers/forward-target';
import { validateMockDefinition, type MockProblem } from '../answers/validate-mock';
import { PROJECT_FORMAT_VERSION, schemaLine, versionProblem } from './project-schemas';
import { newYamlText, parseYamlFile, problemAt, type YamlFile } from './yaml-file';
import { yamlPosition } from '../yaml/yaml-text';
import { yamlTemplateLocator } from '../answers/template-position';

const FORWARD_PROBLEM = 'forward must be an http(s) URL such as http://localhost:8000/actions/{action_name}';

/** The fields of an answer file that are not the mock: the rest is the mock format `mocks --help` shows. */
export const ANSWER_FILE_FIELDS = ['version', 'mode', 'forward'] as const;

/** One action's answers (or the default's) as its file gives them. */
export interface AnswerFile {
  mock: MockDefinition | null;
  /**
   * What the mock's answers break of Flowent's contract, each at the line and column of the
   * file it sits at: the mock is kept as JSON, whose lines are not the file's.
   */
  warnings: DefinitionError[];
  mode: AnswerMode | null;
  forward: string | null;
  yaml: YamlFile;
}

export type AnswerFileRead = { ok: true; value: AnswerFile } | { ok: false; problems: ProjectProblem[] };

/** Parses and checks `answers/<name>.yaml`: `version: 1`, `mode`, `forward`, and the mock. */
export function readAnswerFile(file: string, text: string): AnswerFileRead {
  const parsed = parseYamlFile(file, text);
  if (!parsed.ok) return parsed;
  const yaml = parsed.value;
  const problem = (path: string, message: string): ProjectProblem => problemAt(yaml, file, path, message);
  const badValue = (path: string, message: string): ProjectProblem => problemAt(yaml, file, path, message, 'value');
  const value = yaml.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value))
    return {
      ok: false,
      problems: [problem('', 'an answer file is a map: version: 1, then the mock (see "flowent-companion mocks --help")')],
    };
  const { version, mode, forward, ...mockFields } = value as Record<string, unknown>;
  const problems: ProjectProblem[] = [];
  if (version !== PROJECT_FORMAT_VERSION) problems.push(badValue(version === undefined ? '' : 'version', versionProblem(version)));
  if (mode !== undefined && mode !== 'mock' && mode !== 'forward')
    problems.push(badValue('mode', `mode must be "mock" or "forward", not ${JSON.stringify(mode)}`));
  if (forward !== undefined) {
    const bad = typeof forward === 'string' ? checkTargetUrl(forward) : null;
    if (bad?.placeholder !== undefined)
      problems.push(badValue('forward', `forward has ${bad.placeholder}, which is not filled in: the only placeholder is {action_name}`));
    else if (typeof forward !== 'string' || bad) problems.push(badValue('forward', FORWARD_PROBLEM));
  }
  let mock: MockDefinition | null = null;
  let warnings: DefinitionError[] = [];
  if (Object.keys(mockFields).length > 0) {
    const validated = validateMockDefinition(mockFields, yamlTemplateLocator(yaml.text, yaml.document), ANSWER_FILE_FIELDS);
    if (validated.ok) {
      mock = validated.value;
      // A contract warning is about the value written at its path (`status: 500`, `result: 5`).
      warnings = validated.warnings.map((warning) => ({ ...warning, ...yamlPosition(yaml, warning.path, 'value') }));
    } else problems.push(...validated.errors.map((error) => mockProblem(yaml, file, error)));
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: { mock, warnings, mode: (mode as AnswerMode | undefined) ?? null, forward: (forward as string | undefined) ?? null, yaml },
  };
}

/** The file an action without one starts from (`file`, as the project names it): the `$schema` line editors read, and `version:`. */
export function newAnswerFile(file: string): YamlFile {
  const parsed = parseYamlFile(file, newYamlText([schemaLine('answers')], { version: PROJECT_FORMAT_VERSION }));
  if (!parsed.ok) throw new Error(`a new answer file does not parse: ${parsed.problems[0]?.message}`);
  return parsed.value;
}

/**
 * A mistake of the file's mock, in the file: a template's where the template's checker found it
 * (at the start of the value when the checker knew only its line, and that is the value's line),
 * any other at its value or its key as `place` says.
 */
function mockProblem(yaml: YamlFile, file: string, { path, message, place, line, column }: MockProblem): ProjectProblem {
  if (line === undefined) return problemAt(yaml, file, path, message, place);
  if (column !== undefined) return { file, line, column, message };
  const start = yamlPosition(yaml, path, 'value');
  return { file, line, column: start?.line === line ? start.column : null, message };
}
