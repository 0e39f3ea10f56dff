import { ACTION_NAME_RULE, isActionName } from '../../contract/action-name';
import type { ProjectProblem } from '../../contract/project';
import { createAjv } from '../account/ajv';
import { schemaPlace, schemaRuleBreaks } from '../account/schema-rule-breaks';
import { checkJsonSchema, descriptionProblem } from '../account/action-validation';
import { ACTION_FILE_SCHEMA, PROJECT_FORMAT_VERSION, schemaLine, versionProblem } from './project-schemas';
import { newYamlText, parseYamlFile, problemAt, type YamlFile } from './yaml-file';

/** An action as its file describes it. */
export interface ActionFile {
  name: string;
  /** Relative to the project folder. */
  file: string;
  description: string;
  json_schema: Record<string, unknown>;
  /** One URL (or `here`) for every profile, or one per profile. */
  webhookUrl: string | Record<string, string>;
  yaml: YamlFile;
}

export type ActionFileRead = { ok: true; value: ActionFile } | { ok: false; problems: ProjectProblem[] };

let validateFile: ((value: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params: object }[] | null };

/** Parses and checks `actions/<name>.yaml`: the format, the name against the file's, the JSON Schema itself. */
export function readActionFile(file: string, text: string): ActionFileRead {
  const fromFileName = /([^/\\]+)\.ya?ml$/.exec(file)?.[1] ?? '';
  if (!isActionName(fromFileName)) {
    const message = `"${fromFileName}" is not an action name: name the file <action>.yaml, with ${ACTION_NAME_RULE} (e.g. send_email.yaml)`;
    return { ok: false, problems: [{ file, line: null, column: null, message }] };
  }
  const parsed = parseYamlFile(file, text);
  if (!parsed.ok) return parsed;
  const yaml = parsed.value;
  const value = yaml.value;
  const problem = (path: string, message: string, place: 'key' | 'value' = 'key'): ProjectProblem =>
    problemAt(yaml, file, path, message, place);
  // Every mistake of the file at once: a CI run (or a save) that finds one per round costs a round each.
  const problems: ProjectProblem[] = [];
  validateFile ??= createAjv().compile(ACTION_FILE_SCHEMA);
  if (!validateFile(value)) {
    const errors = (validateFile.errors ?? []).filter((error) => !/must match (a|exactly one) schema in anyOf/.test(error.message ?? ''));
    // webhook_url is a URL or a map of URLs: Ajv reports what is wrong for both readings, and
    // the entry of a map, when it got that far, is the one the user wrote wrong.
    const intoMap = errors.some((error) => error.instancePath.startsWith('/webhook_url/'));
    const kept = errors.filter((error) => !(intoMap && error.instancePath === '/webhook_url'));
    problems.push(...kept.map((error) => problem(whereError(error), describeError(error, value), placeOf(error))));
  }
  const fields: { name?: unknown; json_schema?: unknown } = isRecord(value) ? value : {};
  // A name that is no action name is said by the check above; one that is, but not the file's, here.
  if (typeof fields.name === 'string' && isActionName(fields.name) && fields.name !== fromFileName)
    problems.push(
      problem(
        '/name',
        `the file is named ${fromFileName}.yaml but names the action "${fields.name}": rename the file or change the name`,
        'value',
      ),
    );
  if (isRecord(fields.json_schema)) problems.push(...jsonSchemaProblems(fields.json_schema, problem));
  if (problems.length > 0) return { ok: false, problems: inFileOrder(problems) };
  const action = value as {
    description: string;
    json_schema: Record<string, unknown>;
    webhook_url: ActionFile['webhookUrl'];
  };
  return {
    ok: true,
    value: {
      name: fromFileName,
      file,
      description: action.description,
      json_schema: action.json_schema,
      webhookUrl: action.webhook_url,
      yaml,
    },
  };
}

