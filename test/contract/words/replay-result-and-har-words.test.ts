// The replay panel's words and the HAR export's and import's lines, as the page said them itself.
// The panel's buttons are checked by their shape and the names the page's vocabulary points at, not restated one by one.
import { describe, expect, it } from 'vitest';
import {
  EXPORT_CANCELLED,
  exportDownloadedWords,
  exportedWords,
  headerDiffWords,
  IMPORT_CANCELLED,
  importEndWords,
  importToastWords,
  NOT_RE_SIGNED,
  READING_THE_FILE,
  REPLAY_BUTTONS,
  replayVerdictWords,
  REPLAYING,
  SAME_ANSWER_AS_ORIGINAL,
  statusDiffLineWords,
  statusDiffWords,
  unstoredBodyWords,
  uploadingWords,
} from '../../../main/contract/words';

describe('the replay panel', () => {
  it('names its buttons, and says a call it cannot send', () => {
    // A button's words: capitalised, no full stop; "…" only where it opens more or is under way.
    for (const [name, label] of Object.entries(REPLAY_BUTTONS)) expect(label, name).toMatch(/^[A-Z][^.]*([a-zA-Z]|…)$/);
    expect(new Set(Object.values(REPLAY_BUTTONS)).size).toBe(Object.keys(REPLAY_BUTTONS).length);
    // The page's vocabulary and the handler's diagnosis tell people to press these two.
    expect(REPLAY_BUTTONS.asIs).toBe('Replay as is');
    expect(REPLAY_BUTTONS.resigned).toBe('Replay re-signed');
    expect(REPLAYING).toBe('Replaying…');
    expect(unstoredBodyWords('2.50 GB')).toBe(
      "Nothing to replay or copy: this call's body (2.50 GB) was refused before it was read, so it was not kept.",
    );
    expect(NOT_RE_SIGNED).toBe('not re-signed (original signature)');
  });

  it('says the verdict: same, another or a failing answer, a refusal, or none', () => {
    const answered = { answeredBy: 'forward', problem: null, violations: [] } satisfies Omit<
      Parameters<typeof replayVerdictWords>[0],
      'verdict'
    >;
    expect(replayVerdictWords({ ...answered, verdict: 'passed' })).toBe('passed: same answer, no contract problem');
    expect(replayVerdictWords({ ...answered, verdict: 'changed' })).toBe('changed: another answer, no contract problem');
    expect(replayVerdictWords({ ...answered, verdict: 'failed' })).toBe('failed: the answer breaks Flowent’s contract');
    expect(replayVerdictWords({ answeredBy: 'error', problem: 'missing-parameters', violations: [], verdict: 'failed' })).toBe(
      'failed: refused: no parameters',
    );
    expect(
      replayVerdictWords({
        answeredBy: 'forward-error',
        problem: null,
        violations: [{ code: 'no-answer', message: 'no answer', cause: 'refused' }],
        verdict: 'failed',
      }),
    ).toBe('failed: your handler refused the connection');
  });

  it('says how the answer differs, in the status words `replay --diff` uses', () => {
    expect(statusDiffWords({ before: 200, after: 401 }, false)).toBe('status 200 → 401');
    expect(statusDiffLineWords({ before: 200, after: 401, changed: true }, false)).toBe('Status 200 → 401 (changed)');
    expect(statusDiffLineWords({ before: 200, after: 200, changed: false }, false)).toBe('Status 200 → 200');
    expect(statusDiffLineWords({ before: 502, after: 0, changed: true }, true)).toBe(
      "Status 502 → no answer (as the original's 502: your handler still cannot be reached)",
    );
    expect(headerDiffWords('no-cache', null)).toBe('no-cache → (none)');
    expect(SAME_ANSWER_AS_ORIGINAL).toBe("The answer is the same as the original's.");
  });
});

describe('a HAR export and import on the page', () => {
  it('says where the export went, and what it left out', () => {
    expect(exportedWords({ count: 4, matched: 4 }, { file: '/home/me/calls.har', leftOut: null })).toBe(
      'Exported 4 calls to /home/me/calls.har.',
    );
    expect(exportDownloadedWords({ count: 1, matched: 1 }, 'flowent-calls.har', null)).toBe('Downloaded 1 call as flowent-calls.har');
    expect(exportedWords({ count: 2, matched: 3 }, { file: 'c.har', leftOut: '1 older call was left out: use the command' })).toBe(
      'Exported the newest 2 of 3 calls to c.har; 1 older call was left out: use the command',
    );
    expect(exportedWords({ count: 2, matched: 2 }, { file: null, leftOut: null, notStored: 1 })).toBe(
      'Exported 2 calls (1 of the given ids are not stored).',
    );
    expect(EXPORT_CANCELLED).toBe('Export cancelled: nothing was saved.');
  });

  it('says how far an import is, and what it stored', () => {
    expect(uploadingWords(0, 0)).toBe('Uploading…');
    expect(uploadingWords(1.5 * 1024 * 1024, 3 * 1024 * 1024)).toBe('Uploading 1.5 of 3.0 MB');
    expect(uploadingWords(12 * 1024 * 1024, 130 * 1024 * 1024)).toBe('Uploading 12 of 130 MB');
    expect(READING_THE_FILE).toBe('Reading the file…');
    expect(IMPORT_CANCELLED).toBe('Import cancelled: no file was read.');
    const none = { imported: 0, duplicates: 0, skipped: 0, notFlowent: 0, overLimits: 0 };
    expect(importEndWords({ ...none, imported: 3, broken: 0 }, 'calls.har')).toBe('Imported 3 calls from calls.har.');
    expect(
      importToastWords({
        ...none,
        opened: true,
        imported: 1,
        skipped: 1,
        problems: [{ path: 'log.entries[2].request', message: 'The entry has no request.' }],
      }),
    ).toBe('Imported 1 call; skipped 2: 1 not a POST with a body, 1 broken (log.entries[2].request The entry has no request).');
    expect(importToastWords({ ...none, opened: false, problems: [] })).toBe(IMPORT_CANCELLED);
  });
});
