// The Account tab's session line and the signature panel's styles, as the page said them itself.
import { describe, expect, it } from 'vitest';
import { noStyleMatchedWords, sessionWords, styleFoldWords } from '../../../main/contract/words';

describe("the Flowent session's line", () => {
  it('says none yet, one that runs out, and one that ran out', () => {
    expect(sessionWords({ state: 'none' })).toBe('Not connected yet: Connect exchanges the API token for a session.');
    expect(sessionWords({ state: 'live', countdown: '42:10' })).toBe('Session expires in 42:10 (renewed before it runs out).');
    expect(sessionWords({ state: 'expired' })).toBe('Session expired: it is exchanged again with the next request.');
  });
});

describe("the signature panel's styles", () => {
  it('says none matched of those tried, and what its fold button does', () => {
    expect(noStyleMatchedWords(9)).toBe('No signing style matched (9 tried).');
    expect(styleFoldWords(false, 9)).toBe('Show every style (9)');
    expect(styleFoldWords(true, 9)).toBe('Fold styles that signed the same bytes');
  });
});
