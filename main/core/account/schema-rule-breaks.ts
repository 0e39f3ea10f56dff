import { createAjv, type ErrorObject } from './ajv';

/** A place where a JSON Schema breaks JSON Schema's own rules: its JSON pointer, and what is wrong there. */
export interface SchemaRuleBreak {
  /** JSON pointer into the schema, '' for the schema itself. */
  path: string;
  /** E.g. `must be one of "array", "boolean", ..., not "objekt"`. */
  what: string;
}

/**
 * Each place where `schema` breaks JSON Schema's own rules, one finding per place; none when it
 * keeps them. Ajv reports a wrong `type` three times (not one of the names, not a list, neither
 * of the two): the names allowed say it once, with the value that is not one of them.
 */
export function schemaRuleBreaks(schema: Record<string, unknown>): SchemaRuleBreak[] {
  const ajv = createAjv();
  if (ajv.validateSchema(schema)) return [];
  const byPlace = new Map<string, ErrorObject>();
  for (const error of ajv.errors ?? []) {
    if (error.keyword === 'anyOf') continue;
    if (!byPlace.has(error.instancePath) || error.keyword === 'enum') byPlace.set(error.instancePath, error);
  }
  return [...byPlace].map(([path, error]) => {
    const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
    const what = allowed
      ? `must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}, not ${JSON.stringify(valueAt(schema, path))}`
      : (error.message ?? 'is not valid');
    return { path, what };
  });
}

/** The place in words: `json_schema.properties.city.type` for `/properties/city/type`. */
export function schemaPlace(path: string): string {
  return `json_schema${path.replace(/\//g, '.')}`;
}

function valueAt(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined),
      value,
    );
}
