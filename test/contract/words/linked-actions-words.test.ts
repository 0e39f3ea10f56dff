import { describe, expect, it } from 'vitest';
import { linkedActionsWords } from '../../../main/contract/words';

describe('the linked actions, as the Account tab lists them under the follow mode', () => {
  it('says where an action is linked when none is', () => {
    expect(linkedActionsWords([], '"Register here" in Actions')).toBe(
      'No linked actions: "Register here" in Actions links an action to this companion.',
    );
  });

  it('counts them and names each with its profile, marking one Flowent no longer has', () => {
    expect(linkedActionsWords([{ action: 'send_email', profile: 'default' }], 'x')).toBe('1 linked action: send_email (default).');
    const links = [
      { action: 'send_email', profile: 'default' },
      { action: 'get_weather', profile: 'staging', gone: { at: 0, followSaid: false } },
    ];
    expect(linkedActionsWords(links, 'x')).toBe('2 linked actions: send_email (default), get_weather (staging, gone from Flowent).');
  });
});
