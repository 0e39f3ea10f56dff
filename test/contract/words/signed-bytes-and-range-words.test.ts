// The signature's "Signed bytes of" view and the filter bar's time range, in the words the page said itself.
import { describe, expect, it } from 'vitest';
import {
  bytesComparedWords,
  COMPARE_WITH_STYLE,
  COMPARED_WITH,
  MISSING_HERE,
  NO_COMPARISON,
  rangeBackwardsWords,
  SIGNED_BYTES_OF,
  SIGNED_BYTES_UNAVAILABLE,
  signedBytesOfWords,
  STYLE_SHOWN,
  TODAY,
  timeRangeWords,
} from '../../../main/contract/words';

describe('the signed bytes of each style', () => {
  it('names the choices, and says where two styles differ', () => {
    expect([SIGNED_BYTES_OF, COMPARED_WITH, NO_COMPARISON, STYLE_SHOWN, COMPARE_WITH_STYLE]).toEqual([
      'Signed bytes of',
      'compared with',
      '(no comparison)',
      'Style shown',
      'Compare with style',
    ]);
    expect(SIGNED_BYTES_UNAVAILABLE).toBe('The signed bytes are not available for this call.');
    expect(MISSING_HERE).toBe('⟂ (missing here)');
    expect(signedBytesOfWords('Python example')).toBe('Signed bytes: Python example');
    expect(bytesComparedWords('Go example', null)).toBe('Identical to Go example.');
    expect(bytesComparedWords('Go example', { from: 12, to: 14 })).toBe('Differs from Go example at characters 12–14 (marked).');
  });
});

describe("the filter bar's time range", () => {
  const today = { day: TODAY, clock: '18:00' };
  const dec4 = { day: 'Dec 4', clock: '19:30' };

  it('says a range, an end on the start’s day by its clock only', () => {
    expect(timeRangeWords(today, { day: TODAY, clock: '19:00' }, true)).toBe('today 18:00 – 19:00');
    expect(timeRangeWords(dec4, today, false)).toBe('Dec 4 19:30 – today 18:00');
    expect(timeRangeWords(dec4, null, false)).toBe('since Dec 4 19:30');
    expect(timeRangeWords(null, today, false)).toBe('until today 18:00');
    expect(timeRangeWords(null, null, false)).toBeNull();
  });

  it('says an end before the start, and that the list kept its range', () => {
    expect(rangeBackwardsWords(today, dec4)).toBe(
      'The end (Dec 4 19:30) is before the start (today 18:00): choose an end after the start. The list keeps the range it had.',
    );
  });
});
