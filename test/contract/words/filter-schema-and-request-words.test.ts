// The filter bar's titles and choices, the simulator's schema lines and why a request the companion could not take failed, as the page said them itself.
import { describe, expect, it } from 'vitest';
import {
  editingSchemaForWords,
  FAILURES_ONLY_TITLE,
  removeSchemaQuestion,
  REQUEST_NOT_READ,
  requestRefusedWords,
  SOURCE_FILTER_TITLE,
  TEST_FILTER_CHOICES,
} from '../../../main/contract/words';

describe("the filter bar's choices", () => {
  it('names the sources, the registration checks and the failures', () => {
    expect(SOURCE_FILTER_TITLE).toBe("Where calls came from: Flowent, or this companion's replays, simulator and imports");
    expect(TEST_FILTER_CHOICES).toEqual({
      all: 'Registration checks too',
      only: 'Only registration checks',
      none: 'No registration checks',
    });
    expect(FAILURES_ONLY_TITLE).toBe("Only the calls the header counts as failures: Flowent's own calls that failed");
  });
});

describe("the simulator's schema", () => {
  it('asks before removing one, and says which action an edit is for', () => {
    expect(removeSchemaQuestion('send_email')).toBe('Remove the schema defined here for send_email? It is not kept anywhere else.');
    expect(editingSchemaForWords('send_email')).toBe('Editing the schema for send_email: Save stores it under that name.');
  });
});

describe('a request the companion could not take from the page', () => {
  it('says so, and that a reload should mend it', () => {
    const reload =
      'Reload the page; if it happens again, the page and the companion may be of different versions: restart the companion, then reload.';
    expect(REQUEST_NOT_READ).toBe(`the companion could not read what this page asked. ${reload}`);
    expect(requestRefusedWords('limit must be a whole number.')).toBe(
      `the companion refused what this page asked for (limit must be a whole number). ${reload}`,
    );
  });
});