/** The webhook_url the file gives a profile (`here` included), or null when it names other profiles only. */
export function webhookUrlFor(action: ActionFile, profile: string): string | null {
  if (typeof action.webhookUrl === 'string') return action.webhookUrl;
  return Object.hasOwn(action.webhookUrl, profile) ? (action.webhookUrl[profile] ?? null) : null;
}

/** A new action file, as `pull` and `init` write it. */
export function newActionFileText(
  action: { name: string; description: string; json_schema: Record<string, unknown> },
  webhookUrl: ActionFile['webhookUrl'],
): string {
  return newYamlText([schemaLine('action')], {
    version: PROJECT_FORMAT_VERSION,
    name: action.name,
    description: action.description,
    json_schema: action.json_schema,
    webhook_url: webhookUrl,
  });
}

/** An unknown field is found where it is written; Ajv places it on the map that holds it, the top of the file. */
function whereError(error: { instancePath: string; params: object }): string {
  const unknown = (error.params as { additionalProperty?: string }).additionalProperty;
  return unknown === undefined ? error.instancePath : `${error.instancePath}/${unknown.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function describeError(error: { instancePath: string; message?: string; params: object }, value: unknown): string {
  const description = (value as { description?: unknown } | null)?.description;
  if (error.instancePath === '/description' && typeof description === 'string') {
    const tooShortOrLong = descriptionProblem(description);
    if (tooShortOrLong) return tooShortOrLong;
  }
  if (error.instancePath === '/version') return versionProblem((value as { version?: unknown }).version);
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'the file';
  const params = error.params as { additionalProperty?: string; allowedValue?: unknown; missingProperty?: string; type?: string };
  if (!error.instancePath && params.type) return 'an action file is a map: version: 1, description, json_schema and webhook_url';
  if (params.additionalProperty)
    return `unknown field "${params.additionalProperty}"; an action file has version, name, description, json_schema and webhook_url`;
  if (params.missingProperty === 'version') return versionProblem(undefined);
  if (params.missingProperty) return `${params.missingProperty} is required`;
  if (where.startsWith('webhook_url')) return `${where} must be "here" or an http(s) URL (or, per profile, a map of those)`;
  if (params.allowedValue !== undefined) return `${where} must be ${JSON.stringify(params.allowedValue)}`;
  return `${where} ${error.message ?? 'is not valid'}`;
}

/** A mistake about a field's value is placed at the value; one about the field itself (unknown, missing) at its key. */
function placeOf(error: { instancePath: string; params: object }): 'key' | 'value' {
  const params = error.params as { additionalProperty?: string; missingProperty?: string };
  return error.instancePath === '' || params.additionalProperty !== undefined || params.missingProperty !== undefined ? 'key' : 'value';
}

/** Each mistake once, by line (those without one first, as they are about the whole file). */
function inFileOrder(problems: ProjectProblem[]): ProjectProblem[] {
  return problems
    .filter((one, index) => problems.findIndex((other) => sameProblem(one, other)) === index)
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function sameProblem(a: ProjectProblem, b: ProjectProblem): boolean {
  return a.message === b.message && a.line === b.line && a.column === b.column;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Each place where json_schema breaks JSON Schema's own rules, at its line, in file order; or,
 * when it keeps them but Ajv still cannot use it (a $ref to nowhere), why.
 */
function jsonSchemaProblems(
  schema: Record<string, unknown>,
  problem: (path: string, message: string, place: 'key' | 'value') => ProjectProblem,
): ProjectProblem[] {
  const breaks = schemaRuleBreaks(schema);
  if (breaks.length === 0) {
    const unusable = checkJsonSchema(schema);
    return unusable ? [problem('/json_schema', unusable, 'key')] : [];
  }
  return breaks
    .map(({ path, what }) =>
      problem(`/json_schema${path}`, `${schemaPlace(path)} ${what}: json_schema is not a valid JSON Schema`, 'value'),
    )
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
