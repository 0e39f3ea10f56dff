import { createRequire } from 'node:module';

const requireFromHere = createRequire(__filename);

/**
 * A library loaded the first time it is used, not when the core is. Several take tens of
 * milliseconds to load (undici, ajv, handlebars, yaml, diff), and a command or a server start
 * that never forwards, renders a template or checks a schema should not wait for them.
 */
export function loadLazily<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireFromHere(specifier) as T);
}
