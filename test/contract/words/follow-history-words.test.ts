// The Account tab's follow history, in the shared words as the page said it itself: each change
// of the public URL headed by when, the two URLs as code, and the follow mode it ran under.
import { expect, it } from 'vitest';
import { followRecordHeading } from '../../../main/contract/words';

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
