import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../../main/core/store/migrations';
import { startInCliWords } from '../../../main/cli/cli-words';
import { unmigratedHistories, tables } from '../../helpers/unmigrated-history';

const { tempDb } = unmigratedHistories();

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('running again changes nothing', () => {
    const db = tempDb();
    migrate(db);
    const before = tables(db);
    expect(migrate(db)).toEqual({ ok: true, from: LATEST_VERSION, to: LATEST_VERSION });
    expect(tables(db)).toEqual(before);
  });

  it('refuses a history written by a newer version, saying what to do', () => {
    const db = tempDb();
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    const outcome = migrate(db);
    expect(outcome.ok).toBe(false);
    expect(outcome).toMatchObject({ ok: false, code: 'schema-too-new', found: LATEST_VERSION + 1, known: LATEST_VERSION });
    if (!outcome.ok) expect(startInCliWords(outcome)).toMatch(/newer Flowent Companion.*--data-dir/s);
  });
});
