import type Database from 'better-sqlite3';

/** One statement a recording connection ran, with its parameters. */
export interface StatementRun {
  sql: string;
  args: unknown[];
}

/** A connection whose statements say what they ran, with which parameters. */
export function recording(db: Database.Database, runs: StatementRun[]): Database.Database {
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const statement = prepare(sql);
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        runs.push({ sql, args });
        return original(...args);
      };
    }
    return statement;
  }) as typeof db.prepare;
  return db;
}
