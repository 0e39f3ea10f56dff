import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where `prepare-native.mjs` puts better-sqlite3 built for Electron, relative to the app
 * folder. Kept apart from node_modules so the Node build there keeps serving `npm test`.
 */
export const ELECTRON_SQLITE_BINDING = ['.electron-native', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'];

/** The Electron build of better-sqlite3 when it exists; undefined lets the core use its default. */
export function electronSqliteBinding(appPath: string, exists: (path: string) => boolean = existsSync): string | undefined {
  const path = join(appPath, ...ELECTRON_SQLITE_BINDING);
  return exists(path) ? path : undefined;
}
