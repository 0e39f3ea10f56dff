// The learned signing style's line and the first Esc over unsaved work, as the page said them itself.
import { describe, expect, it } from 'vitest';
import { discardWarningWords, learnedStyleWords, SAVE_FIRST } from '../../../main/contract/words';
import { styleLabel } from '../../../main/contract/style-labels';

const base = { style: 'python', fromCalls: 0, toldApartBy: 0, contrary: [], keySet: true };

describe('the learned signing style', () => {
  it('says what to do with no key, and the default style before anything is learned', () => {
    expect(learnedStyleWords({ ...base, keySet: false })).toBe('No HMAC key is set: set it in Settings to re-sign or simulate calls.');
    expect(learnedStyleWords(base)).toBe(
      `Nothing learned yet: re-signed calls use ${styleLabel('python')} until a valid Flowent call arrives.`,
    );
  });

  it('says the calls it was learned from, and those every style signs alike', () => {
    expect(learnedStyleWords({ ...base, fromCalls: 1 })).toBe(
      `Calls this companion signs use ${styleLabel('python')}: every style signs the one Flowent call so far alike, so none told which one Flowent uses.`,
    );
    expect(learnedStyleWords({ ...base, fromCalls: 5, toldApartBy: 1 })).toBe(
      `Calls this companion signs use ${styleLabel('python')}, learned from 1 Flowent call (the 4 other Flowent calls are signed alike by every style).`,
    );
    expect(learnedStyleWords({ ...base, fromCalls: 2, toldApartBy: 1 })).toBe(
      `Calls this companion signs use ${styleLabel('python')}, learned from 1 Flowent call (the one other Flowent call is signed alike by every style).`,
    );
  });
});

describe('the first Esc over unsaved work', () => {
  it('says what would go and how to keep it', () => {
    expect(discardWarningWords('the mock of send_email')).toBe(
      'Unsaved changes to the mock of send_email: press Esc again to discard them, or save first.',
    );
    expect(discardWarningWords('the parameters', 'send them')).toBe(
      'Unsaved changes to the parameters: press Esc again to discard them, or send them.',
    );
    expect(SAVE_FIRST).toBe('save first');
  });
});
