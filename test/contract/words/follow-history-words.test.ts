// The Account tab's follow history, in the shared words as the page said it itself: each change
// of the public URL headed by when, the two URLs as code, and the follow mode it ran under.
import { expect, it } from 'vitest';
import { followChangeWords, followRecordHeading } from '../../../main/contract/words';

it('heads a change of the public URL with its time, its two URLs apart and its mode', () => {
  const record = { at: 1_700_000_000_000, previous: 'https://old.ngrok.app', current: 'https://new.ngrok.app', mode: 'auto' as const };
  expect(followRecordHeading(record, (ms) => `at ${ms}`)).toEqual([
    { text: 'at 1700000000000: ' },
    { code: 'https://old.ngrok.app' },
    { text: ' → ' },
    { code: 'https://new.ngrok.app' },
    { text: ' (auto)' },
  ]);
});

it('leaves out a password any URL of the history carries, as every other line that prints an action URL does', () => {
  const record = {
    at: 0,
    previous: 'https://u:old-secret@old.ngrok.app',
    current: 'https://u:new-secret@new.ngrok.app',
    mode: 'ask' as const,
  };
  const heading = followRecordHeading(record, () => 'then').map((part) => ('code' in part ? part.code : part.text));
  expect(heading.join('')).toBe('then: https://u:***@old.ngrok.app → https://u:***@new.ngrok.app (ask)');
  const change = { profile: 'default', action: 'send_email', from: 'https://u:pw@old.ngrok.app/a', to: 'https://u:pw@new.ngrok.app/a' };
  expect(followChangeWords({ ...change, outcome: 'updated' }, null)).toBe('send_email: now https://u:***@new.ngrok.app/a');
  expect(followChangeWords({ ...change, outcome: 'proposed' }, null)).toBe('send_email: still https://u:***@old.ngrok.app/a');
});
