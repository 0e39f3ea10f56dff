// The Account dialog's Actions tab, as the page said it itself: without a token, Register here's
// wait, and what an action's badges mean.
import { describe, expect, it } from 'vitest';
import { ACTION_BADGE_TITLES, actionsNeedTokenWords, REGISTER_HERE_WAITING } from '../../../main/contract/words';

describe("the Account dialog's Actions tab", () => {
  it('says where to set the API token, and where it comes from when the page cannot set it', () => {
    expect(actionsNeedTokenWords(null)).toBe('Set your API token (Account tab) to see your actions.');
    expect(actionsNeedTokenWords('FLOWENT_API_TOKEN')).toBe(
      'Set your API token (Account tab) to see your actions: here it comes from FLOWENT_API_TOKEN.',
    );
  });

  it("says Register here's wait and the badges' meaning", () => {
    expect(REGISTER_HERE_WAITING).toBe(
      'Waiting for Flowent: it sends its registration check to this companion (watch the history) before it answers…',
    );
    expect(ACTION_BADGE_TITLES).toEqual({
      linked: 'Follows this companion when the public URL changes',
      stale: 'Its webhook_url no longer reaches this companion',
    });
  });
});
