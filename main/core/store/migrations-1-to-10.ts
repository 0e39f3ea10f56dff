/** Migrations 1 to 10, the history's schema as it first grew (the calls table, its counts, text index and handlers); apart from the runner. */
import { isFailedCall, type Verdict, type Violation } from '../../contract/api';
import type { Migration } from './migration';

export const MIGRATIONS_1_TO_10: readonly Migration[] = [
  {
    version: 1,
    purpose: 'One row per call: the raw request, the verdict and the answer given.',
    up(db) {
      db.exec(`
        CREATE TABLE calls (
          id INTEGER PRIMARY KEY,
          received_at INTEGER NOT NULL,
          method TEXT NOT NULL,
          path TEXT NOT NULL,
          remote_address TEXT,
          action TEXT,
          is_test INTEGER NOT NULL DEFAULT 0,
          request_headers TEXT NOT NULL,
          request_body BLOB NOT NULL,
          body_size INTEGER NOT NULL,
          problem TEXT,
          problem_message TEXT,
          verdict TEXT NOT NULL,
          style TEXT,
          signature_report TEXT NOT NULL,
          answered_by TEXT NOT NULL,
          response_status INTEGER NOT NULL,
          response_headers TEXT NOT NULL,
          response_body BLOB NOT NULL,
          duration_ms REAL NOT NULL,
          source TEXT NOT NULL DEFAULT 'flowent',
          original_call_id INTEGER REFERENCES calls(id) ON DELETE SET NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 2,
    purpose: 'Indexes for the filters the inspector offers, and a table for non-secret settings.',
    up(db) {
      db.exec(`
        CREATE INDEX calls_by_action ON calls (action, id);
        CREATE INDEX calls_by_received_at ON calls (received_at);
        CREATE INDEX calls_by_verdict ON calls (verdict, id);
        CREATE TABLE settings (
          key TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 3,
    purpose: 'Editable mocks and forwarding targets; the contract check and forwarding outcome of each call.',
    up(db) {
      db.exec(`
        ALTER TABLE calls ADD COLUMN violations TEXT;
        ALTER TABLE calls ADD COLUMN forward_target TEXT;
        ALTER TABLE calls ADD COLUMN forward_error TEXT;
        ALTER TABLE calls ADD COLUMN registration_would_pass INTEGER;
        CREATE TABLE mocks (
          action TEXT PRIMARY KEY,
          definition TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE routes (
          action TEXT PRIMARY KEY,
          mode TEXT CHECK (mode IN ('mock', 'forward')),
          target TEXT,
          updated_at INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 4,
    purpose: 'Call counts per action kept by triggers, so the header counts cost a few rows instead of a scan of the whole history.',
    up(db) {
      // '' stands for calls without an action (a PRIMARY KEY cannot tell NULLs apart).
      // The failure test of schema 4, spelled on NEW/OLD rows; migration 8 replaced it with the stored rule.
      db.exec(`
        CREATE TABLE call_counts (
          action TEXT PRIMARY KEY,
          total INTEGER NOT NULL,
          failures INTEGER NOT NULL
        ) STRICT;
        INSERT INTO call_counts (action, total, failures)
          SELECT coalesce(action, ''), count(*),
                 sum(response_status >= 400 OR verdict IN ('invalid', 'missing', 'malformed', 'not-flowent'))
          FROM calls GROUP BY coalesce(action, '');
        CREATE TRIGGER calls_count_insert AFTER INSERT ON calls BEGIN
          INSERT INTO call_counts (action, total, failures)
            VALUES (coalesce(NEW.action, ''), 1,
                    NEW.response_status >= 400 OR NEW.verdict IN ('invalid', 'missing', 'malformed', 'not-flowent'))
          ON CONFLICT (action) DO UPDATE SET total = total + 1, failures = failures + excluded.failures;
        END;
        CREATE TRIGGER calls_count_delete AFTER DELETE ON calls BEGIN
          UPDATE call_counts SET total = total - 1,
            failures = failures - (OLD.response_status >= 400 OR OLD.verdict IN ('invalid', 'missing', 'malformed', 'not-flowent'))
          WHERE action = coalesce(OLD.action, '');
          DELETE FROM call_counts WHERE action = coalesce(OLD.action, '') AND total <= 0;
        END;
      `);
    },
  },
  {
    version: 5,
    purpose:
      'A full-text index of request bodies, so a text search on a big history reads an index instead of every body; ' +
      "an index on replays' original call, so deleting calls does not scan the history once per call.",
    up(db) {
      // Trigram tokens make any substring of 3+ characters findable, which is what the search
      // box promises; case_sensitive 1 kept the search case-sensitive as it was (until 14). detail=none
      // keeps the index about 4x smaller than with positions (no phrase queries: a search ANDs
      // the trigrams of the typed text and call-filter-sql.ts confirms each hit with instr()).
      // Contentless: the bodies stay in `calls` only. Existing calls are indexed here (the backfill).
      //
      // Every hit is joined back to `calls` and confirmed with instr(), so an entry left
      // behind by a deleted call is never a result, only a candidate that is dropped; a reused
      // id (SQLite reuses the highest after a delete) gets its new entry next to the old one.
      // So deletes are not mirrored row by row: deleting one row from this index costs
      // time that grows with the index (clearing 30,000 calls took 2.4 s, 1,000,000 would take
      // hours). When the history becomes empty (a clear), the whole index goes at once.
      // contentless_delete=1 is what allows that 'delete-all' and the update trigger's delete.
      // "Empty" is asked as max(id) IS NULL: a clear deletes from the lowest id up, and
      // looking for the lowest remaining row after each delete made it quadratic.
      db.exec(`
        CREATE VIRTUAL TABLE calls_text USING fts5(
          body, content='', contentless_delete=1, tokenize='trigram case_sensitive 1', detail=none
        );
        INSERT INTO calls_text (rowid, body) SELECT id, CAST(request_body AS TEXT) FROM calls;
        CREATE TRIGGER calls_text_insert AFTER INSERT ON calls BEGIN
          INSERT INTO calls_text (rowid, body) VALUES (NEW.id, CAST(NEW.request_body AS TEXT));
        END;
        CREATE TRIGGER calls_text_empty AFTER DELETE ON calls WHEN (SELECT max(id) FROM calls) IS NULL BEGIN
          INSERT INTO calls_text (calls_text) VALUES ('delete-all');
        END;
        -- Deleting a call looks for replays pointing at it (the foreign key's ON DELETE SET NULL):
        -- without this, clearing 5,000 calls took 12 s and 1,000,000 would never end. Partial:
        -- only replays have an original, so ordinary calls add nothing to it.
        CREATE INDEX calls_by_original_call ON calls (original_call_id) WHERE original_call_id IS NOT NULL;
        CREATE TRIGGER calls_text_update AFTER UPDATE OF request_body ON calls BEGIN
          DELETE FROM calls_text WHERE rowid = OLD.id;
          INSERT INTO calls_text (rowid, body) VALUES (NEW.id, CAST(NEW.request_body AS TEXT));
        END;
      `);
    },
  },
  {
    version: 6,
    purpose:
      'Bodies are added to the text index after their calls are answered, in idle time and in large batches, ' +
      'instead of by a trigger inside every insert; searches scan the calls not yet indexed.',
    up(db) {
      // The insert trigger cost more CPU per call than the rest of the row (about 85 µs of 125 in
      // batches of 10, 400 µs for a call alone), on the path every answer waits for. text-index.ts
      // now indexes in batches of hundreds when the server is idle, and the search reads the index
      // up to `indexed_up_to` and scans the (short) rest, so results do not change.
      //
      // SQLite gives a new row max(id) + 1, so when the newest calls are deleted their ids come
      // back: the mark moves down with the highest remaining id so that those new calls count as
      // not indexed. (Their old entries stay behind, as in migration 5; instr() drops them.)
      // The update trigger only rewrites entries the indexer already made; a call above the
      // mark gets its entry from the indexer, from the body as it is then.
      db.exec(`
        CREATE TABLE text_index_state (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          indexed_up_to INTEGER NOT NULL
        ) STRICT;
        INSERT INTO text_index_state (id, indexed_up_to) VALUES (1, coalesce((SELECT max(id) FROM calls), 0));
        DROP TRIGGER calls_text_insert;
        DROP TRIGGER calls_text_update;
        CREATE TRIGGER calls_text_update AFTER UPDATE OF request_body ON calls
        WHEN NEW.id <= (SELECT indexed_up_to FROM text_index_state) BEGIN
          DELETE FROM calls_text WHERE rowid = OLD.id;
          INSERT INTO calls_text (rowid, body) VALUES (NEW.id, CAST(NEW.request_body AS TEXT));
        END;
        CREATE TRIGGER calls_text_mark_down AFTER DELETE ON calls
        WHEN OLD.id > coalesce((SELECT max(id) FROM calls), 0) BEGIN
          UPDATE text_index_state SET indexed_up_to = coalesce((SELECT max(id) FROM calls), 0)
          WHERE indexed_up_to > coalesce((SELECT max(id) FROM calls), 0);
        END;
      `);
    },
  },
  {
    version: 7,
    purpose:
      "Every feature's settings under one '<scope>.' prefix, so the store gives each feature a scoped view of the " +
      "table: the learned signing style's tallies move from 'learned-style:<key fingerprint>' to 'learned-style.<...>'.",
    up(db) {
      db.exec(`
        UPDATE settings SET key = 'learned-style.' || substr(key, length('learned-style:') + 1)
        WHERE substr(key, 1, length('learned-style:')) = 'learned-style:';
      `);
    },
  },
  {
    version: 8,
    purpose:
      "The failure rule stored with each call (`failed`, computed by the contract's isFailedCall), header counts " +
      "over Flowent's own calls only, and an index for listing replays, simulated and imported calls.",
    up(db) {
      // The rule is code (main/contract/calls.ts), not SQL: new rows get the column from the same
      // function at insert, and rows already stored get it here, through that function made an SQL
      // function for this one statement. A later change of the rule comes with a migration that
      // runs this backfill again. Adding a column with a default rewrites no row; the UPDATE
      // touches only the calls that failed.
      db.exec('ALTER TABLE calls ADD COLUMN failed INTEGER NOT NULL DEFAULT 0 CHECK (failed IN (0, 1))');
      db.function('flowent_companion_failed', { deterministic: true }, (status, verdict, violations) =>
        Number(
          isFailedCall({
            status: Number(status),
            verdict: verdict as Verdict,
            violations: typeof violations === 'string' ? (JSON.parse(violations) as Violation[]) : [],
          }),
        ),
      );
      db.exec('UPDATE calls SET failed = 1 WHERE flowent_companion_failed(response_status, verdict, violations)');
      // The counts of migration 4, recounted: failures are now Flowent's own calls that failed
      // (COUNTED_FAILURE in call-filter-sql.ts, spelled on NEW/OLD rows); replays, simulated and
      // imported calls are in the totals but never in the failures.
      //
      // The partial index serves a filter on any source but Flowent's (call-filter-sql.ts adds
      // the index's condition to such a filter): those calls are few, so Flowent's traffic, the
      // bulk of the history, pays nothing for it on insert. Flowent's own calls need no index:
      // they are most of any page of the newest calls.
      db.exec(`
        DROP TRIGGER calls_count_insert;
        DROP TRIGGER calls_count_delete;
        DELETE FROM call_counts;
        INSERT INTO call_counts (action, total, failures)
          SELECT coalesce(action, ''), count(*), coalesce(sum(failed AND source = 'flowent'), 0)
          FROM calls GROUP BY coalesce(action, '');
        CREATE TRIGGER calls_count_insert AFTER INSERT ON calls BEGIN
          INSERT INTO call_counts (action, total, failures)
            VALUES (coalesce(NEW.action, ''), 1, NEW.failed AND NEW.source = 'flowent')
          ON CONFLICT (action) DO UPDATE SET total = total + 1, failures = failures + excluded.failures;
        END;
        CREATE TRIGGER calls_count_delete AFTER DELETE ON calls BEGIN
          UPDATE call_counts SET total = total - 1, failures = failures - (OLD.failed AND OLD.source = 'flowent')
          WHERE action = coalesce(OLD.action, '');
          DELETE FROM call_counts WHERE action = coalesce(OLD.action, '') AND total <= 0;
        END;
        CREATE INDEX calls_by_other_source ON calls (source, id) WHERE source <> 'flowent';
      `);
    },
  },
  {
    version: 9,
    purpose:
      "The developer's handler's verdict on each forwarded or replayed call's signature, the handler it came from, " +
      'and what each handler has accepted and refused so far.',
    up(db) {
      // handler_target is the handler as configured ({action_name} kept, credentials dropped);
      // its normalised form is the key of `handlers`, so a call's details can say what its
      // handler taught so far. `knowledge` is the tally of
      // main/core/handler-check/handler-memory.ts as JSON: counts per style, never a key.
      db.exec(`
        ALTER TABLE calls ADD COLUMN handler_signature TEXT CHECK (handler_signature IN ('accepted', 'refused', 'unknown'));
        ALTER TABLE calls ADD COLUMN handler_target TEXT;
        CREATE TABLE handlers (
          target TEXT PRIMARY KEY,
          knowledge TEXT NOT NULL,
          updated_at INTEGER NOT NULL
        ) STRICT;
      `);
    },
  },
  {
    version: 10,
    purpose:
      "What the list and the detail pane say besides the verdict: the body's action_name as sent when it is not a valid " +
      'name, which mock answer was given; and a mock kept as it was written (its text and format) beside its definition.',
    up(db) {
      // Calls stored before this have no record of the mock answer given: it stays null (the
      // detail pane says it was not recorded). The action as sent is in their bodies: it is
      // read back for the calls whose problem says it was not a valid name (JSON text, as the
      // checker writes it: 5, "Send Email").
      db.exec(`
        ALTER TABLE calls ADD COLUMN sent_action TEXT;
        ALTER TABLE calls ADD COLUMN mock_choice TEXT;
        UPDATE calls SET sent_action = json_quote(json_extract(CAST(request_body AS TEXT), '$.action_name'))
        WHERE problem = 'invalid-action-name' AND json_valid(CAST(request_body AS TEXT));
        ALTER TABLE mocks ADD COLUMN text TEXT;
        ALTER TABLE mocks ADD COLUMN format TEXT CHECK (format IN ('json', 'yaml'));
      `);
    },
  },
];
