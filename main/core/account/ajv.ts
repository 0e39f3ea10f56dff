import type Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import type addFormats from 'ajv-formats';
import { loadLazily } from '../load-lazily';

const loadAjv = loadLazily<{ default: typeof Ajv }>('ajv');
const loadFormats = loadLazily<{ default: typeof addFormats }>('ajv-formats');

/**
 * One Ajv for schemas users write: every error at once, unknown keywords tolerated (Flowent
 * stores whatever JSON Schema it is given), formats checked (email, uri, date-time...).
 */
export function createAjv(): Ajv {
  const ajv = new (loadAjv().default)({ allErrors: true, strict: false, validateSchema: true });
  loadFormats().default(ajv);
  return ajv;
}

export type { ErrorObject };
