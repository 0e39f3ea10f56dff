import type { Database } from 'better-sqlite3';

/**
 * One step of merging the text index's segments, of at most `pages` pages: positive merges
 * levels that hold enough segments (what inserts leave), negative merges whatever is there
 * (what deletes leave). Returns whether any page was merged: false when nothing was left to do.
 */
export type TextIndexMergeStep = (pages: number) => boolean;

export function textIndexMergeStep(db: Database): TextIndexMergeStep {
  const merge = db.prepare("INSERT INTO calls_text (calls_text, rank) VALUES ('merge', ?)");
  const changes = db.prepare('SELECT total_changes()').pluck();
  return (pages) => {
    const before = changes.get() as number;
    merge.run(pages);
    // The command itself counts as one change; more means pages were merged.
    return (changes.get() as number) - before > 1;
  };
}
