// The page's dialog titles and the names of its parts that say more than a word or two, as the
// page wrote them itself: checked by their shape and the names its tests and people go by.
import { describe, expect, it } from 'vitest';
import {
  BANNER_NAMES,
  CALL_LIST_WORDS,
  DIALOG_WORDS,
  PROJECT_PART_NAMES,
  REPLAY_PART_NAMES,
  searchedDownToWords,
  SECTION_NAMES,
} from '../../../main/contract/words';
import { pageSources } from './page-sources';

/** A name or heading: capitalised, no full stop (a screen reader reads it as a name, not a sentence). */
const NAME = /^[A-Z][^.]*[^.\s]$/;

describe("the page's dialogs", () => {
  it('title each dialog, and name its × button after it', () => {
    for (const [name, { title, closeLabel }] of Object.entries(DIALOG_WORDS)) {
      expect(title, name).toMatch(NAME);
      expect(closeLabel, name).toMatch(/^Close [^.]*[a-z]$/);
    }
    expect(DIALOG_WORDS.settings.title).toBe('Settings');
    expect(DIALOG_WORDS.simulator).toEqual({ title: 'Simulate a Flowent call', closeLabel: 'Close the simulator' });
  });
});

describe("the names of the page's parts", () => {
  it('name each part once, as a name', () => {
    const tables = { BANNER_NAMES, SECTION_NAMES, REPLAY_PART_NAMES, PROJECT_PART_NAMES };
    for (const [table, names] of Object.entries(tables)) {
      for (const [name, words] of Object.entries(names)) expect(words, `${table}.${name}`).toMatch(NAME);
      expect(new Set(Object.values(names)).size, table).toBe(Object.keys(names).length);
    }
    expect(BANNER_NAMES.notStored).toBe('Calls cannot be stored');
    expect(SECTION_NAMES.routes).toBe('What answers each action');
    expect(REPLAY_PART_NAMES.nothingToReplay).toBe('Nothing to replay');
  });

  it('says why the call list has no rows: headings as names, notes as sentences', () => {
    const { noMatchNote, noneYetNote, ...names } = CALL_LIST_WORDS;
    for (const [name, words] of Object.entries(names)) expect(words, name).toMatch(NAME);
    for (const note of [noMatchNote, noneYetNote, searchedDownToWords(40)]) expect(note).toMatch(/^[A-Z].*[^.]\.$/);
    expect(CALL_LIST_WORDS.noMatchHeading).toBe('No calls match these filters');
    expect(searchedDownToWords(40)).toBe('Searched the calls down to #40, newest first.');
  });
});

/** The names, titles and headings of three words or more that `text` writes itself. */
function ownTitles(text: string): string[] {
  const written = [...text.matchAll(/(?:aria-label|title|closeLabel)="([^"]*)"|<h[1-6][^>{]*>\s*([^<{]+?)\s*</g)];
  return written.map((match) => match[1] ?? match[2] ?? '').filter((words) => words.split(/\s+/).length >= 3);
}

describe('the page writes no title of its own', () => {
  it('finds one where a file writes it (the check looks at something)', () => {
    expect(
      ownTitles('<section aria-label="Calls waiting here">\n  <h3>\n    Your handler&apos;s verifier\n  </h3>\n  <h3>Mock</h3>'),
    ).toEqual(['Calls waiting here', 'Your handler&apos;s verifier']);
  });

  it('takes every name, title and heading of three words or more in renderer/src from the shared words', () => {
    const written = [...pageSources(/\.tsx$/)].flatMap(([file, text]) => ownTitles(text).map((words) => `${file}: ${words}`));
    expect(written).toEqual([]);
  });
});
