import { describe, expect, it } from 'vitest';
import { counted } from '../../main/contract/words';

describe('counted', () => {
  it('says a count with its noun as a person writes it', () => {
    expect(counted(0, 'call')).toBe('0 calls');
    expect(counted(1, 'call')).toBe('1 call');
    expect(counted(2, 'mock')).toBe('2 mocks');
    expect(counted(1000, 'call')).toBe('1,000 calls');
    expect(counted(1_000_000, 'Flowent call')).toBe('1,000,000 Flowent calls');
    expect(counted(1, 'entry', 'entries')).toBe('1 entry');
    expect(counted(4, 'entry', 'entries')).toBe('4 entries');
  });
});
