/**
 * The project folder's file formats as JSON Schemas. The same objects check the files when they
 * are read and are written into `flowent/schemas/` by `init`, where the `$schema` line of each
 * file points, so an editor (VS Code with the YAML extension) completes and checks as you type.
 */

/** Every file says which version of the format it is written in. */
export const PROJECT_FORMAT_VERSION = 1;

/**
 * Why a file's `version` is not one this companion reads, said the same for action and answer
 * files. A higher number is most likely a file a newer companion wrote (a teammate updated
 * first): updating is the fix, and writing the version this one reads only when the file keeps
 * to its format.
 */
export function versionProblem(version: unknown): string {
  if (version === undefined) return `version: ${PROJECT_FORMAT_VERSION} is missing (the format this file is written in)`;
  if (typeof version === 'number' && Number.isInteger(version) && version > PROJECT_FORMAT_VERSION)
    return `version ${version} is the format of a newer Flowent Companion: update the companion to read this file, or write version: ${PROJECT_FORMAT_VERSION} if it keeps to this one's format`;
  return `version must be ${PROJECT_FORMAT_VERSION}, not ${JSON.stringify(version)}`;
}

const URL_OR_HERE = {
  anyOf: [
    { const: 'here', description: "This companion: its tunnel's public URL when one is open, its local URL otherwise." },
    { type: 'string', pattern: '^https?://', description: 'Any webhook URL, e.g. https://api.example.com/actions/send_email' },
  ],
};

export const ACTION_FILE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'A Flowent action (flowent/actions/<name>.yaml)',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'description', 'json_schema', 'webhook_url'],
  properties: {
    version: { const: PROJECT_FORMAT_VERSION, description: 'The format of this file.' },
    name: {
      type: 'string',
      pattern: '^[a-z0-9_]{1,100}$',
      description: 'The action name; the file must be named <name>.yaml.',
    },
    description: { type: 'string', minLength: 1, maxLength: 500, description: 'What the action does, as Flowent shows it.' },
    json_schema: { type: 'object', description: "The JSON Schema of the call's parameters." },
    webhook_url: {
      description: 'Where Flowent sends the calls: one URL for every profile, or one per profile (default, staging...).',
      anyOf: [
        URL_OR_HERE,
        {
          type: 'object',
          minProperties: 1,
          propertyNames: { pattern: '^[a-z0-9_-]{1,40}$' },
          additionalProperties: URL_OR_HERE,
        },
      ],
    },
  },
} as const;

const CONDITION = {
  type: 'object',
  required: ['path'],
  properties: {
    path: { type: 'string', description: 'e.g. parameters.user.email' },
    equals: {},
    contains: { type: 'string' },
    regex: { type: 'string' },
    exists: { type: 'boolean' },
    op: { enum: ['equals', 'contains', 'regex', 'exists'] },
    value: {},
  },
  additionalProperties: false,
  // One operator, as the companion reads a condition: by its name, or as `op` and `value`.
  oneOf: [
    { required: ['equals'] },
    { required: ['contains'] },
    { required: ['regex'] },
    { required: ['exists'] },
    { required: ['op', 'value'] },
  ],
};

const FAULT = {
  anyOf: [
    { enum: ['timeout', 'drop', 'non-json', 'error'] },
    {
      type: 'object',
      required: ['type'],
      properties: {
        type: { enum: ['timeout', 'drop', 'non-json', 'error'] },
        holdMs: { type: 'integer', minimum: 0 },
        message: { type: 'string' },
      },
    },
    { type: 'null' },
  ],
};

const ANSWER_FIELDS = {
  status: { type: 'integer', minimum: 100, maximum: 599 },
  headers: { type: 'object', additionalProperties: { type: 'string' } },
  body: { description: 'A Handlebars template, or JSON whose strings are templates: {{parameters.x}}, {{uuid}}, {{now}}...' },
  delayMs: { type: 'integer', minimum: 0 },
  fault: FAULT,
};

const ANSWER = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    when: { anyOf: [CONDITION, { type: 'array', items: CONDITION }] },
    ...ANSWER_FIELDS,
  },
  additionalProperties: false,
};

export const ANSWER_FILE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: "An action's answers (flowent/answers/<name>.yaml, or _default.yaml for every action)",
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  properties: {
    version: { const: PROJECT_FORMAT_VERSION, description: 'The format of this file.' },
    mode: { enum: ['mock', 'forward'], description: 'Answer with the mock, or forward to your handler.' },
    forward: {
      type: 'string',
      pattern: '^https?://',
      description: 'Your handler, e.g. http://localhost:8000/actions/{action_name}',
    },
    selection: { enum: ['rules', 'sequence', 'random'] },
    answerRegistrationCheck: { type: 'boolean' },
    responses: { type: 'array', items: ANSWER },
    fallback: ANSWER,
    ...ANSWER_FIELDS,
  },
} as const;

/** Where `init` writes the schemas, relative to the project folder, and how a file points at them. */
export const SCHEMA_FILES = {
  action: { path: 'schemas/action.schema.json', schema: ACTION_FILE_SCHEMA },
  answers: { path: 'schemas/answers.schema.json', schema: ANSWER_FILE_SCHEMA },
} as const;

/** The first line of a file in `actions/` or `answers/`: the yaml-language-server's `$schema` comment. */
export function schemaLine(kind: keyof typeof SCHEMA_FILES): string {
  return `# yaml-language-server: $schema=../${SCHEMA_FILES[kind].path}`;
}
