import { describe, expect, it } from 'vitest';
import { callInHash, hashWithCall } from '../../../renderer/src/app/call-address';
import { readToken } from '../../../renderer/src/transport/page-token';

// The call shares the hash with the inspector's token: writing one must leave the other as it was.
describe('the call in the address', () => {
  it('is read from the hash beside other parameters, and only as an id', () => {
    expect(callInHash('#call=12')).toBe(12);
    expect(callInHash('#token=t0k&call=7')).toBe(7);
    expect(callInHash('')).toBeNull();
    for (const hash of ['#call=', '#call=0', '#call=-3', '#call=1.5', '#call=12abc', '#call=99999999999999999999']) {
      expect(callInHash(hash), hash).toBeNull();
    }
  });

  it('is written beside a token the address still carries, which stays readable as it was', () => {
    const token = 'a/b+c=d%e';
    const withToken = `#token=${encodeURIComponent(token)}`;
    const written = hashWithCall(withToken, 5);
    expect(callInHash(written)).toBe(5);
    expect(readToken(written)).toBe(token);
    expect(readToken(hashWithCall(written, null))).toBe(token);
    expect(hashWithCall(written, null)).not.toContain('call');
  });

  it('leaves an empty hash when the call was all it had', () => {
    expect(hashWithCall('#call=4', null)).toBe('');
    expect(hashWithCall('', 4)).toBe('#call=4');
    expect(hashWithCall('#call=4', 9)).toBe('#call=9');
  });
});
