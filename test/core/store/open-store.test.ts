import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../main/core/store/open-store';
import { join } from 'node:path';
import { startInCliWords } from '../../../main/cli/cli-words';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';

const { tempDir } = cleanupsPerTest();

describe('openStore', () => {
  it('opens in WAL mode and creates the folder', () => {
    const dir = tempDir();
    const opened = openStore({ dataDir: join(dir, 'nested', 'data') });
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const db = new Database(opened.value.file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    opened.value.close();
  });

  it('explains a file that is not a history database', async () => {
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'history.sqlite'), 'this is not sqlite, just text that is long enough to have a header'.repeat(20));
    const opened = openStore({ dataDir: dir });
    expect(opened.ok).toBe(false);
    if (!opened.ok) {
      expect(opened.code).toBe('database-damaged');
      expect(startInCliWords(opened)).toMatch(/Move it aside/);
    }
  });

  it('explains a data folder path that is a file', async () => {
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const opened = openStore({ dataDir: file });
    expect(opened.ok).toBe(false);
    if (!opened.ok) {
      expect(opened.code).toBe('data-dir-unusable');
      expect(opened).toMatchObject({ dir: file });
      expect(startInCliWords(opened)).toContain(file);
    }
  });
});
