import type { Database } from 'better-sqlite3';
import { isFailedCall, type Verdict, type Violation, type ViolationCode } from '../../contract/api';
import { redactUrlCredentials } from '../../contract/url-credentials';
import { defineReadableText, readableSql } from './readable-sql';
import { splitSharedHandlerRecords } from './split-handler-records';

export interface Migration {
  version: number;
  /** Why this migration exists, for whoever reads the schema's history. */
  purpose: string;
  up(db: Database): void;
}

/**
 * Numbered, append-only. Never edit a migration that has shipped: add the next one.
 * `PRAGMA user_version` records the last one applied.
 */
export const MIGRATIONS: readonly Migration[] = [
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
  {
    version: 11,
    purpose:
      "The text index holds a body's readable text (escapes decoded: \\u00fc as ü), so a search for Zürich finds a " +
      "body that Flowent's Python-style signer sent as Z\\u00fcrich; the bodies with escapes are indexed again.",
    up(db) {
      // Only a body with a `\u` can read differently, so only those indexed already are
      // re-indexed (their old entries deleted first: an old entry next to the new one would give
      // the call twice). The indexer does the calls above the mark as it always does.
      defineReadableText(db);
      const escapedAndIndexed = `SELECT id FROM calls WHERE instr(request_body, X'5C75') > 0
        AND id <= (SELECT indexed_up_to FROM text_index_state)`;
      db.exec(`
        CREATE TEMP TABLE reindexed AS ${escapedAndIndexed};
        DELETE FROM calls_text WHERE rowid IN (SELECT id FROM reindexed);
        INSERT INTO calls_text (rowid, body)
          SELECT id, ${readableSql('request_body')} FROM calls WHERE id IN (SELECT id FROM reindexed);
        DROP TABLE reindexed;
        DROP TRIGGER calls_text_update;
        CREATE TRIGGER calls_text_update AFTER UPDATE OF request_body ON calls
        WHEN NEW.id <= (SELECT indexed_up_to FROM text_index_state) BEGIN
          DELETE FROM calls_text WHERE rowid = OLD.id;
          INSERT INTO calls_text (rowid, body) VALUES (NEW.id, ${readableSql('NEW.request_body')});
        END;
      `);
    },
  },
  {
    version: 12,
    purpose:
      'Filters that combine columns (an action and a verdict, a verdict and a status) read the history by id through ' +
      'the columns they test, not through every row: a history of 1,000,000 calls answers within its time even when ' +
      'nothing matches and the file is not in memory.',
    up(db) {
      // Ordered by id, so a window of ids is a short stretch of this index; it holds every column
      // a filter tests and the counts read (failed, source, action), so the rows themselves are
      // read only for the calls that match, and counts not at all. About 53 bytes per call.
      db.exec('CREATE INDEX calls_by_id_filters ON calls (id, action, verdict, response_status, is_test, source, received_at, failed)');
    },
  },
  {
    version: 13,
    purpose:
      "A call records whether it came through the tunnel, so its X-Forwarded-For is read as the tunnel's word about the " +
      'caller only then: a caller on this machine or the LAN can send any X-Forwarded-For.',
    up(db) {
      // A constant default: SQLite adds the column without rewriting a row. Calls stored before
      // cannot be told apart, so they count as not through the tunnel.
      db.exec('ALTER TABLE calls ADD COLUMN via_tunnel INTEGER NOT NULL DEFAULT 0');
    },
  },
  {
    version: 14,
    purpose:
      'A search ignores letter case ("paris" finds "Paris", "zürich" finds "ZÜRICH"): the text index is made anew ' +
      'folding case, and the bodies are indexed again in idle time.',
    up(db) {
      // The index cannot be changed in place: its tokenizer's options are fixed when it is made.
      // Making it again here would hold a history of 1,000,000 calls for about a minute before
      // the companion starts; instead the new index starts empty with its mark at 0, so the
      // indexer (text-index.ts) fills it in idle time, oldest first, and searches meanwhile scan
      // the bodies it has not reached, as they do for any call not indexed yet: results are
      // the same, only slower until it is done. The triggers that name calls_text find the new
      // table by its name.
      db.exec(`
        DROP TABLE calls_text;
        CREATE VIRTUAL TABLE calls_text USING fts5(
          body, content='', contentless_delete=1, tokenize='trigram case_sensitive 0', detail=none
        );
        UPDATE text_index_state SET indexed_up_to = 0;
      `);
    },
  },
  {
    version: 15,
    purpose:
      'What a handler taught is kept per URL a call reached it at, not per target as configured: the actions forwarded ' +
      'to one `.../{action_name}` target reach routes that may verify differently, and one record for all of them ' +
      'contradicted itself.',
    up: splitSharedHandlerRecords,
  },
  {
    version: 16,
    purpose:
      "A call's forward target is kept with its password as `***`: the record needs the address, and the page and " +
      'the inspector API showed the password of each target that had one, a `serve --forward` given for one run too.',
    up(db) {
      // One statement, so a long history's rows are not read into memory; only a target with
      // an @ can hold credentials, and redactUrlCredentials leaves any other as it is.
      db.function('redact_url_credentials', { deterministic: true }, (url) => (typeof url === 'string' ? redactUrlCredentials(url) : url));
      db.exec("UPDATE calls SET forward_target = redact_url_credentials(forward_target) WHERE forward_target LIKE '%@%'");
    },
  },
  {
    version: 17,
    purpose:
      "What a handler taught is kept per key its calls were signed with (the key's fingerprint): a call signed with " +
      'another key, which the handler rightly refused, read as a valid signature refused, and every diagnosis after ' +
      'it said no signing style fits the handler.',
    up(db) {
      // The primary key changes, so the table is made anew. What was learned before has no key
      // to its name: it is kept under '' and taken by the first key that uses it (see
      // HandlersRepository), most likely the key it was learned with.
      db.exec(`
        CREATE TABLE handlers_by_key (
          target TEXT NOT NULL,
          key_fingerprint TEXT NOT NULL,
          knowledge TEXT NOT NULL,
          updated_at INTEGER NOT NULL,
          PRIMARY KEY (target, key_fingerprint)
        ) STRICT;
        INSERT INTO handlers_by_key (target, key_fingerprint, knowledge, updated_at)
          SELECT target, '', knowledge, updated_at FROM handlers;
        DROP TABLE handlers;
        ALTER TABLE handlers_by_key RENAME TO handlers;
      `);
    },
  },
  {
    version: 18,
    purpose:
      'A call records that its signature was spoiled on purpose (send --wrong-signature, Simulate, the probe of a ' +
      "handler's verifier), so the history says so instead of reading like a call some caller signed wrongly.",
    up(db) {
      // A constant default: SQLite adds the column without rewriting a row, and an ordinary call's
      // insert fills it in the same statement. Calls spoiled before this are found by their
      // signature: one of the key's digests for the body with its last hex digit changed, which
      // is what spoil-signature.ts sends. Only simulated calls and replays (the probe's) can be
      // such a call: read through the partial index on the sources other than Flowent's, not
      // through the verdict's, which holds every invalid call Flowent's traffic brought.
      db.exec(`
        ALTER TABLE calls ADD COLUMN spoiled_signature INTEGER NOT NULL DEFAULT 0 CHECK (spoiled_signature IN (0, 1));
        UPDATE calls INDEXED BY calls_by_other_source SET spoiled_signature = 1
        WHERE source <> 'flowent' AND source IN ('simulator', 'replay') AND verdict = 'invalid'
          AND length(json_extract(signature_report, '$.received')) = 64
          AND EXISTS (
            SELECT 1 FROM json_each(signature_report, '$.digests') AS packed
            WHERE substr(packed.value, 1, 63) = substr(json_extract(signature_report, '$.received'), 1, 63)
            UNION ALL
            SELECT 1 FROM json_each(signature_report, '$.styles') AS full
            WHERE substr(json_extract(full.value, '$.expected'), 1, 63) = substr(json_extract(signature_report, '$.received'), 1, 63)
          );
      `);
    },
  },
  {
    version: 19,
    purpose:
      'A call a handler answered records the key it was checked with (its fingerprint), so its details show what the ' +
      "handler taught about that key: after the key was changed, they showed the new key's record, nothing yet.",
    up(db) {
      // No default: SQLite adds the column without rewriting a row. Calls stored before do not
      // say which key checked them (null), nor do calls no handler answered.
      db.exec('ALTER TABLE calls ADD COLUMN key_fingerprint TEXT');
    },
  },
  {
    version: 20,
    purpose:
      'A call this companion signed records the style it signed it with, so a call whose text several styles write ' +
      'alike is named by that style everywhere: it was sent as one style, listed as another and diagnosed as a third.',
    up(db) {
      // No default: SQLite adds the column without rewriting a row. Calls stored before, and
      // calls the companion did not sign (Flowent's, replays sent as they were), have none.
      db.exec('ALTER TABLE calls ADD COLUMN signed_style TEXT');
    },
  },
  {
    version: 21,
    purpose:
      'A registration check answered 2xx is judged by its status and time alone, as Flowent judges it: the body ' +
      'findings stored with such checks before are dropped, and the calls they alone made failed are failed no more.',
    up(db) {
      // The answer check's rule changed (main/core/protocol/answer-check.ts); new calls follow it
      // at insert. These are the checks stored before it: few (one per registration), found
      // through the filter index (is_test and response_status are in it), rewritten one by one.
      const bodyFindings = new Set<string>(REGISTRATION_BODY_FINDINGS);
      const checks = db
        .prepare(
          'SELECT id, action, source, verdict, response_status AS status, violations, failed FROM calls ' +
            'WHERE is_test = 1 AND response_status BETWEEN 200 AND 299 AND violations IS NOT NULL',
        )
        .all() as {
        id: number;
        action: string | null;
        source: string;
        verdict: Verdict;
        status: number;
        violations: string;
        failed: number;
      }[];
      const rewrite = db.prepare('UPDATE calls SET violations = ?, failed = ? WHERE id = ?');
      const uncount = db.prepare('UPDATE call_counts SET failures = failures - 1 WHERE action = ?');
      for (const check of checks) {
        const kept = (JSON.parse(check.violations) as Violation[]).filter((violation) => !bodyFindings.has(violation.code));
        const failed = Number(isFailedCall({ status: check.status, verdict: check.verdict, violations: kept }));
        rewrite.run(kept.length > 0 ? JSON.stringify(kept) : null, failed, check.id);
        // The counts hold Flowent's own failures (migration 8); they have no trigger on UPDATE.
        if (check.failed === 1 && failed === 0 && check.source === 'flowent') uncount.run(check.action ?? '');
      }
    },
  },
];

/**
 * What the answer check said of a registration check's body before it judged those by their
 * status and time alone (migration 21): codes of main/core/protocol/answer-check.ts. Written out,
 * not derived from the codes there: a migration says what was true when it was written.
 */
const REGISTRATION_BODY_FINDINGS: readonly ViolationCode[] = [
  'too-large',
  'not-json',
  'not-object',
  'result-missing',
  'result-not-string',
  'error-not-string',
  'error-on-success',
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export type MigrateOutcome = { ok: true; from: number; to: number } | { ok: false; code: 'schema-too-new'; found: number; known: number };

/** Applies every migration above the database's version, each in its own transaction. */
export function migrate(db: Database, upTo: number = LATEST_VERSION): MigrateOutcome {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > LATEST_VERSION) {
    return { ok: false, code: 'schema-too-new', found: from, known: LATEST_VERSION };
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= from || migration.version > upTo) continue;
    // Two processes can open a new history at once (the app and serve, or two commands of a
    // CI job): each step takes the write lock first and is skipped when the other process
    // made it meanwhile, instead of failing on a table that now exists.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return { ok: true, from, to: Math.max(from, Math.min(upTo, LATEST_VERSION)) };
}
