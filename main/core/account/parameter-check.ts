import type { ValidateFunction } from 'ajv';
import { createAjv, type ErrorObject } from './ajv';
import type { SettingsScope } from '../store/settings-repository';
import type { ActionListing } from './action-listing';
import type { CheckedSchema, FlowentAction, ParameterCheck, ParameterProblem } from '../../contract/account';

export type { ParameterCheck, ParameterProblem } from '../../contract/account';

/** A check made against a known schema: every outcome but `no-schema`. */
export type SchemaCheck = Exclude<ParameterCheck, { status: 'no-schema' }>;

interface CachedSchema {
  schema: Record<string, unknown>;
  fetchedAt: number;
}

/**
 * Action schemas fetched from Flowent, kept in settings per profile so calls can be checked
 * offline; and the check itself.
 */
export class SchemaCache {
  private readonly compiled = new Map<string, { text: string; validate: ValidateFunction }>();

  constructor(
    private readonly settings: SettingsScope,
    private readonly profile: string,
    private readonly now: () => number = Date.now,
  ) {}

  remember(actions: FlowentAction[]): void {
    for (const action of actions)
      this.settings.write(this.key(action.name), { schema: action.json_schema, fetchedAt: this.now() } satisfies CachedSchema);
  }

  /**
   * Caches a listing's schemas. A whole list also replaces the cache (schemas of actions left
   * out of it go) and records when it was fetched: an action with no cached schema after it is
   * not on Flowent (as of then). A partial one only adds: what it leaves out may still be there.
   */
  rememberListing({ actions, complete }: ActionListing): void {
    this.remember(actions);
    if (!complete) return;
    const listed = new Set(actions.map((action) => action.name));
    for (const name of this.cachedNames()) if (!listed.has(name)) this.forget(name);
    this.settings.write(this.listedKey(), this.now());
  }

  /** Drops every schema cached for the profile and when its list was fetched (the profile is removed). */
  clear(): void {
    for (const name of this.cachedNames()) this.forget(name);
    this.settings.remove(this.listedKey());
  }

  private cachedNames(): string[] {
    return this.settings.keys(this.key('')).map((key) => key.slice(this.key('').length));
  }

  /** When the profile's list of actions was last fetched (ms since the epoch); null before the first listing. */
  listedAt(): number | null {
    return this.settings.read<number | null>(this.listedKey(), null);
  }

  forget(name: string): void {
    this.settings.remove(this.key(name));
  }

  get(name: string): CachedSchema | null {
    return this.settings.read<CachedSchema | null>(this.key(name), null);
  }

  /** Checks a call's `parameters` against the cached schema of `action`; null when none is cached. */
  validate(action: string, parameters: unknown): SchemaCheck | null {
    const cached = this.get(action);
    if (!cached) return null;
    const text = JSON.stringify(cached.schema);
    let entry = this.compiled.get(action);
    if (!entry || entry.text !== text) {
      try {
        entry = { text, validate: createAjv().compile(cached.schema) };
      } catch (error) {
        return {
          status: 'bad-schema',
          problems: [],
          message: `The schema Flowent holds for ${action} cannot be used: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
      this.compiled.set(action, entry);
    }
    const valid = entry.validate(parameters);
    const problems = valid ? [] : (entry.validate.errors ?? []).map(describe);
    return { status: 'checked', problems, schema: { from: 'flowent', fetchedAt: cached.fetchedAt } };
  }

  private key(name: string): string {
    return `schema.${this.profile}.${name}`;
  }

  private listedKey(): string {
    return `actions-listed.${this.profile}`;
  }
}

/**
 * Schemas given whole compiled so far (action files by path, simulator schemas by action), with
 * the text they were compiled from: a serve in a project checks every call's parameters, and
 * compiling a schema costs more than checking against it.
 */
export type FileSchemas = Map<string, { text: string; validate: ValidateFunction }>;

/**
 * Checks a call's `parameters` against a schema given whole: the open project's action file,
 * so a handler can be built against a schema Flowent does not have yet.
 */
export function validateAgainstFile(
  file: { path: string; schema: Record<string, unknown>; modifiedAt: number },
  parameters: unknown,
  compiled: FileSchemas = new Map(),
): SchemaCheck {
  return validateAgainst(file.schema, parameters, compiled, `file:${file.path}`, `The schema in ${file.path}`, {
    from: 'project',
    file: file.path,
    savedAt: file.modifiedAt,
  });
}

/**
 * Checks a call's `parameters` against the schema defined in the simulator for `action`: the
 * one its simulated calls were generated from, when Flowent has none for it.
 */
export function validateAgainstSimulatorSchema(
  action: string,
  schema: Record<string, unknown>,
  parameters: unknown,
  compiled: FileSchemas = new Map(),
): SchemaCheck {
  return validateAgainst(schema, parameters, compiled, `simulator:${action}`, `The schema defined in the simulator for ${action}`, {
    from: 'simulator',
  });
}

function validateAgainst(
  schema: Record<string, unknown>,
  parameters: unknown,
  compiled: FileSchemas,
  compiledKey: string,
  schemaName: string,
  source: CheckedSchema,
): SchemaCheck {
  const checked = schemaProblems(schema, parameters, compiled, compiledKey);
  return checked.ok
    ? { status: 'checked', problems: checked.problems, schema: source }
    : { status: 'bad-schema', problems: [], message: `${schemaName} cannot be used: ${checked.reason}` };
}

/**
 * What `parameters` break of `schema`, compiled once per `compiledKey` while its text stays the
 * same; a schema that does not compile comes back as its reason.
 */
export function schemaProblems(
  schema: Record<string, unknown>,
  parameters: unknown,
  compiled: FileSchemas,
  compiledKey: string,
): { ok: true; problems: ParameterProblem[] } | { ok: false; reason: string } {
  let validate: ValidateFunction;
  const text = JSON.stringify(schema);
  try {
    const known = compiled.get(compiledKey);
    validate = known && known.text === text ? known.validate : createAjv().compile(schema);
    compiled.set(compiledKey, { text, validate });
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, problems: validate(parameters) ? [] : (validate.errors ?? []).map(describe) };
}

function describe(error: ErrorObject): ParameterProblem {
  const base = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const path = `${base}.${String(params.missingProperty)}`;
      return { path, keyword: 'required', message: `${path} is missing (the schema requires it).` };
    }
    case 'type':
      return { path: base, keyword: 'type', message: `${base} should be ${article(String(params.type))}.` };
    case 'format':
      return { path: base, keyword: 'format', message: `${base} is not a valid ${String(params.format)}.` };
    case 'enum':
      return { path: base, keyword: 'enum', message: `${base} must be one of ${JSON.stringify(params.allowedValues)}.` };
    case 'additionalProperties': {
      const path = `${base}.${String(params.additionalProperty)}`;
      return { path, keyword: 'additionalProperties', message: `${path} is not allowed by the schema.` };
    }
    default:
      return { path: base, keyword: error.keyword, message: `${base} ${error.message ?? 'does not match the schema'}.` };
  }
}

/** `/items/2/qty` → `parameters.items[2].qty`. */
function pointerToPath(pointer: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.reduce(
    (path, part) =>
      /^\d+$/.test(part) ? `${path}[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `${path}.${part}` : `${path}[${JSON.stringify(part)}]`,
    'parameters',
  );
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}
