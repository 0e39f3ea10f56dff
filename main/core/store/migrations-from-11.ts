/** Migrations from 11 on, apart from the runner and the first ten; the next migration is added at the end of this list. */
import { isFailedCall, type Verdict, type Violation, type ViolationCode } from '../../contract/api';
import { redactUrlCredentials } from '../../contract/url-credentials';
import { defineReadableText, readableSql } from './readable-sql';
import { splitSharedHandlerRecords } from './split-handler-records';
import type { Migration } from './migration';

export const MIGRATIONS_FROM_11: readonly Migration[] = [
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
  {
    version: 22,
    purpose:
      "A replay or a simulated call records whether it was sent to a companion's webhook and the handler that webhook " +
      'said it forwarded it to: the page and `calls <id>` guessed both from the answer, and named no handler that refused it.',
    up(db) {
      // No default: SQLite adds the columns without rewriting a row. Calls stored before, and the
      // calls this companion received rather than sent, have null: not known.
      db.exec(`
        ALTER TABLE calls ADD COLUMN through_webhook INTEGER CHECK (through_webhook IN (0, 1));
        ALTER TABLE calls ADD COLUMN webhook_forwarded_to TEXT;
      `);
    },
  },
  {
    version: 23,
    purpose:
      "An imported call is marked so, whatever its source: a replay or a simulated call read from another companion's " +
      'export kept its source alone, and read as sent by this companion (`[replay]` in calls, "sent by this companion" on the page).',
    up(db) {
      // No default: no row rewritten. A call stored before is known to be imported by its source
      // 'import' alone: an imported replay or simulated call then is not told from one sent here.
      db.exec('ALTER TABLE calls ADD COLUMN imported INTEGER CHECK (imported IN (0, 1));');
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
