import type { Database, Statement } from 'better-sqlite3';

/** A place in the order of calls_by_received_at: by the time received, then by id. */
interface Place {
  receivedAt: number;
  id: number;
}

/** Before every call, whatever its time. */
const BEFORE_ALL: Place = { receivedAt: Number.MIN_SAFE_INTEGER, id: Number.MIN_SAFE_INTEGER };
/** The newest call of an empty history. */
const NONE: Place = { receivedAt: 0, id: 0 };

/**
 * Rows of calls_by_received_at one look or slice reads at most on its way past imported calls:
 * a few ms (about 1.5 µs a row, each row's source read from calls_by_id_filters).
 */
export const ROWS_READ_PER_LOOK = 4096;

/** A call the walk read: `kept` when imported (the age rule leaves it alone). */
interface WalkRow {
  id: number;
  receivedAt: number;
  kept: 0 | 1;
}

/**
 * Finds the calls the age rule wants gone: received before a cutoff, imported calls excepted
 * (they keep the times they were first received, often months ago). The oldest calls come
 * first in calls_by_received_at, and an import of 200,000 old calls lies there in the way: read
 * at every look, they cost 0.6 s each time (on a 2-core machine) before the first call due was found. Instead the
 * place reached is remembered, so each imported call is read once as the cutoff passes it, and
 * a look reads at most ROWS_READ_PER_LOOK rows (the first look after a start goes past a large
 * import in steps, one per look). No index or trigger is added: every stored call would pay for it.
 *
 * What the place promises: every call that is not imported, among those stored when the
 * finder last looked (ids up to `seen`), lies after it. Calls stored since are read once by id
 * (through calls_by_id_filters, which holds their source and time); one that lies before the
 * place (a replay in an imported file keeps its old time) moves the place back to it. SQLite
 * gives a new call the highest id + 1, so calls stored since lie above `seen` as long as the
 * call at `seen` is still there; when it is not, the history lost its newest calls (a clear,
 * or another process's deletions) and any call below may be new: the walk starts again.
 */
export class AgedCalls {
  private place: Place = BEFORE_ALL;
  /** The newest call when last looked at (id 0: none). */
  private seen: Place = NONE;
  private readonly newest: Statement;
  private readonly timeOf: Statement;
  private readonly earliestNew: Statement;
  private readonly walk: Statement;

  constructor(db: Database) {
    this.newest = db.prepare('SELECT id, received_at AS receivedAt FROM calls ORDER BY id DESC LIMIT 1');
    this.timeOf = db.prepare('SELECT received_at FROM calls WHERE id = ?').pluck();
    // A short stretch of an index ordered by id: the calls stored since the last look.
    this.earliestNew = db
      .prepare(
        `SELECT min(received_at) FROM calls INDEXED BY calls_by_id_filters
        WHERE id > ? AND source <> 'import' AND (received_at, id) <= (?, ?)`,
      )
      .pluck();
    // Every row from the place on is returned (no condition drops one but those received at the
    // place's own time), so the rows returned are the rows read. The source comes from
    // calls_by_id_filters, not from the row, whose source lies past its bodies (on overflow
    // pages when they are large): half the time a row.
    this.walk = db.prepare(
      `SELECT byTime.id AS id, byTime.received_at AS receivedAt, filters.source = 'import' AS kept
         FROM calls AS byTime INDEXED BY calls_by_received_at
         JOIN calls AS filters INDEXED BY calls_by_id_filters ON filters.id = byTime.id
        WHERE (byTime.received_at, byTime.id) > (?, ?) AND byTime.received_at < ?
        ORDER BY byTime.received_at, byTime.id LIMIT ?`,
    );
  }

  /**
   * Takes in the calls stored since the last look (see the class comment): before `find`, and
   * at the start of a transaction that deletes, before `deleted`.
   */
  catchUp(): void {
    const newest = (this.newest.get() as Place | undefined) ?? NONE;
    if (this.seen.id > 0 && this.timeOf.get(this.seen.id) !== this.seen.receivedAt) {
      this.place = BEFORE_ALL;
    } else if (newest.id > this.seen.id && this.place !== BEFORE_ALL) {
      const earliest = this.earliestNew.get(this.seen.id, this.place.receivedAt, this.place.id) as number | null;
      if (earliest !== null) this.place = { receivedAt: earliest, id: Number.MIN_SAFE_INTEGER };
    }
    this.seen = newest;
  }

  /**
   * Up to `want` calls received before `cutoff` and not imported, oldest first, reading at most
   * `rows` rows of the index (-1: no limit). The imported calls before the first one found are
   * passed at once; `through` is the place after every row read, to `pass` once the calls
   * found are deleted.
   */
  find(cutoff: number, want: number, rows: number): { ids: number[]; through: Place } {
    const read = this.walk.all(this.place.receivedAt, this.place.id, cutoff, rows) as WalkRow[];
    const ids: number[] = [];
    let through = this.place;
    for (const row of read) {
      if (!row.kept) {
        if (ids.length === want) break;
        ids.push(row.id);
      }
      through = { receivedAt: row.receivedAt, id: row.id };
      if (ids.length === 0) this.place = through;
    }
    return { ids, through };
  }

  /** The calls `find` gave were deleted (and committed): the walk goes on after every row it read. */
  pass(through: Place): void {
    if (after(through, this.place)) this.place = through;
  }

  /**
   * Calls were deleted in this transaction, after `catchUp`, the newest among them maybe: the
   * newest left is the one to compare with next time (no other process can store a call meanwhile).
   */
  deleted(): void {
    if (this.seen.id === 0 || this.timeOf.get(this.seen.id) !== undefined) return;
    this.seen = (this.newest.get() as Place | undefined) ?? NONE;
  }
}

function after(a: Place, b: Place): boolean {
  return a.receivedAt > b.receivedAt || (a.receivedAt === b.receivedAt && a.id > b.id);
}
