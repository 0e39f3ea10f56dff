import type { Database, Statement } from 'better-sqlite3';
import type { MockDefinition, MockFormat, AnswerMode, AnswerRoute, StoredMock } from '../../contract/api';
import type { AnswerStore, MockSource } from './answer-store';

/** The row key of the default (every action): not a valid action name, so it never collides. */
const DEFAULT_KEY = '*';

interface MockRow {
  action: string;
  definition: string;
  text: string | null;
  format: MockFormat | null;
  updated_at: number;
}

const MOCK_COLUMNS = 'action, definition, text, format, updated_at';

interface RouteRow {
  action: string;
  mode: AnswerMode | null;
  target: string | null;
  updated_at: number;
}

/**
 * Mocks and forwarding routes, per action or for every action (`null`). The server keeps what
 * it builds from them until `changeStamp()` moves: on every change made here, and on every
 * commit by another connection (`flowent-companion mocks set` in another process), so such a
 * change still applies at the server's next call.
 */
export class AnswersRepository implements AnswerStore {
  private readonly getMockStatement: Statement;
  private readonly getRouteStatement: Statement;
  private readonly dataVersionStatement: Statement;
  /** Moves on every change made through this connection, and when another connection commits. */
  private stamp = 0;
  private lastDataVersion: unknown = null;
  /** `PRAGMA data_version` was read in this turn of the event loop. */
  private askedThisTurn = false;

  constructor(private readonly db: Database) {
    this.getMockStatement = db.prepare(`SELECT ${MOCK_COLUMNS} FROM mocks WHERE action = ?`);
    this.getRouteStatement = db.prepare('SELECT action, mode, target, updated_at FROM routes WHERE action = ?');
    this.dataVersionStatement = db.prepare('PRAGMA data_version').pluck();
  }

  /**
   * A number that changes whenever a mock or route may have changed. `PRAGMA data_version`
   * moves when another connection (another process) commits anything; changes through this
   * connection do not move it, so they bump the stamp. It is asked once per turn of the event
   * loop: calls read together share the answer, and a change committed elsewhere applies from
   * the next turn on.
   */
  changeStamp(): number {
    if (this.askedThisTurn) return this.stamp;
    this.askedThisTurn = true;
    setImmediate(this.forgetAnswer);
    const dataVersion: unknown = this.dataVersionStatement.get();
    if (dataVersion !== this.lastDataVersion) {
      this.lastDataVersion = dataVersion;
      this.stamp++;
    }
    return this.stamp;
  }

  private readonly forgetAnswer = (): void => {
    this.askedThisTurn = false;
  };

  /** The stored definition text and its version stamp, for callers that cache what they build from it. */
  getMockRow(action: string | null): { definition: string; updatedAt: number } | null {
    const row = this.getMockStatement.get(key(action)) as MockRow | undefined;
    return row ? { definition: row.definition, updatedAt: row.updated_at } : null;
  }

  getMock(action: string | null): StoredMock | null {
    const row = this.getMockStatement.get(key(action)) as MockRow | undefined;
    return row ? toMock(row) : null;
  }

  listMocks(): StoredMock[] {
    const rows = this.db.prepare(`SELECT ${MOCK_COLUMNS} FROM mocks ORDER BY action`).all() as MockRow[];
    return rows.map(toMock);
  }

  /**
   * Stores a mock: its parsed definition (what answers) and, beside it, the text it was written
   * in (what is shown). Without a source (a mock made from a call) it is shown as its definition.
   */
  setMock(action: string | null, definition: MockDefinition, source: MockSource | null = null): StoredMock {
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO mocks (action, definition, text, format, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (action) DO UPDATE SET definition = excluded.definition, text = excluded.text, format = excluded.format,
           updated_at = excluded.updated_at`,
      )
      .run(key(action), JSON.stringify(definition), source?.text ?? null, source?.format ?? null, now);
    this.stamp++;
    return { action, definition, ...(source ?? asJson(definition)), updatedAt: now };
  }

  /** Removes one mock; returns whether there was one. */
  clearMock(action: string | null): boolean {
    this.stamp++;
    return this.db.prepare('DELETE FROM mocks WHERE action = ?').run(key(action)).changes > 0;
  }

  clearAllMocks(): number {
    this.stamp++;
    return this.db.prepare('DELETE FROM mocks').run().changes;
  }

  getRoute(action: string | null): AnswerRoute | null {
    const row = this.getRouteStatement.get(key(action)) as RouteRow | undefined;
    return row ? toRoute(row) : null;
  }

  listRoutes(): AnswerRoute[] {
    return (this.db.prepare('SELECT action, mode, target, updated_at FROM routes ORDER BY action').all() as RouteRow[]).map(toRoute);
  }

  /** Sets the mode and/or the target; `undefined` leaves a field as it is, `null` clears it. */
  setRoute(action: string | null, change: { mode?: AnswerMode | null; target?: string | null }, now = Date.now()): AnswerRoute {
    const current = this.getRoute(action);
    const mode = change.mode !== undefined ? change.mode : (current?.mode ?? null);
    const target = change.target !== undefined ? change.target : (current?.target ?? null);
    if (mode === null && target === null) {
      this.clearRoute(action);
      return { action, mode, target, updatedAt: now };
    }
    this.db
      .prepare(
        `INSERT INTO routes (action, mode, target, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (action) DO UPDATE SET mode = excluded.mode, target = excluded.target, updated_at = excluded.updated_at`,
      )
      .run(key(action), mode, target, now);
    this.stamp++;
    return { action, mode, target, updatedAt: now };
  }

  clearRoute(action: string | null): boolean {
    this.stamp++;
    return this.db.prepare('DELETE FROM routes WHERE action = ?').run(key(action)).changes > 0;
  }

  clearAllRoutes(): number {
    this.stamp++;
    return this.db.prepare('DELETE FROM routes').run().changes;
  }
}

function key(action: string | null): string {
  return action ?? DEFAULT_KEY;
}

function fromKey(stored: string): string | null {
  return stored === DEFAULT_KEY ? null : stored;
}

function toMock(row: MockRow): StoredMock {
  const definition = JSON.parse(row.definition) as MockDefinition;
  const source = row.text !== null && row.format !== null ? { text: row.text, format: row.format } : asJson(definition);
  return { action: fromKey(row.action), definition, ...source, updatedAt: row.updated_at };
}

/** A mock with no text of its own, shown as its definition. */
function asJson(definition: MockDefinition): MockSource {
  return { text: `${JSON.stringify(definition, null, 2)}\n`, format: 'json' };
}

function toRoute(row: RouteRow): AnswerRoute {
  return { action: fromKey(row.action), mode: row.mode, target: row.target, updatedAt: row.updated_at };
}
