import Ajv, { type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * One Ajv for schemas users write: every error at once, unknown keywords tolerated (Flowent
 * stores whatever JSON Schema it is given), formats checked (email, uri, date-time...).
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: true });
  addFormats(ajv);
  return ajv;
}

export type { ErrorObject };
