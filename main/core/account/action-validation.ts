import type { ActionCreate, ActionInputCheck, ActionUpdate, FieldProblem } from '../../contract/account';
import { ACTION_NAME_PATTERN, ACTION_NAME_RULE } from '../../contract/action-name';
import { createAjv } from './ajv';
import { schemaPlace, schemaRuleBreaks } from './schema-rule-breaks';

export type { FieldProblem } from '../../contract/account';
/** What Flowent would say about an action before anything is sent (the contract's ActionInputCheck). */
export type InputCheck = ActionInputCheck;

export function checkName(name: string): FieldProblem | null {
  if (!ACTION_NAME_PATTERN.test(name)) {
    return {
      field: 'name',
      message: `"${name}" is not an action name: use ${ACTION_NAME_RULE} (e.g. send_email).`,
    };
  }
  return null;
}

/**
 * The checks Flowent applies to `POST /actions` (all fields) or `PUT` (`partial`), run before
 * anything is sent so the user sees every problem at once. `production` is true when the
 * Gateway is not a local instance: there Flowent wants https webhooks.
 */
export function checkActionInput(
  input: Partial<ActionCreate> & ActionUpdate,
  options: { partial: boolean; production: boolean },
): InputCheck {
  const problems: FieldProblem[] = [];
  const warnings: string[] = [];
  const need = (field: FieldProblem['field'], present: boolean) => {
    if (!present && !options.partial) problems.push({ field, message: `${field} is required.` });
    return present;
  };
  if (!options.partial || input.name !== undefined) {
    const problem = need('name', input.name !== undefined) ? checkName(input.name ?? '') : null;
    if (problem) problems.push(problem);
  }
  if (need('description', input.description !== undefined)) {
    const problem = descriptionProblem(input.description ?? '');
    if (problem) problems.push({ field: 'description', message: `${problem}.` });
  }
  if (need('webhook_url', input.webhook_url !== undefined)) {
    const url = parseUrl(input.webhook_url ?? '');
    if (!url)
      problems.push({
        field: 'webhook_url',
        // An absolute URL of another scheme (ftp://...) is told the rule it breaks: Flowent POSTs over http(s).
        message: URL.canParse(input.webhook_url ?? '')
          ? `webhook_url must be an http:// or https:// URL (Flowent POSTs to it), such as https://example.com/actions/send_email, not "${input.webhook_url}".`
          : `webhook_url must be an absolute URL such as https://example.com/actions/send_email, not "${input.webhook_url}".`,
      });
    else if (url.protocol === 'http:' && options.production) {
      warnings.push(
        `webhook_url ${input.webhook_url} is plain http: Flowent asks for https in production (a tunnel gives you an https URL).`,
      );
    }
  }
  if (need('json_schema', input.json_schema !== undefined)) {
    const unusable = checkJsonSchema(input.json_schema);
    if (unusable) problems.push({ field: 'json_schema', message: unusable });
  }
  return { problems, warnings };
}

/**
 * What is wrong with a description's length, or null: the one wording for `actions register`
 * and an action file (where Ajv would say "must NOT have fewer than 1 characters").
 */
export function descriptionProblem(description: string): string | null {
  const length = [...description].length;
  return length < 1 || length > 500 ? `description must be 1-500 characters (it has ${length})` : null;
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What is wrong with a json_schema (in an action's input or its file), or null when it can be used. */
export function checkJsonSchema(schema: unknown): string | null {
  const unusable = isJsonObject(schema) ? schemaCompileProblem(schema) : 'it must be a JSON object';
  return unusable ? `json_schema is not a valid JSON Schema: ${unusable}.` : null;
}

/**
 * Why `schema` cannot be used, or null when it can: each place that breaks JSON Schema's rules,
 * said with the value there and the ones allowed; else why Ajv cannot compile it (a $ref to nowhere).
 */
export function schemaCompileProblem(schema: Record<string, unknown>): string | null {
  const breaks = schemaRuleBreaks(schema);
  if (breaks.length > 0) return breaks.map(({ path, what }) => `${schemaPlace(path)} ${what}`).join('; ');
  try {
    // A fresh Ajv each time: a schema with an $id would otherwise clash with its last check.
    createAjv().compile(schema);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function parseUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** True when the Gateway is a real deployment, not a Flowent running on this machine. */
export function isProductionGateway(baseUrl: string): boolean {
  const host = parseUrl(baseUrl)?.hostname ?? '';
  return !['localhost', '127.0.0.1', '[::1]', '::1'].includes(host);
}
