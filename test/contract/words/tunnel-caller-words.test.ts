// Who sent a call through the tunnel: one phrase for `calls <id>` and the page's call detail.
import { describe, expect, it } from 'vitest';
import { tunnelCallerWords } from '../../../main/contract/words';
import { cap } from '../../../main/contract/words/said';

describe('the caller of a call through the tunnel', () => {
  it('is named as having come through the tunnel, after the address the command line gives, or on a line of its own', () => {
    expect(tunnelCallerWords('34.120.1.9')).toBe('through the tunnel from 34.120.1.9');
    expect(`from 127.0.0.1 (${tunnelCallerWords('2001:db8::1')})`).toBe('from 127.0.0.1 (through the tunnel from 2001:db8::1)');
    expect(cap(tunnelCallerWords('34.120.1.9'))).toBe('Through the tunnel from 34.120.1.9');
  });
});
